using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>Offering figures over a set of activities that ran in a period; each activity counts once.</summary>
public sealed record OfferingFigures(int Activities, int Organisations, int Initiatives, long Capacity, int WithCapacity, int Verified, long Reach)
{
    public static readonly OfferingFigures None = new(0, 0, 0, 0, 0, 0, 0);

    public int Providers => Organisations + Initiatives;

    public double? VerifiedShare => Activities == 0 ? null : (double)Verified / Activities;
}

public sealed record BaselineCell(Guid ThemeId, Guid TargetGroupId, OfferingFigures Figures);

/// <summary>An overlap cell with how many providers it has and the first of them by name (at most <see cref="OverlapType.MaxProviders"/>).</summary>
public sealed record Overlap(Guid ThemeId, Guid TargetGroupId, Guid NeighbourhoodId, int Activities, int ProviderCount, IReadOnlyList<PartyRef> Providers);

/// <summary>A cell with two or more providers, before its providers are looked up.</summary>
public sealed record OverlapCell(Guid ThemeId, Guid TargetGroupId, Guid NeighbourhoodId, int Providers, int Activities);

/// <summary>The baseline inventory (nulmeting) of a scope: what ran, per theme × target group, and where providers overlap.</summary>
public sealed class Baseline(Scope scope)
{
    public const int MaxOverlaps = 500;

    public Scope Scope { get; } = scope;

    /// <summary>Verified means: checked with the provider on a day from this many days before the period's last day up to that day.</summary>
    public const int VerifiedWithinDays = 365;

    public static async Task<OfferingFigures> TotalsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        if (await FactReader.ForAsync(db, scope, cancellationToken) is { } facts)
        {
            return await facts.TotalsAsync(cancellationToken);
        }

