using System.ComponentModel;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

public enum NeedClassification
{
    [Description("Signals in the period, and no offering ran for them.")]
    UnmetNeed = 1,

    [Description("Offering ran, and no signal asked for it in the period.")]
    OfferingWithoutSignal,

    [Description("Signals, and offering by one provider.")]
    Matched,

    [Description("Signals, and offering by two or more distinct providers.")]
    Overlapping,
}

public sealed class NeedClassificationType() : DescribedEnumType<NeedClassification>("How signalled need and offering compare in one theme × target group × region cell.");

/// <summary>A cell of needs versus offering, with the raw signal counts; <see cref="Suppressed"/> says whether the caller may see them.</summary>
public sealed record NeedCell(Guid ThemeId, Guid? TargetGroupId, Guid NeighbourhoodId, int Signals, int ResidentSignals, bool Suppressed, int Activities, int Providers, long Reach)
{
    public NeedClassification Classification => (Signals, Activities, Providers) switch
    {
        (> 0, 0, _) => NeedClassification.UnmetNeed,
        (0, _, _) => NeedClassification.OfferingWithoutSignal,
        (_, _, >= 2) => NeedClassification.Overlapping,
        _ => NeedClassification.Matched,
    };

    public int Gap => Signals - Activities;

    /// <summary>The gap the ranking uses: a suppressed cell ranks as if it had one signal, so its place reveals no more than the row.</summary>
    public int RankingGap => Suppressed ? 1 - Activities : Gap;
}

public sealed record SuppressibleCount(int Value, bool Suppressed);

public sealed record NeedsResult(IReadOnlyList<NeedCell> Cells, SuppressibleCount Signals);

/// <summary>Signals against offering per theme × target group × region.</summary>
public sealed class NeedsVersusOffering(Scope scope, int threshold)
{
    public const int MaxCells = 1_000;

    public Scope Scope { get; } = scope;

    public int Threshold { get; } = threshold;

    public string Key => $"needs|{Scope.Key}|{Threshold}";

    /// <summary>Residents' signals above zero and below the threshold are a small cell: hidden unless the caller may see the signals.</summary>
    public static bool Suppress(bool seesRecords, int threshold, int residentSignals) => !seesRecords && residentSignals > 0 && residentSignals < threshold;

    public static Task<NeedsResult> ComputeAsync(InfrastructuurDb db, Scope scope, int threshold, CancellationToken cancellationToken) =>
        ComputeAsync(db, scope, threshold, fromFacts: true, cancellationToken);

    /// <summary>The same figures with the offering computed from the records (every scope; the kept facts must equal it).</summary>
    public static Task<NeedsResult> ComputeFromRecordsAsync(InfrastructuurDb db, Scope scope, int threshold, CancellationToken cancellationToken) =>
        ComputeAsync(db, scope, threshold, fromFacts: false, cancellationToken);

