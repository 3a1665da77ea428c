using System.ComponentModel;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

public enum RecipientKind
{
    [Description("A residents' initiative (360Giving recipientOrganization, informal).")]
    Initiative = 1,

    [Description("An organisation (360Giving recipientOrganization).")]
    Organisation,

    [Description("A programme (such as Mooi Mooier Middelland).")]
    Programme,
}

public sealed class RecipientKindType() : DescribedEnumType<RecipientKind>("What kind of recipient a grant went to.");

/// <summary>Money for one key (a funder, a column, a theme …): awarded in the period, paid out in the period, and the awarded grants.</summary>
public sealed record FundingRow(Guid? Id, string? Text, long Awarded, long Disbursed, int Grants);

/// <summary>What one funder awarded and paid a programme from one budget line in one year.</summary>
public sealed record ProgrammeSource(int Year, Guid FunderId, Guid? BudgetLineId, long Awarded, long Disbursed);

public sealed record ProgrammeFlow(Guid ProgrammeId, IReadOnlyList<ProgrammeSource> Sources)
{
    public long Awarded => Sources.Sum(s => s.Awarded);

    public long Disbursed => Sources.Sum(s => s.Disbursed);

    public int BudgetLineCount => Sources.Where(s => s.BudgetLineId is not null && s.Awarded > 0).Select(s => s.BudgetLineId).Distinct().Count();
}

public sealed record Destination(Guid Id, long Amount);

public sealed record CompanyReinvestments(Guid OrganisationId, long Profit, long Reinvested, IReadOnlyList<Destination> Initiatives, IReadOnlyList<Destination> Themes, IReadOnlyList<Destination> Neighbourhoods);

/// <summary>How many natural persons and organisations hold shares in one neighbourhood company on a day.</summary>
public sealed record ShareholderCounts(Guid OrganisationId, int Persons, int Organisations);

/// <summary>Shareholder counts as a caller gets them: the natural persons' count possibly suppressed.</summary>
public sealed record CompanyShareholders(Guid OrganisationId, SuppressibleCount Persons, int Organisations);

public sealed record FundingResult(
    FundingRow Totals,
    long MultiLineAwarded,
    long UnallocatedAwarded,
    IReadOnlyList<FundingRow> ByFunder,
    IReadOnlyList<FundingRow> ByIv3TaskField,
    IReadOnlyList<FundingRow> ByRecipientKind,
    IReadOnlyList<FundingRow> ByTheme,
    IReadOnlyList<FundingRow> ByNeighbourhood,
    IReadOnlyList<ProgrammeFlow> Programmes,
    IReadOnlyList<CompanyReinvestments> Reinvestments)
{
    public double? MultiLineShare => Totals.Awarded == 0 ? null : (double)MultiLineAwarded / Totals.Awarded;
}

/// <summary>Funding flows of a scope: every sum a GROUP BY over whole cents in the database.</summary>
public sealed class FundingFlows(Scope scope)
{
    public Scope Scope { get; } = scope;

