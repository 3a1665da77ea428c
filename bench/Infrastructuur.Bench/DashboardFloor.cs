using System.Globalization;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Bench;

/// <summary>
/// The floor of the dashboard scenarios: the same computations the dashboard resolvers run (the Features/Dashboards
/// static methods, uncached) plus the name look-ups the selected references need, serialised without GraphQL. The
/// municipality is the CBS code in BENCH_MUNICIPALITY, the period the calendar year 2025, as in bench/queries/dashboard-*.
/// </summary>
internal static class DashboardFloor
{
    private static readonly DateOnly From = new(2025, 1, 1), To = new(2025, 12, 31);

    public static void Map(WebApplication app)
    {
        var code = app.Configuration["BENCH_MUNICIPALITY"] ?? "GM1930";

        app.MapGet("/floor/dashboard-baseline", (IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) => WithScope(factory, code, async (db, scope) =>
        {
            var totals = await Baseline.TotalsAsync(db, scope, ct);
            var cells = await Baseline.CellsAsync(db, scope, ct);
            var overlapping = await Baseline.OverlapCellsAsync(db, scope, await OfferingCells.ComputeAsync(db, scope, ct), ct);
            var overlaps = await Baseline.OverlapsAsync(db, scope, [.. overlapping.Take(20)], ct);
            var themes = await NamesAsync(db.Themes, [.. cells.Select(c => c.ThemeId), .. overlaps.Select(o => o.ThemeId)], t => t.NameEn, ct);
            var groups = await NamesAsync(db.TargetGroups, [.. cells.Select(c => c.TargetGroupId), .. overlaps.Select(o => o.TargetGroupId)], t => t.NameEn, ct);
            var places = await NamesAsync(db.Neighbourhoods, [.. overlaps.Select(o => o.NeighbourhoodId)], n => n.Name, ct);
            var providers = await PartyNamesAsync(db, overlaps.SelectMany(o => o.Providers), ct);
            return new
            {
                baseline = new
                {
                    totals,
                    cells = cells.OrderByDescending(c => c.Figures.Activities).Select(c => new { theme = new { name = themes[c.ThemeId] }, targetGroup = new { name = groups[c.TargetGroupId] }, figures = c.Figures }),
                    overlapCount = overlapping.Count,
                    overlaps = overlaps.Select(o => new
                    {
                        theme = new { name = themes[o.ThemeId] },
                        targetGroup = new { name = groups[o.TargetGroupId] },
                        neighbourhood = new { name = places[o.NeighbourhoodId] },
                        activities = o.Activities,
                        providers = o.Providers.Select(p => new { name = providers[p.Id] }).OrderBy(p => p.name, StringComparer.Ordinal),
                    }),
                },
            };
        }, ct));

        app.MapGet("/floor/dashboard-needs", (IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) => WithScope(factory, code, async (db, scope) =>
        {
            var needs = await NeedsVersusOffering.ComputeAsync(db, scope, new DashboardOptions().SmallCellThreshold, ct);
            var top = needs.Cells.Take(100).ToList();
            var themes = await NamesAsync(db.Themes, [.. top.Select(c => c.ThemeId)], t => t.NameEn, ct);
            var groups = await NamesAsync(db.TargetGroups, [.. top.Select(c => c.TargetGroupId).OfType<Guid>()], t => t.NameEn, ct);
            var places = await NamesAsync(db.Neighbourhoods, [.. top.Select(c => c.NeighbourhoodId)], n => n.Name, ct);
            return new
            {
                needsVersusOffering = new
                {
                    signals = new { value = needs.Signals.Suppressed ? (int?)null : needs.Signals.Value, suppressed = needs.Signals.Suppressed },
                    summary = needs.Cells.GroupBy(c => c.Classification).ToDictionary(g => g.Key.ToString(), g => g.Count()),
                    cells = top.Select(c => new
                    {
                        theme = new { name = themes[c.ThemeId] },
                        targetGroup = c.TargetGroupId is { } g ? new { name = groups[g] } : null,
                        neighbourhood = new { name = places[c.NeighbourhoodId] },
                        signals = c.Suppressed ? (int?)null : c.Signals,
                        suppressed = c.Suppressed,
                        activities = c.Activities,
                        providers = c.Providers,
                        reach = c.Reach,
                        classification = c.Classification.ToString(),
                        gap = c.Suppressed ? (int?)null : c.Gap,
                    }),
                },
            };
        }, ct));

        app.MapGet("/floor/dashboard-network", (IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) => WithScope(factory, code, async (db, scope) =>
        {
            var now = await NetworkGraph.ComputeAsync(db, scope, ct);
            var before = await NetworkGraph.ComputeAsync(db, scope.Previous(), ct);
            object Figures(NetworkGraph g) => new { nodeCount = g.Nodes.Count, edgeCount = g.EdgeCount, density = g.Density, componentCount = g.ComponentSizes.Count, componentSizes = g.ComponentSizes, largestComponentShare = g.LargestComponentShare, isolatedCount = g.Isolated.Count };
            return new
            {
                network = new
                {
                    period = new { figures = Figures(now), isolated = now.Isolated.Select(n => new { name = n.Name }) },
                    previousPeriod = Figures(before),
                    change = new { nodeCount = now.Nodes.Count - before.Nodes.Count, edgeCount = now.EdgeCount - before.EdgeCount, density = now.Density - before.Density, componentCount = now.ComponentSizes.Count - before.ComponentSizes.Count, isolatedCount = now.Isolated.Count - before.Isolated.Count, largestComponentShare = now.LargestComponentShare - before.LargestComponentShare },
                    nodes = now.Nodes.Select(n => new { id = NetworkEdgeType.Id(n.Party), kind = n.Kind.ToString(), name = n.Name }),
                    edges = now.Edges.Select(e => new { from = NetworkEdgeType.Id(e.From), to = NetworkEdgeType.Id(e.To), kind = e.Kind.ToString(), weight = e.Weight }),
                },
            };
        }, ct));

        app.MapGet("/floor/dashboard-funding", (IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) => WithScope(factory, code, async (db, scope) =>
        {
            var f = await FundingFlows.ComputeAsync(db, scope, ct);
            var organisations = await NamesAsync(db.Organisations, [.. f.ByFunder.Select(r => r.Id!.Value), .. f.Programmes.SelectMany(p => p.Sources.Select(s => s.FunderId)), .. f.Reinvestments.Select(r => r.OrganisationId)], o => o.Name, ct);
            var themes = await NamesAsync(db.Themes, [.. f.ByTheme.Select(r => r.Id!.Value), .. f.Reinvestments.SelectMany(r => r.Themes.Select(t => t.Id))], t => t.NameEn, ct);
            var places = await NamesAsync(db.Neighbourhoods, [.. f.ByNeighbourhood.Select(r => r.Id!.Value), .. f.Reinvestments.SelectMany(r => r.Neighbourhoods.Select(t => t.Id))], n => n.Name, ct);
            var programmes = await NamesAsync(db.Programmes, [.. f.Programmes.Select(p => p.ProgrammeId)], p => p.Name, ct);
            var lines = await NamesAsync(db.BudgetLines, [.. f.Programmes.SelectMany(p => p.Sources.Select(s => s.BudgetLineId)).OfType<Guid>()], l => l.Name, ct);
            var initiatives = await NamesAsync(db.Initiatives, [.. f.Reinvestments.SelectMany(r => r.Initiatives.Select(i => i.Id))], i => i.Name, ct);
            object Row(FundingRow r) => new { amountAwarded = MoneyGraphType.ToEuros(r.Awarded), amountDisbursed = MoneyGraphType.ToEuros(r.Disbursed), grants = r.Grants };
            return new
            {
                funding = new
                {
                    amountAwarded = MoneyGraphType.ToEuros(f.Totals.Awarded),
                    amountDisbursed = MoneyGraphType.ToEuros(f.Totals.Disbursed),
                    grants = f.Totals.Grants,
                    multiLineAmountAwarded = MoneyGraphType.ToEuros(f.MultiLineAwarded),
                    multiLineShare = f.MultiLineShare,
                    unallocatedAmountAwarded = MoneyGraphType.ToEuros(f.UnallocatedAwarded),
                    byFunder = f.ByFunder.Select(r => new { funder = new { name = organisations[r.Id!.Value] }, money = Row(r) }),
                    byIv3TaskField = f.ByIv3TaskField.Select(r => new { iv3TaskField = r.Text, money = Row(r) }),
                    byRecipientKind = f.ByRecipientKind.Select(r => new { kind = r.Text, money = Row(r) }),
                    byTheme = f.ByTheme.Select(r => new { theme = new { name = themes[r.Id!.Value] }, money = Row(r) }),
                    byNeighbourhood = f.ByNeighbourhood.Select(r => new { neighbourhood = new { name = places[r.Id!.Value] }, money = Row(r) }),
                    programmes = f.Programmes.Select(p => new
                    {
                        programme = new { name = programmes[p.ProgrammeId] },
                        amountAwarded = MoneyGraphType.ToEuros(p.Awarded),
                        amountDisbursed = MoneyGraphType.ToEuros(p.Disbursed),
                        budgetLineCount = p.BudgetLineCount,
                        sources = p.Sources.Select(s => new { year = s.Year, funder = new { name = organisations[s.FunderId] }, budgetLine = s.BudgetLineId is { } l ? new { name = lines[l] } : null, amountAwarded = MoneyGraphType.ToEuros(s.Awarded), amountDisbursed = MoneyGraphType.ToEuros(s.Disbursed) }),
                    }),
                    reinvestments = f.Reinvestments.Select(r => new
                    {
                        company = new { name = organisations[r.OrganisationId] },
                        profit = MoneyGraphType.ToEuros(r.Profit),
                        amountReinvested = MoneyGraphType.ToEuros(r.Reinvested),
                        initiatives = r.Initiatives.Select(d => new { initiative = new { name = initiatives[d.Id] }, amount = MoneyGraphType.ToEuros(d.Amount) }),
                        themes = r.Themes.Select(d => new { theme = new { name = themes[d.Id] }, amount = MoneyGraphType.ToEuros(d.Amount) }),
                        neighbourhoods = r.Neighbourhoods.Select(d => new { neighbourhood = new { name = places[d.Id] }, amount = MoneyGraphType.ToEuros(d.Amount) }),
                    }),
                },
            };
        }, ct));

        app.MapGet("/floor/dashboard-annual-review", (IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) => WithScope(factory, code, async (db, scope) =>
        {
            var (thisYear, lastYear) = (scope.Year(2025), scope.Year(2024));
            var totals = (Now: await Baseline.TotalsAsync(db, thisYear, ct), Before: await Baseline.TotalsAsync(db, lastYear, ct));
            var cells = (Now: await Baseline.CellsAsync(db, thisYear, ct), Before: await Baseline.CellsAsync(db, lastYear, ct));
            var ran = (Now: await AnnualReview.RanByThemeAsync(db, thisYear, ct), Before: await AnnualReview.RanByThemeAsync(db, lastYear, ct));
            var signals = (Now: await AnnualReview.SignalsAsync(db, thisYear, ct), Before: await AnnualReview.SignalsAsync(db, lastYear, ct));
            var themes = await NamesAsync(db.Themes, [.. cells.Now.Concat(cells.Before).Select(c => c.ThemeId), .. ran.Now.Concat(ran.Before).Select(r => r.Theme), .. signals.Now.ByTheme.Concat(signals.Before.ByTheme).Select(t => t.Theme)], t => t.NameEn, ct);
            var groups = await NamesAsync(db.TargetGroups, [.. cells.Now.Concat(cells.Before).Select(c => c.TargetGroupId)], t => t.NameEn, ct);
            object Compare(long now, long before) => new { value = now, previous = before, change = now - before };
            var ranBefore = ran.Before.ToDictionary(r => r.Theme);
            var cellsBefore = cells.Before.ToDictionary(c => (c.ThemeId, c.TargetGroupId), c => c.Figures);
            var signalsBefore = signals.Before.ByTheme.ToDictionary(t => t.Theme);
            return new
            {
                annualReview = new
                {
                    year = 2025,
                    activities = Compare(totals.Now.Activities, totals.Before.Activities),
                    providers = Compare(totals.Now.Providers, totals.Before.Providers),
                    capacity = Compare(totals.Now.Capacity, totals.Before.Capacity),
                    reach = Compare(totals.Now.Reach, totals.Before.Reach),
                    ran = ran.Now.Select(r => new { theme = new { name = themes[r.Theme] }, activities = Compare(r.Activities, ranBefore.GetValueOrDefault(r.Theme).Activities), providers = Compare(r.Providers, ranBefore.GetValueOrDefault(r.Theme).Providers) }),
                    reached = cells.Now.Select(c => new { theme = new { name = themes[c.ThemeId] }, targetGroup = new { name = groups[c.TargetGroupId] }, reach = Compare(c.Figures.Reach, cellsBefore.GetValueOrDefault((c.ThemeId, c.TargetGroupId))?.Reach ?? 0) }),
                    signals = Compare(signals.Now.Signals, signals.Before.Signals),
                    signalsByTheme = signals.Now.ByTheme.Select(t => new { theme = new { name = themes[t.Theme] }, signals = Compare(t.Signals, signalsBefore.GetValueOrDefault(t.Theme).Signals) }),
                    newThemes = signals.Now.ByTheme.Where(t => !signalsBefore.ContainsKey(t.Theme)).Select(t => new { theme = new { name = themes[t.Theme] }, signals = t.Signals }),
                },
            };
        }, ct));

        app.MapGet("/floor/dashboard-counts", (IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) => WithScope(factory, code, async (db, scope) =>
        {
            var place = new Place(scope.MunicipalityId, null, null, scope.Regions);
            var request = new GroupedCounts.Request(CountSubject.Activities, [CountDimension.Theme, CountDimension.Quarter], place, From, To, null, false, new DashboardOptions().SmallCellThreshold);
            return new { counts = await GroupedCounts.ComputeAsync(db, request, CultureInfo.InvariantCulture, ct) };
        }, ct));
    }