    private static async Task<NeedsResult> ComputeAsync(InfrastructuurDb db, Scope scope, int threshold, bool fromFacts, CancellationToken cancellationToken)
    {
        var signals = DashboardSql.Signals(db, scope);
        var signalRows = SignalRows(db, signals);
        var signalCells = await signalRows
            .GroupBy(r => new { r.Theme, r.Group, r.Region })
            .Select(g => new { g.Key.Theme, g.Key.Group, g.Key.Region, Signals = g.Select(r => r.Owner).Distinct().Count(), Residents = g.Where(r => r.Flag).Select(r => r.Owner).Distinct().Count() })
            .ToListAsync(cancellationToken);

        // Offering rows for signals that name no target group are only needed for their themes and regions.
        var untargeted = signalCells.Where(c => c.Group is null).ToList();
        var untargetedThemes = untargeted.Select(c => c.Theme).Distinct().ToList();
        var untargetedRegions = untargeted.Select(c => c.Region).Distinct().ToList();
        async Task<(List<NeedOffering> Cells, Dictionary<(Guid Theme, Guid? Group, Guid Region), long> Reach)> FromRecordsAsync()
        {
            IQueryable<OfferingRow> Offering(IQueryable<Activities.Activity> running, IQueryable<Activities.Activity> anywhere)
            {
                var tagged =
                    from a in running
                    join t in DashboardSql.ActivityThemesRolledUp(db) on a.Id equals t.Owner
                    join n in DashboardSql.ActivityRegionsIn(db, scope) on a.Id equals n.Owner
                    select new { a.Id, a.ProviderOrganisationId, a.ProviderInitiativeId, Theme = t.Key, Region = n.Key };
                var rows = tagged.Join(DashboardSql.ActivityTargetGroupsRolledUp(db), x => x.Id, g => g.Owner, (x, g) => new OfferingRow { Activity = x.Id, Organisation = x.ProviderOrganisationId, Initiative = x.ProviderInitiativeId, Theme = x.Theme, Group = g.Key, Region = x.Region });
                if (untargeted.Count > 0)
                {
                    rows = rows.Concat(tagged
                        .Where(x => untargetedThemes.Contains(x.Theme) && untargetedRegions.Contains(x.Region))
                        .Select(x => new OfferingRow { Activity = x.Id, Organisation = x.ProviderOrganisationId, Initiative = x.ProviderInitiativeId, Theme = x.Theme, Group = null, Region = x.Region }));
                }

                return rows.Concat(
                    from response in db.SignalResponses
                    join s in signalRows on response.SignalId equals s.Owner
                    join a in anywhere on response.ActivityId equals a.Id
                    select new OfferingRow { Activity = a.Id, Organisation = a.ProviderOrganisationId, Initiative = a.ProviderInitiativeId, Theme = s.Theme, Group = s.Group, Region = s.Region });
            }

            // Offering in a cell: activities tagged with the theme and group (rolled up) serving the region; for signals without a
            // target group, activities for any group; and wherever they run, the activities recorded as a response to the cell's
            // signals. Rows may repeat an activity in a cell (roll-up, responses): every count is a distinct count.
            var running = DashboardSql.Running(db, scope);
            var ranAnywhere = DashboardSql.Published<Activities.Activity>(db).Where(DashboardSql.RanBetween(scope.From, scope.To));
            var offeringCells = (await Offering(running, ranAnywhere)
                .GroupBy(r => new { r.Theme, r.Group, r.Region })
                .Select(g => new
                {
                    g.Key.Theme,
                    g.Key.Group,
                    g.Key.Region,
                    Activities = g.Select(r => r.Activity).Distinct().Count(),
                    Providers = g.Select(r => r.Organisation).Distinct().Count() + g.Select(r => r.Initiative).Distinct().Count(),
                })
                .ToListAsync(cancellationToken))
                .Select(c => new NeedOffering(c.Theme, c.Group, c.Region, c.Activities, c.Providers)).ToList();

            // Reach: the same rows, narrowed to activities with a record in the period, each record once per cell.
            var records = Baseline.Reach(db, scope);
            var reach = await Offering(running.Where(a => records.Any(r => r.ActivityId == a.Id)), ranAnywhere.Where(a => records.Any(r => r.ActivityId == a.Id)))
                .Join(records, o => o.Activity, r => r.ActivityId, (o, r) => new { o.Theme, o.Group, o.Region, Record = r.Id, RecordRegion = r.NeighbourhoodId, r.Count })
                .Where(x => x.RecordRegion == null || x.RecordRegion == x.Region)
                .Select(x => new { x.Theme, x.Group, x.Region, x.Record, x.Count })
                .Distinct()
                .GroupBy(x => new { x.Theme, x.Group, x.Region })
                .Select(g => new { g.Key.Theme, g.Key.Group, g.Key.Region, Reach = g.Sum(x => (long)x.Count) })
                .ToDictionaryAsync(x => (x.Theme, x.Group, x.Region), x => x.Reach, cancellationToken);
            return (offeringCells, reach);
        }

        var (offeringCells, reach) = fromFacts && await FactReader.ForAsync(db, scope, cancellationToken) is { } facts
            ? await FromFactsAsync(db, scope, facts, signalRows, untargeted.Select(c => (c.Theme, c.Region)).ToHashSet(), cancellationToken)
            : await FromRecordsAsync();
        var offering = offeringCells.ToDictionary(c => (c.Theme, c.Group, c.Region));
        var cells = new List<NeedCell>();
        foreach (var s in signalCells)
        {
            var o = offering.GetValueOrDefault((s.Theme, s.Group, s.Region));
            cells.Add(new NeedCell(s.Theme, s.Group, s.Region, s.Signals, s.Residents, Suppress(scope.SeesRecords, threshold, s.Residents), o?.Activities ?? 0, o?.Providers ?? 0, reach.GetValueOrDefault((s.Theme, s.Group, s.Region))));
        }

        // Offering cells without signals; the any-group rows only ever serve signals that name no group.
        var signalled = signalCells.Select(s => (s.Theme, s.Group, s.Region)).ToHashSet();
        foreach (var o in offeringCells.Where(o => o.Group is not null && !signalled.Contains((o.Theme, o.Group, o.Region))))
        {
            cells.Add(new NeedCell(o.Theme, o.Group, o.Region, 0, 0, false, o.Activities, o.Providers, reach.GetValueOrDefault((o.Theme, o.Group, o.Region))));
        }

        var totals = await signals.GroupBy(s => 1).Select(g => new { Signals = g.Count(), Residents = g.Count(s => s.ReportedByResident) }).ToListAsync(cancellationToken);
        var ranked = cells.OrderByDescending(c => c.RankingGap).ThenByDescending(c => c.Suppressed ? 1 : c.Signals).ThenBy(c => c.Activities)
            .ThenBy(c => c.ThemeId).ThenBy(c => c.TargetGroupId).ThenBy(c => c.NeighbourhoodId).ToList();
        var total = totals.SingleOrDefault();
        return new NeedsResult(ranked, new SuppressibleCount(total?.Signals ?? 0, Suppress(scope.SeesRecords, threshold, total?.Residents ?? 0)));
    }