        return await TotalsFromRecordsAsync(db, scope, cancellationToken);
    }

    /// <summary>The same figure computed from the records (every scope; the kept facts must equal it).</summary>
    public static async Task<OfferingFigures> TotalsFromRecordsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var verifiedSince = scope.To.AddDays(-VerifiedWithinDays);
        var to = scope.To;
        var running = DashboardSql.Running(db, scope);
        var totals = await running.GroupBy(a => 1).Select(g => new
        {
            Activities = g.Count(),
            Organisations = g.Select(a => a.ProviderOrganisationId).Distinct().Count(),
            Initiatives = g.Select(a => a.ProviderInitiativeId).Distinct().Count(),
            Capacity = g.Sum(a => (long?)a.Capacity) ?? 0,
            WithCapacity = g.Count(a => a.Capacity != null),
            Verified = g.Count(a => a.LastVerifiedOn != null && a.LastVerifiedOn >= verifiedSince && a.LastVerifiedOn <= to),
        }).ToListAsync(cancellationToken);
        var reach = await Reach(db, scope).Join(running, r => r.ActivityId, a => a.Id, (r, a) => (long)r.Count).SumAsync(cancellationToken);
        return totals.SingleOrDefault() is { } t ? new(t.Activities, t.Organisations, t.Initiatives, t.Capacity, t.WithCapacity, t.Verified, reach) : OfferingFigures.None;
    }

    /// <summary>One row per theme × target group with offering, themes and groups rolled up (a theme's row includes its sub-themes).</summary>
    public static async Task<List<BaselineCell>> CellsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        if (await FactReader.ForAsync(db, scope, cancellationToken) is { } facts)
        {
            return await facts.CellsAsync(cancellationToken);
        }

        return await CellsFromRecordsAsync(db, scope, cancellationToken);
    }

    /// <summary>The same figure computed from the records (every scope; the kept facts must equal it).</summary>
    public static async Task<List<BaselineCell>> CellsFromRecordsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var verifiedSince = scope.To.AddDays(-VerifiedWithinDays);
        var to = scope.To;
        var running = DashboardSql.Running(db, scope);
        var themes = DashboardSql.ActivityThemesRolledUp(db);
        var groups = DashboardSql.ActivityTargetGroupsRolledUp(db);

        var cells = await (
                from a in running
                join t in themes on a.Id equals t.Owner
                join g in groups on a.Id equals g.Owner
                select new { Theme = t.Key, Group = g.Key, a.ProviderOrganisationId, a.ProviderInitiativeId, a.Capacity, a.LastVerifiedOn })
            .GroupBy(r => new { r.Theme, r.Group })
            .Select(g => new
            {
                g.Key.Theme,
                g.Key.Group,
                Activities = g.Count(),
                Organisations = g.Select(r => r.ProviderOrganisationId).Distinct().Count(),
                Initiatives = g.Select(r => r.ProviderInitiativeId).Distinct().Count(),
                Capacity = g.Sum(r => (long?)r.Capacity) ?? 0,
                WithCapacity = g.Count(r => r.Capacity != null),
                Verified = g.Count(r => r.LastVerifiedOn != null && r.LastVerifiedOn >= verifiedSince && r.LastVerifiedOn <= to),
            })
            .ToListAsync(cancellationToken);

        // Reach per cell: a record counts for its own target group (and the groups above it), or, when it names none, for
        // each of the activity's target groups.
        var records = Reach(db, scope).Join(running, r => r.ActivityId, a => a.Id, (r, a) => r);
        var recordGroups = records.Where(r => r.TargetGroupId != null)
            .Join(DashboardSql.Broader<TargetGroup>(db), r => r.TargetGroupId!.Value, b => b.Owner, (r, b) => new { r.Id, r.ActivityId, r.Count, Group = b.Key })
            .Concat(records.Where(r => r.TargetGroupId == null).Join(groups, r => r.ActivityId, g => g.Owner, (r, g) => new { r.Id, r.ActivityId, r.Count, Group = g.Key }));
        var reach = await recordGroups
            .Join(themes, r => r.ActivityId, t => t.Owner, (r, t) => new { Theme = t.Key, r.Group, r.Count })
            .GroupBy(r => new { r.Theme, r.Group })
            .Select(g => new { g.Key.Theme, g.Key.Group, Reach = g.Sum(r => (long)r.Count) })
            .ToDictionaryAsync(r => (r.Theme, r.Group), r => r.Reach, cancellationToken);

        return [.. cells.Select(c => new BaselineCell(c.Theme, c.Group, new OfferingFigures(
            c.Activities, c.Organisations, c.Initiatives, c.Capacity, c.WithCapacity, c.Verified, reach.GetValueOrDefault((c.Theme, c.Group)))))];
    }

    /// <summary>
    /// The offering cells served by two or more distinct providers, most providers first, then most activities, then by
    /// theme, group and region name (names from the small term and region tables).
    /// </summary>
    public static async Task<List<OverlapCell>> OverlapCellsAsync(InfrastructuurDb db, Scope scope, IReadOnlyList<OfferingCell> offering, CancellationToken cancellationToken)
    {
        // Offering cells always name a target group (the group join is an inner join); the filter only proves it to the compiler.
        var cells = offering.Where(c => c.Providers >= 2 && c.TargetGroupId is not null)
            .Select(c => new OverlapCell(c.ThemeId, c.TargetGroupId!.Value, c.NeighbourhoodId, c.Providers, c.Activities)).ToList();
        if (cells.Count == 0)
        {
            return [];
        }

        var municipality = scope.MunicipalityId;
        var themes = await db.Themes.Select(t => new { t.Id, t.NameKey }).ToDictionaryAsync(t => t.Id, t => t.NameKey, cancellationToken);
        var groups = await db.TargetGroups.Select(t => new { t.Id, t.NameKey }).ToDictionaryAsync(t => t.Id, t => t.NameKey, cancellationToken);
        var regions = await db.Neighbourhoods.Where(n => n.MunicipalityId == municipality).Select(n => new { n.Id, n.NameKey }).ToDictionaryAsync(n => n.Id, n => n.NameKey, cancellationToken);
        return [.. cells
            .OrderByDescending(c => c.Providers).ThenByDescending(c => c.Activities)
            .ThenBy(c => themes[c.ThemeId], StringComparer.Ordinal).ThenBy(c => groups[c.TargetGroupId], StringComparer.Ordinal).ThenBy(c => regions[c.NeighbourhoodId], StringComparer.Ordinal)
            .ThenBy(c => c.ThemeId).ThenBy(c => c.TargetGroupId).ThenBy(c => c.NeighbourhoodId)];
    }

    /// <summary>The first providers by name of some overlap cells (as many as a client may list): one statement for all of them.</summary>
    public static async Task<List<Overlap>> OverlapsAsync(InfrastructuurDb db, Scope scope, IReadOnlyList<OverlapCell> cells, CancellationToken cancellationToken) =>
        cells.Count == 0 ? []
        : await FactReader.ForAsync(db, scope, cancellationToken) is { } facts
            ? ByCell(cells, await facts.ProvidersAsync([.. cells.Select(c => (c.ThemeId, (Guid?)c.TargetGroupId, c.NeighbourhoodId))], cancellationToken))
            : await OverlapsFromRecordsAsync(db, scope, cells, cancellationToken);

    /// <summary>The same computed from the records (every scope; the kept facts must give the same).</summary>
    public static async Task<List<Overlap>> OverlapsFromRecordsAsync(InfrastructuurDb db, Scope scope, IReadOnlyList<OverlapCell> cells, CancellationToken cancellationToken)
    {
        if (cells.Count == 0)
        {
            return [];
        }

        List<Guid> themes = [.. cells.Select(c => c.ThemeId).Distinct()], regions = [.. cells.Select(c => c.NeighbourhoodId).Distinct()];
        List<Guid?> groups = [.. cells.Select(c => (Guid?)c.TargetGroupId).Distinct()];
        // Each provider with its name, read in the same statement (a key lookup per distinct provider), so each cell's
        // providers are ordered by name and a client asking for the first few loads only those.
        var (organisations, initiatives) = (db.Organisations, db.Initiatives);
        var providers = (await OfferingCells.Rows(db, scope, DashboardSql.Running(db, scope))
                .Where(r => themes.Contains(r.Theme) && groups.Contains(r.Group) && regions.Contains(r.Region))
                .Select(r => new { r.Theme, r.Group, r.Region, r.Organisation, r.Initiative })
                .Distinct()
                .Select(p => new
                {
                    p.Theme,
                    p.Group,
                    p.Region,
                    p.Organisation,
                    p.Initiative,
                    Name = p.Organisation != null
                        ? organisations.Where(o => o.Id == p.Organisation).Select(o => o.NameKey).FirstOrDefault()
                        : initiatives.Where(i => i.Id == p.Initiative).Select(i => i.NameKey).FirstOrDefault(),
                })
                .ToListAsync(cancellationToken))
                .Select(p => (p.Theme, p.Group, p.Region, p.Organisation, p.Initiative, p.Name)).ToList();
        return ByCell(cells, providers);
    }

    // Each cell's providers by name (then ID), as many as a client may list; the count is the cell's own.
    private static List<Overlap> ByCell(IReadOnlyList<OverlapCell> cells, List<(Guid Theme, Guid? Group, Guid Region, Guid? Organisation, Guid? Initiative, string? Name)> providers)
    {
        var byCell = providers.ToLookup(p => (p.Theme, p.Group, p.Region));
        return [.. cells.Select(c => new Overlap(c.ThemeId, c.TargetGroupId, c.NeighbourhoodId, c.Activities, c.Providers, [.. byCell[(c.ThemeId, (Guid?)c.TargetGroupId, c.NeighbourhoodId)]
            .OrderBy(p => p.Name ?? string.Empty, StringComparer.Ordinal).ThenBy(p => p.Organisation ?? p.Initiative)
            .Take(OverlapType.MaxProviders)
            .Select(p => new PartyRef(p.Organisation, p.Initiative))]))];
    }

    /// <summary>
    /// Reach records whose period overlaps the scope's, for a region of the scope or for no region in particular. Callers
    /// join them to published activities (<see cref="DashboardSql.Running"/>), which is the records' own visibility rule.
    /// </summary>
    public static IQueryable<ReachRecord> Reach(InfrastructuurDb db, Scope scope)
    {
        var (from, to, regions) = (scope.From, scope.To, scope.Regions);
        var records = db.ReachRecords.Where(r => r.PeriodStart <= to && r.PeriodEnd >= from);
        return scope.IsWholeMunicipality ? records : records.Where(r => r.NeighbourhoodId == null || regions.Contains(r.NeighbourhoodId.Value));
    }
}

