using System.Globalization;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Funding;

/// <summary>Settings of the 360Giving export (section OpenData:ThreeSixtyGiving).</summary>
public sealed class ThreeSixtyGivingOptions
{
    public const string Section = "OpenData:ThreeSixtyGiving";

    /// <summary>
    /// The publisher's 360Giving identifier prefix. A real publisher registers its own with 360Giving; the default is a
    /// test prefix that no registered publisher has.
    /// </summary>
    public string IdentifierPrefix { get; set; } = "360G-infrastructuur";

    public string PublisherName { get; set; } = "Infrastructuur (test publisher)";

    /// <summary>The publisher's organisation identifier (org-id.guide), e.g. NL-KVK-12345678; left out when empty.</summary>
    public string? PublisherIdentifier { get; set; }

    public string? PublisherWebsite { get; set; }

    public string License { get; set; } = "https://creativecommons.org/licenses/by/4.0/";

    /// <summary>Grants read per page: memory and statements per page stay constant, whatever the number of grants.</summary>
    public int PageSize { get; set; } = 500;

    public static ThreeSixtyGivingOptions Of(IConfiguration configuration)
    {
        var options = configuration.GetSection(Section).Get<ThreeSixtyGivingOptions>() ?? new();
        options.IdentifierPrefix = options.IdentifierPrefix.Trim().TrimEnd('-');
        if (options.IdentifierPrefix.Length == 0 || options.IdentifierPrefix.Any(char.IsWhiteSpace))
        {
            throw new InvalidOperationException($"{Section}:IdentifierPrefix must be a registered 360Giving prefix such as 360G-example, without spaces.");
        }

        options.PageSize = Math.Clamp(options.PageSize, 1, 5_000);
        return options;
    }
}

/// <summary>One grant as 360Giving publishes it, with everything a page read for it.</summary>
public sealed record ThreeSixtyGivingGrant(
    string Id,
    string Title,
    string Description,
    decimal AmountAwarded,
    decimal AmountDisbursed,
    DateOnly AwardDate,
    DateOnly? PlannedStart,
    DateOnly? PlannedEnd,
    DateTime Modified,
    ThreeSixtyGivingOrg Recipient,
    ThreeSixtyGivingOrg Funder,
    IReadOnlyList<ThreeSixtyGivingLocation> Locations,
    IReadOnlyList<ThreeSixtyGivingClassification> Classifications);

public sealed record ThreeSixtyGivingOrg(string Id, string Name);

public sealed record ThreeSixtyGivingLocation(string Name, string? GeoCode, string? GeoCodeType);

public sealed record ThreeSixtyGivingClassification(string Vocabulary, string Code, string Title);

/// <summary>
/// Reads the published awarded grants for the 360Giving export, page by page (keyset on award date and id): exactly the
/// grants an anonymous caller sees through GraphQL (VisibilityRules.Grant for the anonymous viewer), awarded, disbursed
/// or settled. Each page is six statements, whatever its size.
/// </summary>
public sealed class ThreeSixtyGivingExport(InfrastructuurDb db, ThreeSixtyGivingOptions options)
{
    public const string ThemeVocabulary = "Infrastructuur theme";

    public const string Iv3Vocabulary = "Iv3 task field";

    public const string ColumnVocabulary = "Infrastructuur budget column";

    public ThreeSixtyGivingOptions Options => options;

    /// <summary>The published grants: awarded and visible to anyone.</summary>
    public IQueryable<Grant> Published => db.Grants.AsNoTracking().Where(Grant.IsAwarded).Where(VisibilityRules.Grant(Viewer.Anonymous));

    /// <summary>An ID under our prefix for a party without a registered identifier (its UUID is stable and opaque).</summary>
    public string OwnId(string kind, Guid id) => $"{options.IdentifierPrefix}-{kind}-{id:D}";

    /// <summary>Count, latest change and the most locations and classifications one grant has (for the CSV's columns).</summary>
    public async Task<(int Count, DateTime? Modified, int MaxLocations, int MaxClassifications)> SummaryAsync(CancellationToken ct)
    {
        var summary = await Published.GroupBy(_ => 1).Select(g => new { Count = g.Count(), Modified = g.Max(x => x.ModifiedAt) }).FirstOrDefaultAsync(ct);
        if (summary is null)
        {
            return (0, null, 0, 0);
        }

        var locations = await Published.MaxAsync(g => (int?)g.BeneficiaryNeighbourhoods.Count, ct) ?? 0;
        var classifications = await Published.MaxAsync(g => (int?)(g.Themes.Count + g.Allocations.Count), ct) ?? 0;
        return (summary.Count, DateTime.SpecifyKind(summary.Modified, DateTimeKind.Utc), locations, classifications);
    }