    /// <summary>
    /// The offering of the cells from the kept facts (a whole municipality, a calendar year): activities tagged with the
    /// cell, or with its theme and region for signals that name no group; then the activities recorded as a response to a
    /// cell's signals that the cell does not already count (not tagged with it, or of another municipality), each adding
    /// itself, its provider unless the cell's support rows hold it, and its reach records for the cell's region.
    /// </summary>
    private static async Task<(List<NeedOffering> Cells, Dictionary<(Guid Theme, Guid? Group, Guid Region), long> Reach)> FromFactsAsync(
        InfrastructuurDb db, Scope scope, FactReader facts, IQueryable<CellRow> signalRows, HashSet<(Guid Theme, Guid Region)> untargeted, CancellationToken cancellationToken)
    {
        var cells = new Dictionary<(Guid Theme, Guid? Group, Guid Region), NeedOffering>();
        var reach = new Dictionary<(Guid Theme, Guid? Group, Guid Region), long>();
        foreach (var c in (await facts.OfferingCellsAsync(cancellationToken)).Concat((await facts.AnyGroupCellsAsync(cancellationToken)).Where(c => untargeted.Contains((c.ThemeId, c.NeighbourhoodId)))))
        {
            cells[(c.ThemeId, c.TargetGroupId, c.NeighbourhoodId)] = new NeedOffering(c.ThemeId, c.TargetGroupId, c.NeighbourhoodId, c.Activities, c.Providers);
            reach[(c.ThemeId, c.TargetGroupId, c.NeighbourhoodId)] = c.Reach;
        }

        var ranAnywhere = DashboardSql.Published<Activities.Activity>(db).Where(DashboardSql.RanBetween(scope.From, scope.To));
        var responses = await (
                from response in db.SignalResponses
                join s in signalRows on response.SignalId equals s.Owner
                join a in ranAnywhere on response.ActivityId equals a.Id
                select new { s.Theme, s.Group, s.Region, Activity = a.Id, a.MunicipalityId, a.ProviderOrganisationId, a.ProviderInitiativeId })
            .Distinct()
            .ToListAsync(cancellationToken);
        if (responses.Count == 0)
        {
            return ([.. cells.Values], reach);
        }

        var activities = responses.Select(r => r.Activity).Distinct().ToList();
        var themes = (await DashboardSql.ActivityThemesRolledUp(db).Where(l => activities.Contains(l.Owner)).ToListAsync(cancellationToken)).Select(l => (l.Owner, l.Key)).ToHashSet();
        var groups = (await DashboardSql.ActivityTargetGroupsRolledUp(db).Where(l => activities.Contains(l.Owner)).ToListAsync(cancellationToken)).Select(l => (l.Owner, l.Key)).ToHashSet();
        var regions = (await DashboardSql.ActivityRegions(db).Where(l => activities.Contains(l.Owner)).ToListAsync(cancellationToken)).Select(l => (l.Owner, l.Key)).ToHashSet();
        var extra = responses
            .Where(r => !(r.MunicipalityId == scope.MunicipalityId && themes.Contains((r.Activity, r.Theme)) && regions.Contains((r.Activity, r.Region))
                && (r.Group is not { } g || groups.Contains((r.Activity, g)))))
            .ToList();
        if (extra.Count == 0)
        {
            return ([.. cells.Values], reach);
        }

        var touched = extra.Select(r => (r.Theme, r.Group, r.Region)).Distinct().ToList();
        var counted = (await facts.ProvidersAsync(touched, cancellationToken)).Select(p => (p.Theme, p.Group, p.Region, p.Organisation ?? p.Initiative)).ToHashSet();
        var extraActivities = extra.Select(r => r.Activity).Distinct().ToList();
        var (from, to) = (scope.From, scope.To);
        var records = (await db.ReachRecords.AsNoTracking().Where(r => extraActivities.Contains(r.ActivityId) && r.PeriodStart <= to && r.PeriodEnd >= from)
            .Select(r => new { r.ActivityId, r.NeighbourhoodId, r.Count }).ToListAsync(cancellationToken)).ToLookup(r => r.ActivityId);
        foreach (var cell in extra.GroupBy(r => (r.Theme, r.Group, r.Region)))
        {
            var key = cell.Key;
            var before = cells.GetValueOrDefault(key) ?? new NeedOffering(key.Theme, key.Group, key.Region, 0, 0);
            var newProviders = cell.Select(r => r.ProviderOrganisationId ?? r.ProviderInitiativeId).Distinct().Count(p => !counted.Contains((key.Theme, key.Group, key.Region, p)));
            var added = cell.Select(r => r.Activity).Distinct().ToList();
            cells[key] = before with { Activities = before.Activities + added.Count, Providers = before.Providers + newProviders };
            reach[key] = reach.GetValueOrDefault(key) + added.SelectMany(a => records[a]).Where(r => r.NeighbourhoodId is null || r.NeighbourhoodId == key.Region).Sum(r => (long)r.Count);
        }

        return ([.. cells.Values], reach);
    }

