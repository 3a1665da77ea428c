using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Import;

/// <summary>
/// An activity as the template sees it, with references resolved to keys. Two equal values mean the row changes
/// nothing: import compares a row with the stored activity this way, and export writes exactly these values, so an
/// exported file imports as "unchanged" throughout.
/// </summary>
public sealed record ActivityValues(
    Guid Provider,
    string Name,
    string? Description,
    ActivityStatus Status,
    string Themes,
    string TargetGroups,
    string Neighbourhoods,
    int? MinimumAge,
    int? MaximumAge,
    ScheduleKind Kind,
    DateOnly? StartsOn,
    DateOnly? EndsOn,
    Weekday? Weekday,
    TimeOnly? StartTime,
    TimeOnly? EndTime,
    string? Street,
    string? HouseNumber,
    string? Postcode,
    string? Place,
    int? Capacity,
    bool? IsFree,
    long? FeeCents,
    string? FeeDescription,
    string Languages)
{
    /// <summary>A set of keys as one comparable value.</summary>
    public static string Keys(IEnumerable<Guid> ids) => string.Join(",", ids.Order());

    public static IEnumerable<Guid> Keys(string keys) => keys.Length == 0 ? [] : keys.Split(',').Select(Guid.Parse);
}

/// <summary>The stored activities of one municipality (those an organisation provides), read once without tracking.</summary>
public static class Inventory
{
    public sealed record Stored(Guid Id, ActivityValues Values);

    /// <summary>Enum values as the template writes them: snake case, lower case ("care_provider").</summary>
    public static string Token<T>(T value)
        where T : struct, Enum => value.ToString().ToConstantCase().ToLowerInvariant();

    public static async Task<List<Stored>> LoadAsync(InfrastructuurDb db, Guid municipality, CancellationToken ct)
    {
        var own = db.Activities.AsNoTracking().Where(a => a.MunicipalityId == municipality && a.ProviderOrganisationId != null);
        var themes = await Links(own.SelectMany(a => a.Themes, (a, t) => new Link(a.Id, t.Id)), ct);
        var groups = await Links(own.SelectMany(a => a.TargetGroups, (a, t) => new Link(a.Id, t.Id)), ct);
        var regions = await Links(own.SelectMany(a => a.Neighbourhoods, (a, n) => new Link(a.Id, n.Id)), ct);
        var rows = await own.OrderBy(a => a.Id).Select(a => new
        {
            a.Id,
            a.ProviderOrganisationId,
            a.Name,
            a.Description,
            a.Status,
            a.MinimumAge,
            a.MaximumAge,
            a.Schedule,
            a.Location,
            a.Capacity,
            a.Cost,
            a.Languages,
        }).ToListAsync(ct);
        return rows.Select(a => new Stored(a.Id, new ActivityValues(
            a.ProviderOrganisationId!.Value, a.Name, a.Description, a.Status,
            themes.GetValueOrDefault(a.Id, string.Empty), groups.GetValueOrDefault(a.Id, string.Empty), regions.GetValueOrDefault(a.Id, string.Empty),
            a.MinimumAge, a.MaximumAge,
            a.Schedule.Kind, a.Schedule.StartsOn, a.Schedule.EndsOn, a.Schedule.Weekday, a.Schedule.StartTime, a.Schedule.EndTime,
            a.Location?.Street, a.Location?.HouseNumber, a.Location?.Postcode?.Value, a.Location?.Place,
            a.Capacity, a.Cost?.IsFree, a.Cost?.FeeCents, a.Cost?.FeeDescription,
            string.Join(",", a.Languages)))).ToList();
    }

    private sealed record Link(Guid Activity, Guid Other);

    // Activities share few distinct sets of themes, groups and regions: each set's text is held once.
    private static async Task<Dictionary<Guid, string>> Links(IQueryable<Link> links, CancellationToken ct)
    {
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        return (await links.ToListAsync(ct)).GroupBy(l => l.Activity).ToDictionary(g => g.Key, g =>
        {
            var keys = ActivityValues.Keys(g.Select(l => l.Other));
            return pool.TryGetValue(keys, out var held) ? held : pool[keys] = keys;
        });
    }

    /// <summary>The organisations as the template describes them, by key.</summary>
    public sealed record OrganisationDetails(Guid Id, string Name, string? Kvk, OrganisationKind Kind, string? Email, string? Website);

    public static async Task<Dictionary<Guid, OrganisationDetails>> OrganisationsAsync(InfrastructuurDb db, IReadOnlyCollection<Guid>? only, CancellationToken ct)
    {
        var organisations = db.Organisations.AsNoTracking();
        if (only is not null)
        {
            organisations = organisations.Where(o => only.Contains(o.Id));
        }

        var kvk = await db.OrganisationIdentifiers.AsNoTracking().Where(i => i.Scheme == Kvk.Scheme).Select(i => new { i.OrganisationId, i.Value }).ToListAsync(ct);
        var numbers = kvk.GroupBy(k => k.OrganisationId).ToDictionary(g => g.Key, g => g.First().Value);
        var rows = await organisations.Select(o => new { o.Id, o.Name, o.Kind, o.Email, o.Website }).ToListAsync(ct);
        return rows.ToDictionary(o => o.Id, o => new OrganisationDetails(o.Id, o.Name, numbers.GetValueOrDefault(o.Id), o.Kind, o.Email, o.Website));
    }
}

/// <summary>The Dutch Chamber of Commerce number: eight digits, stored as an identifier in the NL-KVK scheme (org-id.guide).</summary>
public static class Kvk
{
    public const string Scheme = "NL-KVK";

    public static bool IsValid(string value) => value.Length == 8 && value.All(char.IsAsciiDigit);
}