    /// <summary>The funding of a scope: from the kept facts for a whole municipality or working area and a calendar year of their window, otherwise from the records.</summary>
    public static async Task<FundingResult> ComputeAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken) =>
        await FromFactsAsync(db, scope, cancellationToken) ?? await ComputeFromRecordsAsync(db, scope, cancellationToken);

    /// <summary>The funding of a scope computed from the grants themselves: the definition the kept facts must equal.</summary>
    public static async Task<FundingResult> ComputeFromRecordsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var (from, to, regions) = (scope.From, scope.To, scope.Regions);

        // Awarded grants benefiting a region of the scope: awarded in the period, and paid out in the period (whenever awarded).
        var grants = DashboardSql.Grants(db, scope).Where(Grant.IsAwarded);
        var awarded = grants.Where(g => g.AwardDate >= from && g.AwardDate <= to);
        var paid = db.Disbursements.Where(d => d.PaidOn >= from && d.PaidOn <= to)
            .Join(grants, d => d.GrantId, g => g.Id, (d, g) => new { d.Id, GrantId = g.Id, d.AmountCents, d.BudgetLineId, g.FunderId, Kind = g.RecipientInitiativeId != null ? 1 : g.RecipientOrganisationId != null ? 2 : 3 });

        var totals = (await awarded.GroupBy(g => 1).Select(x => new { Cents = x.Sum(g => g.AmountAwardedCents ?? 0), Grants = x.Count() }).ToListAsync(cancellationToken)).SingleOrDefault();
        var paidTotal = await paid.SumAsync(d => d.AmountCents, cancellationToken);
        var allocations = db.GrantAllocations.Join(awarded, a => a.GrantId, g => g.Id, (a, g) => a);
        var multiLine = await awarded.Where(g => db.GrantAllocations.Count(a => a.GrantId == g.Id) >= 2).SumAsync(g => g.AmountAwardedCents ?? 0, cancellationToken);
        var allocated = await allocations.SumAsync(a => a.AmountCents, cancellationToken);

        var byFunder = Merge(
            await awarded.GroupBy(g => g.FunderId).Select(x => new Sum<Guid> { Key = x.Key, Cents = x.Sum(g => g.AmountAwardedCents ?? 0), Grants = x.Count() }).ToListAsync(cancellationToken),
            await paid.GroupBy(d => d.FunderId).Select(x => new Sum<Guid> { Key = x.Key, Cents = x.Sum(d => d.AmountCents) }).ToListAsync(cancellationToken),
            id => new FundingRow(id, null, 0, 0, 0));
        var byColumn = Merge(
            await allocations.Join(db.BudgetLines, a => a.BudgetLineId, l => l.Id, (a, l) => new { l.Iv3TaskField, a.AmountCents, a.GrantId })
                .GroupBy(x => x.Iv3TaskField).Select(x => new Sum<string?> { Key = x.Key, Cents = x.Sum(a => a.AmountCents), Grants = x.Select(a => a.GrantId).Distinct().Count() }).ToListAsync(cancellationToken),
            await (from d in paid
                   join l in db.BudgetLines on d.BudgetLineId equals l.Id into lines
                   from l in lines.DefaultIfEmpty()
                   group d.AmountCents by l.Iv3TaskField into x
                   select new Sum<string?> { Key = x.Key, Cents = x.Sum() }).ToListAsync(cancellationToken),
            column => new FundingRow(null, column, 0, 0, 0));
        var byKind = Merge(
            await awarded.GroupBy(g => g.RecipientInitiativeId != null ? 1 : g.RecipientOrganisationId != null ? 2 : 3)
                .Select(x => new Sum<int> { Key = x.Key, Cents = x.Sum(g => g.AmountAwardedCents ?? 0), Grants = x.Count() }).ToListAsync(cancellationToken),
            await paid.GroupBy(d => d.Kind).Select(x => new Sum<int> { Key = x.Key, Cents = x.Sum(d => d.AmountCents) }).ToListAsync(cancellationToken),
            kind => new FundingRow(null, ((RecipientKind)kind).ToString(), 0, 0, 0));

        var themes = DashboardSql.RolledUp<Theme>(db, DashboardSql.GrantThemes(db));
        var byTheme = Merge(
            await awarded.Join(themes, g => g.Id, t => t.Owner, (g, t) => new { t.Key, g.AmountAwardedCents })
                .GroupBy(x => x.Key).Select(x => new Sum<Guid> { Key = x.Key, Cents = x.Sum(g => g.AmountAwardedCents ?? 0), Grants = x.Count() }).ToListAsync(cancellationToken),
            await paid.Join(themes, d => d.GrantId, t => t.Owner, (d, t) => new { t.Key, d.AmountCents })
                .GroupBy(x => x.Key).Select(x => new Sum<Guid> { Key = x.Key, Cents = x.Sum(d => d.AmountCents) }).ToListAsync(cancellationToken),
            id => new FundingRow(id, null, 0, 0, 0));
        var places = DashboardSql.GrantRegions(db).Where(DashboardSql.InScope(db, scope));
        var byRegion = Merge(
            await awarded.Join(places, g => g.Id, n => n.Owner, (g, n) => new { n.Key, g.AmountAwardedCents })
                .GroupBy(x => x.Key).Select(x => new Sum<Guid> { Key = x.Key, Cents = x.Sum(g => g.AmountAwardedCents ?? 0), Grants = x.Count() }).ToListAsync(cancellationToken),
            await paid.Join(places, d => d.GrantId, n => n.Owner, (d, n) => new { n.Key, d.AmountCents })
                .GroupBy(x => x.Key).Select(x => new Sum<Guid> { Key = x.Key, Cents = x.Sum(d => d.AmountCents) }).ToListAsync(cancellationToken),
            id => new FundingRow(id, null, 0, 0, 0));

        var awardedTotal = totals?.Cents ?? 0;
        return new FundingResult(
            new FundingRow(null, null, awardedTotal, paidTotal, totals?.Grants ?? 0),
            multiLine,
            awardedTotal - allocated,
            byFunder,
            byColumn,
            byKind,
            byTheme,
            byRegion,
            await ProgrammesAsync(db, scope, cancellationToken),
            await ReinvestmentsAsync(db, scope, cancellationToken));
    }

    /// <summary>
    /// The programmes of the scope running in the period (not drafts), with their awarded
    /// grants by year, funder and budget line over the programme's whole life: allocations by award year, the part of an
    /// award allocated to no line, and payments by the year paid.
    /// </summary>
    private static async Task<List<ProgrammeFlow>> ProgrammesAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var ids = await ProgrammeIdsAsync(db, scope, cancellationToken);
        var grants = DashboardSql.Published<Grant>(db).Where(Grant.IsAwarded).Where(g => ids.Contains(g.RecipientProgrammeId));
        var allocated = await db.GrantAllocations.Join(grants, a => a.GrantId, g => g.Id, (a, g) => new { Programme = g.RecipientProgrammeId!.Value, g.AwardDate!.Value.Year, g.FunderId, Line = (Guid?)a.BudgetLineId, a.AmountCents })
            .GroupBy(x => new { x.Programme, x.Year, x.FunderId, x.Line })
            .Select(x => new { x.Key.Programme, x.Key.Year, x.Key.FunderId, x.Key.Line, Cents = x.Sum(a => a.AmountCents) })
            .ToListAsync(cancellationToken);
        var awards = await grants.GroupBy(g => new { Programme = g.RecipientProgrammeId!.Value, g.AwardDate!.Value.Year, g.FunderId })
            .Select(x => new { x.Key.Programme, x.Key.Year, x.Key.FunderId, Cents = x.Sum(g => g.AmountAwardedCents ?? 0) })
            .ToListAsync(cancellationToken);
        var paid = await db.Disbursements.Join(grants, d => d.GrantId, g => g.Id, (d, g) => new { Programme = g.RecipientProgrammeId!.Value, d.PaidOn.Year, g.FunderId, Line = d.BudgetLineId, d.AmountCents })
            .GroupBy(x => new { x.Programme, x.Year, x.FunderId, x.Line })
            .Select(x => new { x.Key.Programme, x.Key.Year, x.Key.FunderId, x.Key.Line, Cents = x.Sum(d => d.AmountCents) })
            .ToListAsync(cancellationToken);

        var sources = new ProgrammeSources();
        allocated.ForEach(a => sources.Add(a.Programme, a.Year, a.FunderId, a.Line, a.Cents, 0));
        foreach (var award in awards)
        {
            var rest = award.Cents - allocated.Where(a => a.Programme == award.Programme && a.Year == award.Year && a.FunderId == award.FunderId).Sum(a => a.Cents);
            if (rest != 0)
            {
                sources.Add(award.Programme, award.Year, award.FunderId, null, rest, 0);
            }
        }

        paid.ForEach(p => sources.Add(p.Programme, p.Year, p.FunderId, p.Line, 0, p.Cents));
        return sources.Flows(ids);
    }

    /// <summary>The programmes of the scope running in the period (not drafts), by name.</summary>
    private static async Task<List<Guid?>> ProgrammeIdsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var (municipality, from, to, regions) = (scope.MunicipalityId, scope.From, scope.To, scope.Regions);
        var programmes = db.Programmes.Where(p => p.MunicipalityId == municipality && p.StartsOn <= to && p.EndsOn >= from && p.Status != ProgrammeStatus.Draft);
        if (!scope.IsWholeMunicipality)
        {
            var planned = DashboardSql.ProgrammeRegions(db);
            programmes = programmes.Where(p => planned.Any(l => l.Owner == p.Id && regions.Contains(l.Key)));
        }

        return [.. await programmes.OrderBy(p => p.NameKey).Select(p => (Guid?)p.Id).ToListAsync(cancellationToken)];
    }

    /// <summary>
    /// The funding of a whole municipality for a calendar year, read from the kept facts (ADR 0020): one statement for
    /// every sum of the year, one for the programmes' sources, plus the names they are shown by; null when the facts do
    /// not cover the scope. Reinvestments and shareholders (a handful of companies) are read from the records.
    /// </summary>
    private static async Task<FundingResult?> FromFactsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var year = scope.From.Year;
        if (scope.IsRegions || scope.From != new DateOnly(year, 1, 1) || scope.To != new DateOnly(year, 12, 31)
            || !await FundingFacts.ExistHereAsync(db, cancellationToken))
        {
            return null;
        }

        var window = await FundingFacts.WindowAsync(db, cancellationToken) ?? await FactReader.CatchUpAsync(db, FundingFacts.WindowAsync, cancellationToken);
        if (window is null || year < window.FirstYear || year > window.LastYear)
        {
            return null;
        }

        // A working area has rows of its own above the region grain; its region rows are the municipality's, narrowed.
        var keys = db.Set<FactKey>().AsNoTracking();
        Guid[] places = scope.AreaId is { } area ? [scope.MunicipalityId, area] : [scope.MunicipalityId];
        var ids = await keys.Where(k => places.Contains(k.Key)).ToDictionaryAsync(k => k.Key, k => k.Id, cancellationToken);
        var municipality = ids.GetValueOrDefault(scope.MunicipalityId, -1);
        var own = scope.AreaId is { } a ? ids.GetValueOrDefault(a, -1) : municipality;
        var facts = db.Set<FundingFact>().AsNoTracking().Where(f => f.Municipality == municipality);
        var rows = await (
                from f in db.Set<FundingFact>().AsNoTracking()
                    .Where(f => (f.Municipality == own && f.Dimension < (int)FundingDimension.Region) || (f.Municipality == municipality && f.Dimension == (int)FundingDimension.Region))
                    .Where(f => f.Year == year)
                join k in keys on f.Key equals k.Id into named
                from k in named.DefaultIfEmpty()
                select new { f.Dimension, f.Key, Id = (Guid?)k.Key, f.Awarded, f.Disbursed, f.Grants })
            .ToListAsync(cancellationToken);
        if (!scope.IsWholeMunicipality)
        {
            var inScope = scope.Regions.ToHashSet();
            rows = [.. rows.Where(r => r.Dimension != (int)FundingDimension.Region || (r.Id is { } region && inScope.Contains(region)))];
        }

        var fields = (await db.BudgetLines.AsNoTracking().Where(l => l.Iv3TaskField != null).Select(l => l.Iv3TaskField!).Distinct().ToListAsync(cancellationToken))
            .ToDictionary(FundingFacts.Iv3Key);

        List<FundingRow> Rows(FundingDimension dimension, Func<int, Guid?, FundingRow> row) =>
            Ordered(rows.Where(r => r.Dimension == (int)dimension).Select(r => row(r.Key, r.Id) with { Awarded = r.Awarded, Disbursed = r.Disbursed, Grants = r.Grants }));
        long Awarded(FundingDimension dimension) => rows.Where(r => r.Dimension == (int)dimension).Select(r => r.Awarded).FirstOrDefault();

        var total = Rows(FundingDimension.Total, (_, _) => new FundingRow(null, null, 0, 0, 0)).FirstOrDefault() ?? new FundingRow(null, null, 0, 0, 0);
        var sources = new ProgrammeSources();
        var flows = await (
                from f in facts.Where(f => f.Dimension >= (int)FundingDimension.ProgrammeSource)
                join p in keys on f.Key equals p.Id
                join funder in keys on f.Key2 equals funder.Id
                join l in keys on f.Key3 equals l.Id into lines
                from l in lines.DefaultIfEmpty()
                select new { f.Dimension, f.Year, Programme = p.Key, Funder = funder.Key, Line = (Guid?)l.Key, f.Awarded, f.Disbursed })
            .ToListAsync(cancellationToken);
        foreach (var flow in flows.Where(f => f.Dimension == (int)FundingDimension.ProgrammeSource || f.Awarded != 0))
        {
            sources.Add(flow.Programme, flow.Year, flow.Funder, flow.Dimension == (int)FundingDimension.ProgrammeSource ? flow.Line : null, flow.Awarded, flow.Disbursed);
        }

        return new FundingResult(
            total,
            Awarded(FundingDimension.MultiLine),
            total.Awarded - Awarded(FundingDimension.Allocated),
            Rows(FundingDimension.Funder, (_, id) => new FundingRow(id, null, 0, 0, 0)),
            Rows(FundingDimension.Column, (_, id) => new FundingRow(null, id is { } field ? fields[field] : null, 0, 0, 0)),
            Rows(FundingDimension.Kind, (kind, _) => new FundingRow(null, ((RecipientKind)kind).ToString(), 0, 0, 0)),
            Rows(FundingDimension.Theme, (_, id) => new FundingRow(id, null, 0, 0, 0)),
            Rows(FundingDimension.Region, (_, id) => new FundingRow(id, null, 0, 0, 0)),
            sources.Flows(await ProgrammeIdsAsync(db, scope, cancellationToken)),
            await ReinvestmentsAsync(db, scope, cancellationToken));
    }

    /// <summary>A programme's funding by (year, funder, budget line), summed as the parts come in.</summary>
    private sealed class ProgrammeSources
    {
        private readonly Dictionary<(Guid Programme, int Year, Guid Funder, Guid? Line), (long Awarded, long Disbursed)> _sums = [];

        public void Add(Guid programme, int year, Guid funder, Guid? line, long awardedCents, long paidCents)
        {
            var sum = _sums.GetValueOrDefault((programme, year, funder, line));
            _sums[(programme, year, funder, line)] = (sum.Awarded + awardedCents, sum.Disbursed + paidCents);
        }

        public List<ProgrammeFlow> Flows(List<Guid?> ids) =>
            [.. ids.Select(id => new ProgrammeFlow(id!.Value, [.. _sums.Where(s => s.Key.Programme == id)
                .Select(s => new ProgrammeSource(s.Key.Year, s.Key.Funder, s.Key.Line, s.Value.Awarded, s.Value.Disbursed))
                .OrderBy(s => s.Year).ThenByDescending(s => s.Awarded).ThenBy(s => s.FunderId).ThenBy(s => s.BudgetLineId)]))];
    }

    /// <summary>The neighbourhood companies working in the scope: their reinvestments of the years the period touches, by destination.</summary>
    private static async Task<List<CompanyReinvestments>> ReinvestmentsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var (firstYear, lastYear, regions) = (scope.From.Year, scope.To.Year, scope.Regions);
        var working = DashboardSql.OrganisationRegions(db);
        var reinvestments = db.Reinvestments.Where(r => r.Year >= firstYear && r.Year <= lastYear)
            .Join(db.NeighbourhoodCompanies.Where(c => working.Any(l => l.Owner == c.OrganisationId && regions.Contains(l.Key))), r => r.CompanyId, c => c.Id, (r, c) => new { r.Id, c.OrganisationId, r.ProfitCents, r.AmountReinvestedCents });
        var companies = await reinvestments.GroupBy(r => r.OrganisationId)
            .Select(x => new { Organisation = x.Key, Profit = x.Sum(r => r.ProfitCents), Reinvested = x.Sum(r => r.AmountReinvestedCents) })
            .ToListAsync(cancellationToken);
        var allocations = DashboardSql.Published<ReinvestmentAllocation>(db).Join(reinvestments, a => a.ReinvestmentId, r => r.Id, (a, r) => new { r.OrganisationId, a.InitiativeId, a.ThemeId, a.NeighbourhoodId, a.AmountCents });
        var initiatives = await allocations.Where(a => a.InitiativeId != null).GroupBy(a => new { a.OrganisationId, Key = a.InitiativeId!.Value })
            .Select(x => new { x.Key.OrganisationId, x.Key.Key, Cents = x.Sum(a => a.AmountCents) }).ToListAsync(cancellationToken);
        var themes = await allocations.Where(a => a.ThemeId != null).GroupBy(a => new { a.OrganisationId, Key = a.ThemeId!.Value })
            .Select(x => new { x.Key.OrganisationId, x.Key.Key, Cents = x.Sum(a => a.AmountCents) }).ToListAsync(cancellationToken);
        var places = await allocations.Where(a => a.NeighbourhoodId != null).GroupBy(a => new { a.OrganisationId, Key = a.NeighbourhoodId!.Value })
            .Select(x => new { x.Key.OrganisationId, x.Key.Key, Cents = x.Sum(a => a.AmountCents) }).ToListAsync(cancellationToken);
        return [.. companies.Select(c => new CompanyReinvestments(
            c.Organisation,
            c.Profit,
            c.Reinvested,
            [.. initiatives.Where(x => x.OrganisationId == c.Organisation).Select(x => new Destination(x.Key, x.Cents)).OrderByDescending(d => d.Amount)],
            [.. themes.Where(x => x.OrganisationId == c.Organisation).Select(x => new Destination(x.Key, x.Cents)).OrderByDescending(d => d.Amount)],
            [.. places.Where(x => x.OrganisationId == c.Organisation).Select(x => new Destination(x.Key, x.Cents)).OrderByDescending(d => d.Amount)]))];
    }

    /// <summary>
    /// The neighbourhood companies working in a region of the scope, by name, with their distinct shareholders on the
    /// period's last day (holdings from on or before it, until on or after it): natural persons and organisations apart.
    /// </summary>
    public static async Task<List<ShareholderCounts>> ShareholdersAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var (on, regions) = (scope.To, scope.Regions);
        var working = DashboardSql.OrganisationRegions(db);
        var companies = db.NeighbourhoodCompanies.Where(c => working.Any(l => l.Owner == c.OrganisationId && regions.Contains(l.Key)));
        var names = await companies.Join(db.Organisations, c => c.OrganisationId, o => o.Id, (c, o) => new { c.OrganisationId, o.NameKey }).ToListAsync(cancellationToken);
        var counts = await db.Shareholdings
            .Where(h => h.From <= on && (h.Until == null || h.Until >= on))
            .Join(db.ShareClasses, h => h.ShareClassId, k => k.Id, (h, k) => new { k.CompanyId, h.HolderPersonId, h.HolderOrganisationId })
            .Join(companies, h => h.CompanyId, c => c.Id, (h, c) => new { c.OrganisationId, h.HolderPersonId, h.HolderOrganisationId })
            .GroupBy(h => h.OrganisationId)
            .Select(g => new
            {
                Organisation = g.Key,
                Persons = g.Where(h => h.HolderPersonId != null).Select(h => h.HolderPersonId).Distinct().Count(),
                Organisations = g.Where(h => h.HolderOrganisationId != null).Select(h => h.HolderOrganisationId).Distinct().Count(),
            })
            .ToDictionaryAsync(c => c.Organisation, cancellationToken);
        return [.. names.OrderBy(n => n.NameKey, StringComparer.Ordinal).ThenBy(n => n.OrganisationId)
            .Select(n => counts.TryGetValue(n.OrganisationId, out var c) ? new ShareholderCounts(n.OrganisationId, c.Persons, c.Organisations) : new ShareholderCounts(n.OrganisationId, 0, 0))];
    }

    /// <summary>Awarded and paid sums per key joined into rows, largest award first.</summary>
    private static List<FundingRow> Merge<TKey>(List<Sum<TKey>> awarded, List<Sum<TKey>> paid, Func<TKey, FundingRow> row)
    {
        var rows = new Dictionary<string, (TKey Key, long Awarded, long Paid, int Grants)>(StringComparer.Ordinal);
        foreach (var a in awarded)
        {
            rows[$"{a.Key}"] = (a.Key, a.Cents, 0, a.Grants);
        }

        foreach (var p in paid)
        {
            var now = rows.GetValueOrDefault($"{p.Key}", (p.Key, 0, 0, 0));
            rows[$"{p.Key}"] = (p.Key, now.Awarded, now.Paid + p.Cents, now.Grants);
        }

        return Ordered(rows.Values.Select(r => row(r.Key) with { Awarded = r.Awarded, Disbursed = r.Paid, Grants = r.Grants }));
    }

    /// <summary>Largest award first, then largest payment, then by name or ID: every list of funding rows.</summary>
    private static List<FundingRow> Ordered(IEnumerable<FundingRow> rows) =>
        [.. rows.OrderByDescending(r => r.Awarded).ThenByDescending(r => r.Disbursed).ThenBy(r => r.Text, StringComparer.Ordinal).ThenBy(r => r.Id)];

    private sealed class Sum<TKey>
    {
        public required TKey Key { get; set; }

        public long Cents { get; set; }

        public int Grants { get; set; }
    }
}