public sealed class OfferingFiguresType : ObjectGraphType<OfferingFigures>
{
    public OfferingFiguresType()
    {
        Name = "OfferingFigures";
        this.DefaultPolicy(Policies.Public);
        Description = "Offering that ran in the dashboard's period (see Baseline): each activity counts once, however many regions, themes or groups it has.";
        Field<NonNullGraphType<IntGraphType>>("activities").Description("Activities that ran in the period.").Resolve(ctx => ctx.Source.Activities);
        Field<NonNullGraphType<IntGraphType>>("providers").Description("Distinct providers of those activities: organisations plus initiatives.").Resolve(ctx => ctx.Source.Providers);
        Field<NonNullGraphType<IntGraphType>>("organisationProviders").Description("Distinct organisations providing them.").Resolve(ctx => ctx.Source.Organisations);
        Field<NonNullGraphType<IntGraphType>>("initiativeProviders").Description("Distinct residents' initiatives providing them.").Resolve(ctx => ctx.Source.Initiatives);
        Field<NonNullGraphType<DescribedLongGraphType>>("capacity").Description("The sum of their capacities (people at a time); activities without a capacity add nothing.").Resolve(ctx => ctx.Source.Capacity);
        Field<NonNullGraphType<IntGraphType>>("activitiesWithCapacity").Description("How many of them state a capacity: how much of the capacity figure is known.").Resolve(ctx => ctx.Source.WithCapacity);
        Field<NonNullGraphType<DescribedLongGraphType>>("reach")
            .Description("People reached: the sum of their reach records whose period overlaps the dashboard's (for a region in scope or none in particular); people counted in several records count more than once.")
            .Resolve(ctx => ctx.Source.Reach);
        Field<NonNullGraphType<IntGraphType>>("verifiedActivities")
            .Description($"How many of them were last verified with the provider (lastVerifiedOn) on a day from {Baseline.VerifiedWithinDays} days before the period's last day up to and including it.")
            .Resolve(ctx => ctx.Source.Verified);
        Field<FloatGraphType>("verifiedShare").Description("verifiedActivities / activities, from 0 to 1; null when no activity ran.").Resolve(ctx => ctx.Source.VerifiedShare);
    }
}