    /// <summary>The published grants in award-date order, one page at a time.</summary>
    public async IAsyncEnumerable<IReadOnlyList<ThreeSixtyGivingGrant>> PagesAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        DateOnly? afterOn = null;
        var afterId = Guid.Empty;
        while (true)
        {
            var query = Published;
            if (afterOn is { } on)
            {
                var id = afterId;
                query = query.Where(g => g.ListedOn.CompareTo(on) > 0 || (g.ListedOn == on && g.Id.CompareTo(id) > 0));
            }

            var rows = await query.OrderBy(g => g.ListedOn).ThenBy(g => g.Id).Take(options.PageSize).Select(g => new
            {
                g.Id,
                g.Title,
                g.Description,
                Awarded = g.AmountAwardedCents ?? 0,
                g.AwardDate,
                g.ListedOn,
                g.PlannedStartsOn,
                g.PlannedEndsOn,
                g.ModifiedAt,
                g.FunderId,
                FunderName = g.Funder!.Name,
                g.RecipientInitiativeId,
                InitiativeName = g.RecipientInitiative!.Name,
                g.RecipientOrganisationId,
                OrganisationName = g.RecipientOrganisation!.Name,
                g.RecipientProgrammeId,
                ProgrammeName = g.RecipientProgramme!.Name,
            }).ToListAsync(ct);
            if (rows.Count == 0)
            {
                yield break;
            }

            var ids = rows.Select(r => r.Id).ToList();
            var organisations = rows.Select(r => r.FunderId).Concat(rows.Where(r => r.RecipientOrganisationId is not null).Select(r => r.RecipientOrganisationId!.Value)).Distinct().ToList();
            var kvk = (await db.OrganisationIdentifiers.AsNoTracking()
                .Where(i => i.Scheme == Kvk.Scheme && organisations.Contains(i.OrganisationId))
                .Select(i => new { i.OrganisationId, i.Value }).ToListAsync(ct))
                .Where(i => Kvk.IsValid(i.Value)).GroupBy(i => i.OrganisationId).ToDictionary(g => g.Key, g => g.Select(i => i.Value).Min(StringComparer.Ordinal)!);
            // Through the link tables themselves: a join SQLite can run (a navigation from a filtered grant needs APPLY).
            var themes = (await (
                from link in db.Set<Dictionary<string, object>>("GrantTheme")
                join t in db.Themes on EF.Property<Guid>(link, "ThemesId") equals t.Id
                where ids.Contains(EF.Property<Guid>(link, "GrantId"))
                select new { GrantId = EF.Property<Guid>(link, "GrantId"), t.Code, t.NameNl }).AsNoTracking().ToListAsync(ct))
                .ToLookup(t => t.GrantId);
            var places = (await (
                from link in db.Set<Dictionary<string, object>>("GrantNeighbourhood")
                join n in db.Neighbourhoods on EF.Property<Guid>(link, "BeneficiaryNeighbourhoodsId") equals n.Id
                where ids.Contains(EF.Property<Guid>(link, "GrantId"))
                select new { GrantId = EF.Property<Guid>(link, "GrantId"), n.Name, n.CbsCode }).AsNoTracking().ToListAsync(ct))
                .ToLookup(n => n.GrantId);
            var columns = (await db.GrantAllocations.AsNoTracking().Where(a => ids.Contains(a.GrantId))
                .Select(a => new { a.GrantId, a.BudgetLine!.Iv3TaskField, a.BudgetLine.Column }).ToListAsync(ct))
                .ToLookup(a => a.GrantId);
            var paid = await db.Disbursements.AsNoTracking().Where(d => ids.Contains(d.GrantId))
                .GroupBy(d => d.GrantId).Select(g => new { GrantId = g.Key, Cents = g.Sum(d => d.AmountCents) }).ToDictionaryAsync(p => p.GrantId, p => p.Cents, ct);

            ThreeSixtyGivingOrg Org(Guid id, string name, string kind) =>
                new(kvk.TryGetValue(id, out var number) ? $"{Kvk.Scheme}-{number}" : OwnId(kind, id), name);

            yield return [.. rows.Select(r => new ThreeSixtyGivingGrant(
                $"{options.IdentifierPrefix}-{r.Id:D}",
                r.Title,
                // The standard requires a description; a grant without one repeats its title.
                string.IsNullOrWhiteSpace(r.Description) ? r.Title : r.Description,
                r.Awarded / 100m,
                paid.GetValueOrDefault(r.Id) / 100m,
                r.AwardDate ?? r.ListedOn,
                r.PlannedStartsOn,
                r.PlannedEndsOn,
                DateTime.SpecifyKind(r.ModifiedAt, DateTimeKind.Utc),
                r.RecipientOrganisationId is { } organisation ? Org(organisation, r.OrganisationName, "org")
                    : r.RecipientInitiativeId is { } initiative ? new(OwnId("initiative", initiative), r.InitiativeName)
                    : new(OwnId("programme", r.RecipientProgrammeId!.Value), r.ProgrammeName),
                Org(r.FunderId, r.FunderName, "org"),
                [.. places[r.Id].OrderBy(p => p.CbsCode, StringComparer.Ordinal).ThenBy(p => p.Name, StringComparer.Ordinal)
                    .Select(p => new ThreeSixtyGivingLocation(p.Name, p.CbsCode, p.CbsCode is { Length: > 2 } code ? code[..2] : null))],
                [.. themes[r.Id].OrderBy(t => t.Code, StringComparer.Ordinal).Select(t => new ThreeSixtyGivingClassification(ThemeVocabulary, t.Code, t.NameNl)),
                    .. columns[r.Id].Select(c => c.Iv3TaskField is { } iv3
                            ? new ThreeSixtyGivingClassification(Iv3Vocabulary, iv3, c.Column)
                            : new ThreeSixtyGivingClassification(ColumnVocabulary, c.Column, c.Column))
                        .Distinct().OrderBy(c => c.Vocabulary, StringComparer.Ordinal).ThenBy(c => c.Code, StringComparer.Ordinal)])),];

            var last = rows[^1];
            (afterOn, afterId) = (last.ListedOn, last.Id);
            if (rows.Count < options.PageSize)
            {
                yield break;
            }
        }
    }

    public static string Date(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static string DateTimeText(DateTime time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public static string Amount(decimal amount) => amount.ToString("0.00", CultureInfo.InvariantCulture);
}