    /// <summary>Resolves the municipality and its regions as the dashboard field does (two statements), then answers.</summary>
    private static async Task<IResult> WithScope(IDbContextFactory<InfrastructuurDb> factory, string code, Func<InfrastructuurDb, Scope, Task<object>> answer, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var municipality = await db.Municipalities.Where(m => m.CbsCode == code).Select(m => m.Id).SingleAsync(ct);
        var regions = await db.Neighbourhoods.Where(n => n.MunicipalityId == municipality).Select(n => n.Id).ToListAsync(ct);
        return Results.Json(new { data = await answer(db, new Scope(municipality, null, null, regions, From, To, SeesRecords: false)) });
    }

    /// <summary>The records behind the references, loaded whole by ID as the by-ID loaders do, and their names.</summary>
    private static async Task<Dictionary<Guid, string>> NamesAsync<T>(IQueryable<T> set, List<Guid> ids, Func<T, string> name, CancellationToken ct)
        where T : Entity
    {
        var distinct = ids.Distinct().ToList();
        var rows = await set.AsNoTracking().Where(e => distinct.Contains(e.Id)).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, name);
    }

    private static async Task<Dictionary<Guid, string>> PartyNamesAsync(InfrastructuurDb db, IEnumerable<PartyRef> parties, CancellationToken ct)
    {
        var list = parties.ToList();
        var organisations = await NamesAsync(db.Organisations, [.. list.Select(p => p.OrganisationId).OfType<Guid>()], o => o.Name, ct);
        var initiatives = await NamesAsync(db.Initiatives, [.. list.Select(p => p.InitiativeId).OfType<Guid>()], i => i.Name, ct);
        return organisations.Concat(initiatives).ToDictionary(p => p.Key, p => p.Value);
    }
}