public sealed class BaselineCellType : ObjectGraphType<BaselineCell>
{
    public BaselineCellType()
    {
        Name = "BaselineCell";
        this.DefaultPolicy(Policies.Public);
        Description = "The offering for one theme × target group: activities tagged with the theme or one of its sub-themes, for the group or one of its sub-groups.";
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme; its figures include its sub-themes.").Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.ThemeId));
        Field<NonNullGraphType<TargetGroupType>>("targetGroup").Description("The target group; its figures include its sub-groups.").Resolve(ctx => ctx.LoadById<TargetGroup>(ctx.Source.TargetGroupId));
        Field<NonNullGraphType<OfferingFiguresType>>("figures").Description("The cell's offering figures. A reach record that names a target group counts for that group (and those above it); one that names none counts for each of the activity's groups.").Resolve(ctx => ctx.Source.Figures);
    }
}

public sealed class OverlapType : ObjectGraphType<Overlap>
{
    public OverlapType()
    {
        Name = "Overlap";
        this.DefaultPolicy(Policies.Public);
        Description = "Two or more distinct providers running offering for the same theme, target group and region in the period.";
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme (its sub-themes included).").Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.ThemeId));
        Field<NonNullGraphType<TargetGroupType>>("targetGroup").Description("The target group (its sub-groups included).").Resolve(ctx => ctx.LoadById<TargetGroup>(ctx.Source.TargetGroupId));
        Field<NonNullGraphType<NeighbourhoodType>>("neighbourhood").Description("The region the activities serve, as tagged (a district is not split into its buurten).").Resolve(ctx => ctx.LoadById<Neighbourhood>(ctx.Source.NeighbourhoodId));
        Field<NonNullGraphType<IntGraphType>>("activities").Description("The activities in the cell.").Resolve(ctx => ctx.Source.Activities);
        Field<NonNullGraphType<IntGraphType>>("providerCount").Description("The distinct providers in the cell (two or more).").Resolve(ctx => ctx.Source.ProviderCount);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartyType>>>>("providers")
            .Description("The first providers by name (providerCount says how many there are: in a large municipality hundreds share a cell).")
            .Argument<NonNullGraphType<IntGraphType>>("first", $"How many providers to list, 0 to {MaxProviders}.", a => a.DefaultValue = 10)
            .Resolve(ctx => ctx.LoadParties(ctx.Source.Providers.Take(ctx.FirstArgument(MaxProviders))));
    }