/// <summary>The money fields every funding row shares.</summary>
public abstract class FundingRowType : ObjectGraphType<FundingRow>
{
    protected FundingRowType(string name, string description)
    {
        Name = name;
        this.DefaultPolicy(Policies.Public);
        Description = description;
        Field<NonNullGraphType<MoneyGraphType>>("amountAwarded").Description("Awarded in the period (360Giving amountAwarded, by award date), in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Awarded));
        Field<NonNullGraphType<MoneyGraphType>>("amountDisbursed").Description("Paid out in the period (by payment date, whenever awarded), in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Disbursed));
        Field<NonNullGraphType<IntGraphType>>("grants").Description("Grants awarded in the period that count in this row.").Resolve(ctx => ctx.Source.Grants);
    }
}

public sealed class FunderFundingType : FundingRowType
{
    public FunderFundingType()
        : base("FunderFunding", "Money from one funder.")
    {
        Field<NonNullGraphType<OrganisationType>>("funder").Description("The funder (360Giving fundingOrganization).").Resolve(ctx => ctx.LoadById<Organisation>(ctx.Source.Id));
    }
}

public sealed class ColumnFundingType : FundingRowType
{
    public ColumnFundingType()
        : base("ColumnFunding", "Money booked on the budget lines of one Iv3 task field (a budget \"column\"), whoever the funder; awards by their allocations, payments by the line they were booked on.")
    {
        Field<StringGraphType>("iv3TaskField").Description("The Iv3 task field, e.g. 6.1; null for lines outside Iv3 (other funders' own lines) and for payments booked on no line.").Resolve(ctx => ctx.Source.Text);
    }
}

public sealed class RecipientKindFundingType : FundingRowType
{
    public RecipientKindFundingType()
        : base("RecipientKindFunding", "Money to one kind of recipient.")
    {
        Field<NonNullGraphType<RecipientKindType>>("kind").Description("INITIATIVE, ORGANISATION or PROGRAMME.").Resolve(ctx => Enum.Parse<RecipientKind>(ctx.Source.Text!));
    }
}

public sealed class ThemeFundingType : FundingRowType
{
    public ThemeFundingType()
        : base("ThemeFunding", "Money for one theme (its sub-themes included). A grant with several themes counts in full for each, so rows do not add up to the total.")
    {
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme.").Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.Id));
    }
}

public sealed class NeighbourhoodFundingType : FundingRowType
{
    public NeighbourhoodFundingType()
        : base("NeighbourhoodFunding", "Money benefiting one region of the scope (360Giving beneficiaryLocation). A grant benefiting several regions counts in full for each.")
    {
        Field<NonNullGraphType<NeighbourhoodType>>("neighbourhood").Description("The region.").Resolve(ctx => ctx.LoadById<Neighbourhood>(ctx.Source.Id));
    }
}

public sealed class ProgrammeSourceType : ObjectGraphType<ProgrammeSource>
{
    public ProgrammeSourceType()
    {
        Name = "ProgrammeSource";
        this.DefaultPolicy(Policies.Public);
        Description = "What one funder awarded a programme from one budget line in one year (by award date), and paid from it that year (by payment date).";
        Field<NonNullGraphType<IntGraphType>>("year").Description("The calendar year.").Resolve(ctx => ctx.Source.Year);
        Field<NonNullGraphType<OrganisationType>>("funder").Description("The funder.").Resolve(ctx => ctx.LoadById<Organisation>(ctx.Source.FunderId));
        Field<BudgetLineType>("budgetLine").Description("The budget line; null for the part of an award allocated to no line, and payments booked on none.").Resolve(ctx => ctx.LoadById<BudgetLine>(ctx.Source.BudgetLineId));
        Field<NonNullGraphType<MoneyGraphType>>("amountAwarded").Description("Awarded, in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Awarded));
        Field<NonNullGraphType<MoneyGraphType>>("amountDisbursed").Description("Paid out, in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Disbursed));
    }
}

public sealed class ProgrammeFlowType : ObjectGraphType<ProgrammeFlow>
{
    public ProgrammeFlowType()
    {
        Name = "ProgrammeFlow";
        this.DefaultPolicy(Policies.Public);
        Description = "A programme of the scope and its funding by source over all its years (not only the dashboard's period): awarded grants only.";
        Field<NonNullGraphType<ProgrammeType>>("programme").Description("The programme.").Resolve(ctx => ctx.LoadById<Programme>(ctx.Source.ProgrammeId));
        Field<NonNullGraphType<MoneyGraphType>>("amountAwarded").Description("Awarded over all years, in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Awarded));
        Field<NonNullGraphType<MoneyGraphType>>("amountDisbursed").Description("Paid out over all years, in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Disbursed));
        Field<NonNullGraphType<IntGraphType>>("budgetLineCount").Description("Distinct budget lines awards were allocated to: more than one is funding across columns.").Resolve(ctx => ctx.Source.BudgetLineCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgrammeSourceType>>>>("sources").Description("By year, then largest award first.").Resolve(ctx => ctx.Source.Sources);
    }
}

/// <summary>The amount field every reinvestment destination shares.</summary>
public abstract class DestinationType : ObjectGraphType<Destination>
{
    protected DestinationType(string name, string what)
    {
        Name = name;
        this.DefaultPolicy(Policies.Public);
        Description = $"Money a neighbourhood company reinvested in one {what}.";
        Field<NonNullGraphType<MoneyGraphType>>("amount").Description("The amount, in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Amount));
    }
}

public sealed class InitiativeReinvestmentType : DestinationType
{
    public InitiativeReinvestmentType()
        : base("InitiativeReinvestment", "residents' initiative") =>
        Field<NonNullGraphType<InitiativeType>>("initiative").Description("The initiative.").Resolve(ctx => ctx.LoadById<Initiative>(ctx.Source.Id));
}

public sealed class ThemeReinvestmentType : DestinationType
{
    public ThemeReinvestmentType()
        : base("ThemeReinvestment", "theme") =>
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme.").Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.Id));
}

public sealed class NeighbourhoodReinvestmentType : DestinationType
{
    public NeighbourhoodReinvestmentType()
        : base("NeighbourhoodReinvestment", "region") =>
        Field<NonNullGraphType<NeighbourhoodType>>("neighbourhood").Description("The region.").Resolve(ctx => ctx.LoadById<Neighbourhood>(ctx.Source.Id));
}

public sealed class CompanyReinvestmentsType : ObjectGraphType<CompanyReinvestments>
{
    public CompanyReinvestmentsType()
    {
        Name = "CompanyReinvestments";
        this.DefaultPolicy(Policies.Public);
        Description = "A neighbourhood company (wijk-BV) working in the scope and what it reinvested in the years the period touches. "
            + "An allocation to an initiative and a theme counts in both lists.";
        Field<NonNullGraphType<OrganisationType>>("company").Description("The company, as an organisation.").Resolve(ctx => ctx.LoadById<Organisation>(ctx.Source.OrganisationId));
        Field<NonNullGraphType<MoneyGraphType>>("profit").Description("Profit over those years, in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Profit));
        Field<NonNullGraphType<MoneyGraphType>>("amountReinvested").Description("Reinvested over those years, in euros, exact.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.Reinvested));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<InitiativeReinvestmentType>>>>("initiatives").Description("Reinvested per initiative, largest first.").Resolve(ctx => ctx.Source.Initiatives);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeReinvestmentType>>>>("themes").Description("Reinvested per theme, largest first.").Resolve(ctx => ctx.Source.Themes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NeighbourhoodReinvestmentType>>>>("neighbourhoods").Description("Reinvested per region, largest first.").Resolve(ctx => ctx.Source.Neighbourhoods);
    }
}

public sealed class CompanyShareholdersType : ObjectGraphType<CompanyShareholders>
{
    public CompanyShareholdersType()
    {
        Name = "CompanyShareholders";
        this.DefaultPolicy(Policies.Public);
        Description = "How many shareholders a neighbourhood company (wijk-BV) has on the last day of the dashboard's period. Who the natural persons are is never shown here.";
        Field<NonNullGraphType<OrganisationType>>("company").Description("The company, as an organisation.").Resolve(ctx => ctx.LoadById<Organisation>(ctx.Source.OrganisationId));
        Field<NonNullGraphType<SuppressibleCountType>>("naturalPersons")
            .Description("Distinct natural persons holding shares; suppressed when above zero and below the small-cell threshold for callers who may not see the shareholder register.")
            .Resolve(ctx => ctx.Source.Persons);
        Field<NonNullGraphType<IntGraphType>>("organisations").Description("Distinct organisations holding shares (organisations are not residents: never suppressed).").Resolve(ctx => ctx.Source.Organisations);
    }
}

public sealed class FundingFlowsType : ObjectGraphType<FundingFlows>
{
    public FundingFlowsType()
    {
        Name = "FundingFlows";
        this.DefaultPolicy(Policies.Public);
        Description = "Money for the scope: awarded grants (AWARDED, DISBURSED or SETTLED; never applications or rejections) benefiting one of its regions (360Giving beneficiaryLocation). "
            + "Awarded counts grants awarded in the period; disbursed counts payments made in the period, whenever the grant was awarded. Sums are exact (whole cents summed by the database).";
        Field<NonNullGraphType<MoneyGraphType>>("amountAwarded").Description("Awarded in the period, in euros.").ResolveAsync(async ctx => MoneyGraphType.ToEuros((await ResultAsync(ctx)).Totals.Awarded));
        Field<NonNullGraphType<MoneyGraphType>>("amountDisbursed").Description("Paid out in the period, in euros.").ResolveAsync(async ctx => MoneyGraphType.ToEuros((await ResultAsync(ctx)).Totals.Disbursed));
        Field<NonNullGraphType<IntGraphType>>("grants").Description("Grants awarded in the period.").ResolveAsync(async ctx => (await ResultAsync(ctx)).Totals.Grants);
        Field<NonNullGraphType<MoneyGraphType>>("multiLineAmountAwarded")
            .Description("Awarded in grants allocated to two or more budget lines (ontschotting: one award paid from several columns), in euros.")
            .ResolveAsync(async ctx => MoneyGraphType.ToEuros((await ResultAsync(ctx)).MultiLineAwarded));
        Field<FloatGraphType>("multiLineShare").Description("multiLineAmountAwarded / amountAwarded, from 0 to 1; null when nothing was awarded.").ResolveAsync(async ctx => (await ResultAsync(ctx)).MultiLineShare);
        Field<NonNullGraphType<MoneyGraphType>>("unallocatedAmountAwarded").Description("The part of the awards allocated to no budget line, in euros.").ResolveAsync(async ctx => MoneyGraphType.ToEuros((await ResultAsync(ctx)).UnallocatedAwarded));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<FunderFundingType>>>>("byFunder").Description("Per funder, largest award first.").ResolveAsync(async ctx => (await ResultAsync(ctx)).ByFunder);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ColumnFundingType>>>>("byIv3TaskField").Description("Per budget column (Iv3 task field), largest award first.").ResolveAsync(async ctx => (await ResultAsync(ctx)).ByIv3TaskField);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RecipientKindFundingType>>>>("byRecipientKind").Description("Per kind of recipient, largest award first.").ResolveAsync(async ctx => (await ResultAsync(ctx)).ByRecipientKind);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeFundingType>>>>("byTheme").Description("Per theme (rolled up), largest award first.").ResolveAsync(async ctx => (await ResultAsync(ctx)).ByTheme);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NeighbourhoodFundingType>>>>("byNeighbourhood").Description("Per region of the scope benefiting, largest award first.").ResolveAsync(async ctx => (await ResultAsync(ctx)).ByNeighbourhood);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ProgrammeFlowType>>>>("programmes")
            .Description("Programmes of the scope running in the period (serving one of its regions; never drafts), by name, with their funding by source over their years.")
            .ResolveAsync(async ctx => (await ResultAsync(ctx)).Programmes);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CompanyReinvestmentsType>>>>("reinvestments")
            .Description("Neighbourhood companies working in a region of the scope, with their reinvestments of the calendar years the period touches, by destination.")
            .ResolveAsync(async ctx => (await ResultAsync(ctx)).Reinvestments);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CompanyShareholdersType>>>>("shareholders")
            .Description("Neighbourhood companies working in a region of the scope, by name, with how many natural persons and organisations hold their shares on the period's last day. "
                + "Natural-person shareholders are residents: their count is suppressed when above zero and below the small-cell threshold, unless the caller may see the shareholder register (seesRecords).")
            .ResolveAsync(async ctx =>
            {
                var scope = ctx.Source.Scope;
                var threshold = DashboardOptions.Of(ctx).SmallCellThreshold;
                var counts = await DashboardCache.GetOrComputeAsync(ctx, scope.MunicipalityId, $"shareholders|{scope.Key}", (db, ct) => FundingFlows.ShareholdersAsync(db, scope, ct));
                return counts.Select(c => new CompanyShareholders(c.OrganisationId, new SuppressibleCount(c.Persons, NeedsVersusOffering.Suppress(scope.SeesRecords, threshold, c.Persons)), c.Organisations));
            });
    }

    private static Task<FundingResult> ResultAsync(IResolveFieldContext<FundingFlows> ctx)
    {
        var scope = ctx.Source.Scope;
        return DashboardCache.GetOrComputeAsync(ctx, scope.MunicipalityId, $"funding|{scope.Key}", (db, ct) => FundingFlows.ComputeAsync(db, scope, ct));
    }
}