    /// <summary>The offering of one needs cell (group null: for any group).</summary>
    private sealed record NeedOffering(Guid Theme, Guid? Group, Guid Region, int Activities, int Providers);

    /// <summary>One row per signal and cell it counts in: its themes (rolled up) × its target group (rolled up, or none) × its region.</summary>
    private static IQueryable<CellRow> SignalRows(InfrastructuurDb db, IQueryable<Signals.Signal> signals)
    {
        var themes = DashboardSql.RolledUp<Theme>(db, DashboardSql.SignalThemes(db, signals));
        return signals.Where(s => s.TargetGroupId != null)
            .Join(themes, s => s.Id, t => t.Owner, (s, t) => new { s.Id, s.TargetGroupId, s.NeighbourhoodId, s.ReportedByResident, Theme = t.Key })
            .Join(DashboardSql.Broader<TargetGroup>(db), x => x.TargetGroupId!.Value, b => b.Owner, (x, b) => new CellRow { Owner = x.Id, Theme = x.Theme, Group = b.Key, Region = x.NeighbourhoodId, Flag = x.ReportedByResident })
            .Concat(signals.Where(s => s.TargetGroupId == null)
                .Join(themes, s => s.Id, t => t.Owner, (s, t) => new CellRow { Owner = s.Id, Theme = t.Key, Group = null, Region = s.NeighbourhoodId, Flag = s.ReportedByResident }));
    }