    public const int MaxProviders = 100;
}

public sealed class BaselineType : ObjectGraphType<Baseline>
{
    public BaselineType()
    {
        Name = "Baseline";
        this.DefaultPolicy(Policies.Public);
        Description = "The baseline inventory (nulmeting) of the scope's offering in the period. An activity counts when it belongs to the scope "
            + "(for an area or region: serves one of its regions), is ACTIVE, PAUSED or ENDED (never DRAFT), and its schedule overlaps the period: its first day "
            + "(none: it always ran) is on or before the period's last day and its last day (none: it still runs) on or after the first; a one-off without a last "
            + "day takes place on its first day only. An activity spanning two years therefore counts in each year's period.";
        Field<NonNullGraphType<OfferingFiguresType>>("totals")
            .Description("Figures over all the scope's offering in the period, each activity once (also those without a theme or target group).")
            .ResolveAsync(async ctx =>
            {
                var scope = ctx.Source.Scope;
                return await DashboardCache.GetOrComputeAsync(ctx, scope.MunicipalityId, $"baseline-totals|{scope.Key}", (db, ct) => Baseline.TotalsAsync(db, scope, ct));
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<BaselineCellType>>>>("cells")
            .Description("One row per theme × target group with offering, most activities first. Themes and groups roll up, so rows of a theme and its sub-theme overlap and do not add up to the totals.")
            .ResolveAsync(async ctx =>
            {
                var scope = ctx.Source.Scope;
                var cells = await DashboardCache.GetOrComputeAsync(ctx, scope.MunicipalityId, $"baseline-cells|{scope.Key}", (db, ct) => Baseline.CellsAsync(db, scope, ct));
                return cells.OrderByDescending(c => c.Figures.Activities).ThenByDescending(c => c.Figures.Providers).ThenBy(c => c.ThemeId).ThenBy(c => c.TargetGroupId);
            });
        Field<NonNullGraphType<IntGraphType>>("overlapCount")
            .Description("How many theme × target group × region cells have two or more distinct providers.")
            .ResolveAsync(async ctx => (await OverlapCellsAsync(ctx, ctx.Source.Scope)).Count);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OverlapType>>>>("overlaps")
            .Description("Theme × target group × region cells with two or more distinct providers (organisations and initiatives): most providers first, then most activities, then by theme, group and region name.")
            .Argument<NonNullGraphType<IntGraphType>>("first", $"How many overlaps to list, 0 to {MaxOverlaps}.", a => a.DefaultValue = 50)
            .ResolveAsync(async ctx =>
            {
                var scope = ctx.Source.Scope;
                var first = ctx.FirstArgument(MaxOverlaps);

                return await DashboardCache.GetOrComputeAsync(ctx, scope.MunicipalityId, $"baseline-overlap-providers|{scope.Key}|{first}", async (figures, db, ct) =>
                    await Baseline.OverlapsAsync(db, scope, [.. (await OverlapCellsAsync(figures, scope)).Take(first)], ct));
            });
    }

    private static Task<List<OverlapCell>> OverlapCellsAsync(IResolveFieldContext context, Scope scope) => OverlapCellsAsync(DashboardCache.Of(context), scope);

    // Built from the offering cells of the same data version, read through the cache (a refresh computes them if needed).
    private static Task<List<OverlapCell>> OverlapCellsAsync(DashboardCache.Figures figures, Scope scope) =>
        figures.GetAsync(scope.MunicipalityId, $"baseline-overlaps|{scope.Key}", async (nested, db, ct) => await Baseline.OverlapCellsAsync(db, scope, await OfferingCells.GetAsync(nested, scope), ct));

    private const int MaxOverlaps = Baseline.MaxOverlaps;
}