    /// <summary>A signal in one cell, flagged when a resident raised it.</summary>
    private sealed class CellRow
    {
        public Guid Owner { get; set; }

        public Guid Theme { get; set; }

        public Guid? Group { get; set; }

        public Guid Region { get; set; }

        public bool Flag { get; set; }
    }
}

public sealed class SuppressibleCountType : ObjectGraphType<SuppressibleCount>
{
    public SuppressibleCountType()
    {
        Name = "SuppressibleCount";
        this.DefaultPolicy(Policies.Public);
        Description = "A count over signals that may be suppressed: when residents raised some of them, fewer than the small-cell threshold, callers who may not see the signals get null and suppressed: true.";
        Field<IntGraphType>("value").Description("The count; null when suppressed.").Resolve(ctx => ctx.Source.Suppressed ? null : ctx.Source.Value);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Description("True when the count is withheld as a small cell.").Resolve(ctx => ctx.Source.Suppressed);
    }
}

public sealed class NeedCellType : ObjectGraphType<NeedCell>
{
    public NeedCellType()
    {
        Name = "NeedCell";
        this.DefaultPolicy(Policies.Public);
        Description = "Signalled need against offering for one theme × target group × region. A signal counts under its underlying theme once the network traced it, "
            + "otherwise under each of its own themes; themes and groups roll up (a theme's cell includes its sub-themes).";
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme (its sub-themes included).").Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.ThemeId));
        Field<TargetGroupType>("targetGroup")
            .Description("The target group (its sub-groups included); null for signals that name no group, whose offering is the theme's offering in the region for any group.")
            .Resolve(ctx => ctx.LoadById<TargetGroup>(ctx.Source.TargetGroupId));
        Field<NonNullGraphType<NeighbourhoodType>>("neighbourhood").Description("The region: where the signals were observed and the activities serve, as tagged.").Resolve(ctx => ctx.LoadById<Neighbourhood>(ctx.Source.NeighbourhoodId));
        Field<IntGraphType>("signals").Description("Signals observed in the period in this cell; null when suppressed.").Resolve(ctx => ctx.Source.Suppressed ? null : ctx.Source.Signals);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Description("True when signals and gap are withheld: residents raised some of the cell's signals, fewer than the small-cell threshold, and the caller may not see them.").Resolve(ctx => ctx.Source.Suppressed);
        Field<NonNullGraphType<IntGraphType>>("activities")
            .Description("Activities that ran in the period for the cell (see Baseline for 'ran'): tagged with the theme and group and serving the region, plus any activity recorded as a response to one of the cell's signals, wherever it runs.")
            .Resolve(ctx => ctx.Source.Activities);
        Field<NonNullGraphType<IntGraphType>>("providers").Description("Distinct providers (organisations and initiatives) of those activities.").Resolve(ctx => ctx.Source.Providers);
        Field<NonNullGraphType<DescribedLongGraphType>>("reach").Description("People those activities reached: their reach records overlapping the period, for this region or no region in particular.").Resolve(ctx => ctx.Source.Reach);
        Field<NonNullGraphType<NeedClassificationType>>("classification").Description("UNMET_NEED, OFFERING_WITHOUT_SIGNAL, MATCHED (one provider) or OVERLAPPING (two or more providers).").Resolve(ctx => ctx.Source.Classification);
        Field<IntGraphType>("gap").Description("signals − activities: positive where need outruns offering; null when suppressed.").Resolve(ctx => ctx.Source.Suppressed ? null : ctx.Source.Gap);
    }
}

public sealed class NeedsSummaryType : ObjectGraphType<NeedsResult>
{
    public NeedsSummaryType()
    {
        Name = "NeedsSummary";
        this.DefaultPolicy(Policies.Public);
        Description = "How many cells fall in each classification.";
        Field<NonNullGraphType<IntGraphType>>("unmetNeeds").Description("Cells classified UNMET_NEED.").Resolve(ctx => Count(ctx.Source, NeedClassification.UnmetNeed));
        Field<NonNullGraphType<IntGraphType>>("offeringWithoutSignal").Description("Cells classified OFFERING_WITHOUT_SIGNAL.").Resolve(ctx => Count(ctx.Source, NeedClassification.OfferingWithoutSignal));
        Field<NonNullGraphType<IntGraphType>>("matched").Description("Cells classified MATCHED.").Resolve(ctx => Count(ctx.Source, NeedClassification.Matched));
        Field<NonNullGraphType<IntGraphType>>("overlapping").Description("Cells classified OVERLAPPING.").Resolve(ctx => Count(ctx.Source, NeedClassification.Overlapping));
    }

    private static int Count(NeedsResult result, NeedClassification classification) => result.Cells.Count(c => c.Classification == classification);
}

public sealed class NeedsVersusOfferingType : ObjectGraphType<NeedsVersusOffering>
{
    public NeedsVersusOfferingType()
    {
        Name = "NeedsVersusOffering";
        this.DefaultPolicy(Policies.Public);
        Description = "Signals observed in the period against the offering that ran (see Baseline), per theme × target group × region.";
        Field<NonNullGraphType<SuppressibleCountType>>("signals").Description("All signals observed in the scope in the period, each once.").ResolveAsync(async ctx => (await ResultAsync(ctx)).Signals);
        Field<NonNullGraphType<NeedsSummaryType>>("summary").Description("How many cells fall in each classification.").ResolveAsync(async ctx => await ResultAsync(ctx));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<NeedCellType>>>>("cells")
            .Description("The cells ranked by gap (signals − activities), largest first; then by signals, descending. A suppressed cell ranks as if it had one signal.")
            .Argument<NonNullGraphType<IntGraphType>>("first", $"How many cells to list, 0 to {MaxCells}.", a => a.DefaultValue = 100)
            .Argument<ListGraphType<NonNullGraphType<NeedClassificationType>>>("classifications", "Only cells with one of these classifications; all when left out.")
            .ResolveAsync(async ctx =>
            {
                var first = ctx.FirstArgument(MaxCells);
                var only = ctx.GetArgument<List<NeedClassification>?>("classifications");

                var cells = (await ResultAsync(ctx)).Cells;
                return cells.Where(c => only is null || only.Count == 0 || only.Contains(c.Classification)).Take(first).ToList();
            });
    }

    private const int MaxCells = NeedsVersusOffering.MaxCells;

    private static Task<NeedsResult> ResultAsync(IResolveFieldContext<NeedsVersusOffering> ctx)
    {
        var needs = ctx.Source;
        return DashboardCache.GetOrComputeAsync(ctx, needs.Scope.MunicipalityId, needs.Key, (db, ct) => NeedsVersusOffering.ComputeAsync(db, needs.Scope, needs.Threshold, ct));
    }
}
