using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>A figure this year against the year before.</summary>
public sealed record YearOnYear(long Value, long Previous)
{
    public long Change => Value - Previous;

    public double? RelativeChange => Previous == 0 ? null : (double)Change / Previous;
}

/// <summary>A count over signals this year against the year before; withheld when either year's count is a small cell.</summary>
public sealed record SignalYearOnYear(int Value, int Previous, bool Suppressed);

public sealed record ThemeRan(Guid ThemeId, YearOnYear Activities, YearOnYear Providers);

public sealed record GroupReached(Guid ThemeId, Guid TargetGroupId, YearOnYear Reach, YearOnYear Activities);

public sealed record ThemeSignals(Guid ThemeId, SignalYearOnYear Signals)
{
    public bool IsNew => Signals.Value > 0 && Signals.Previous == 0;
}

/// <summary>Signals of one year by the theme they count under (rolled up), with the residents' share for suppression.</summary>
public sealed record SignalFigures(int Signals, int Residents, IReadOnlyList<(Guid Theme, int Signals, int Residents)> ByTheme);

/// <summary>The annual review of a place: a year's offering, reach and signals against the year before.</summary>
public sealed class AnnualReview(Scope scope, int year, int threshold)
{
    public const int MinYear = 1900;
    public const int MaxYear = 2200;

    public int Year { get; } = year;

    public Scope ThisYear { get; } = scope.Year(year);

    public Scope LastYear { get; } = scope.Year(year - 1);

    public int Threshold { get; } = threshold;

    public static async Task<List<(Guid Theme, int Activities, int Providers)>> RanByThemeAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        if (await FactReader.ForAsync(db, scope, cancellationToken) is { } facts)
        {
            return await facts.RanByThemeAsync(cancellationToken);
        }

        return await RanByThemeFromRecordsAsync(db, scope, cancellationToken);
    }

    /// <summary>The same figure computed from the records (every scope; the kept facts must equal it).</summary>
    public static async Task<List<(Guid Theme, int Activities, int Providers)>> RanByThemeFromRecordsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var themes = DashboardSql.ActivityThemesRolledUp(db);
        var rows = await DashboardSql.Running(db, scope)
            .Join(themes, a => a.Id, t => t.Owner, (a, t) => new { Theme = t.Key, a.Id, a.ProviderOrganisationId, a.ProviderInitiativeId })
            .GroupBy(x => x.Theme)
            .Select(g => new { Theme = g.Key, Activities = g.Count(), Providers = g.Select(x => x.ProviderOrganisationId).Distinct().Count() + g.Select(x => x.ProviderInitiativeId).Distinct().Count() })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Theme, r.Activities, r.Providers))];
    }

    public static async Task<SignalFigures> SignalsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var signals = DashboardSql.Signals(db, scope);
        var byTheme = await DashboardSql.RolledUp<Theme>(db, DashboardSql.SignalThemes(db, signals))
            .Join(signals, t => t.Owner, s => s.Id, (t, s) => new { Theme = t.Key, s.Id, s.ReportedByResident })
            .GroupBy(x => x.Theme)
            .Select(g => new { Theme = g.Key, Signals = g.Count(), Residents = g.Count(x => x.ReportedByResident) })
            .ToListAsync(cancellationToken);
        var totals = (await signals.GroupBy(s => 1).Select(g => new { Signals = g.Count(), Residents = g.Count(s => s.ReportedByResident) }).ToListAsync(cancellationToken)).SingleOrDefault();
        return new SignalFigures(totals?.Signals ?? 0, totals?.Residents ?? 0, [.. byTheme.Select(t => (t.Theme, t.Signals, t.Residents))]);
    }

    public Task<OfferingFigures> TotalsAsync(IResolveFieldContext context, Scope year) =>
        DashboardCache.GetOrComputeAsync(context, year.MunicipalityId, $"baseline-totals|{year.Key}", (db, ct) => Baseline.TotalsAsync(db, year, ct));

    public Task<List<BaselineCell>> CellsAsync(IResolveFieldContext context, Scope year) =>
        DashboardCache.GetOrComputeAsync(context, year.MunicipalityId, $"baseline-cells|{year.Key}", (db, ct) => Baseline.CellsAsync(db, year, ct));

    public Task<List<(Guid Theme, int Activities, int Providers)>> RanAsync(IResolveFieldContext context, Scope year) =>
        DashboardCache.GetOrComputeAsync(context, year.MunicipalityId, $"ran-by-theme|{year.Key}", (db, ct) => RanByThemeAsync(db, year, ct));

    public Task<SignalFigures> SignalFiguresAsync(IResolveFieldContext context, Scope year) =>
        DashboardCache.GetOrComputeAsync(context, year.MunicipalityId, $"signals-by-theme|{year.Key}", (db, ct) => SignalsAsync(db, year, ct));

    public SignalYearOnYear Compare(int value, int valueResidents, int previous, int previousResidents) =>
        new(value, previous, NeedsVersusOffering.Suppress(ThisYear.SeesRecords, Threshold, valueResidents) || NeedsVersusOffering.Suppress(LastYear.SeesRecords, Threshold, previousResidents));
}

public sealed class YearOnYearType : ObjectGraphType<YearOnYear>
{
    public YearOnYearType()
    {
        Name = "YearOnYear";
        this.DefaultPolicy(Policies.Public);
        Description = "A figure in the review's year against the year before.";
        Field<NonNullGraphType<DescribedLongGraphType>>("value").Description("The figure in the review's year.").Resolve(ctx => ctx.Source.Value);
        Field<NonNullGraphType<DescribedLongGraphType>>("previous").Description("The figure in the year before.").Resolve(ctx => ctx.Source.Previous);
        Field<NonNullGraphType<DescribedLongGraphType>>("change").Description("value − previous.").Resolve(ctx => ctx.Source.Change);
        Field<FloatGraphType>("relativeChange").Description("change / previous (0.25 is 25% more); null when previous is 0.").Resolve(ctx => ctx.Source.RelativeChange);
    }
}

public sealed class SignalYearOnYearType : ObjectGraphType<SignalYearOnYear>
{
    public SignalYearOnYearType()
    {
        Name = "SignalYearOnYear";
        this.DefaultPolicy(Policies.Public);
        Description = "A count of signals in the review's year against the year before. When residents raised some signals of either year, fewer than the small-cell threshold, callers who may not see them get nulls and suppressed: true.";
        Field<IntGraphType>("value").Description("Signals in the review's year; null when suppressed.").Resolve(ctx => ctx.Source.Suppressed ? null : ctx.Source.Value);
        Field<IntGraphType>("previous").Description("Signals in the year before; null when suppressed.").Resolve(ctx => ctx.Source.Suppressed ? null : ctx.Source.Previous);
        Field<IntGraphType>("change").Description("value − previous; null when suppressed.").Resolve(ctx => ctx.Source.Suppressed ? null : ctx.Source.Value - ctx.Source.Previous);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed").Description("True when the counts are withheld as a small cell.").Resolve(ctx => ctx.Source.Suppressed);
    }
}

public sealed class ThemeRanType : ObjectGraphType<ThemeRan>
{
    public ThemeRanType()
    {
        Name = "ThemeRan";
        this.DefaultPolicy(Policies.Public);
        Description = "What ran for one theme (its sub-themes included).";
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme.").Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.ThemeId));
        Field<NonNullGraphType<YearOnYearType>>("activities").Description("Activities that ran in the year (see Baseline).").Resolve(ctx => ctx.Source.Activities);
        Field<NonNullGraphType<YearOnYearType>>("providers").Description("Distinct providers of those activities.").Resolve(ctx => ctx.Source.Providers);
    }
}

public sealed class GroupReachedType : ObjectGraphType<GroupReached>
{
    public GroupReachedType()
    {
        Name = "GroupReached";
        this.DefaultPolicy(Policies.Public);
        Description = "Whom the offering on one theme reached in one target group (both rolled up), as in Baseline.cells.";
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme.").Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.ThemeId));
        Field<NonNullGraphType<TargetGroupType>>("targetGroup").Description("The target group.").Resolve(ctx => ctx.LoadById<TargetGroup>(ctx.Source.TargetGroupId));
        Field<NonNullGraphType<YearOnYearType>>("reach").Description("People reached (reach records overlapping the year).").Resolve(ctx => ctx.Source.Reach);
        Field<NonNullGraphType<YearOnYearType>>("activities").Description("Activities that ran for the theme and group in the year.").Resolve(ctx => ctx.Source.Activities);
    }
}

public sealed class ThemeSignalsType : ObjectGraphType<ThemeSignals>
{
    public ThemeSignalsType()
    {
        Name = "ThemeSignals";
        this.DefaultPolicy(Policies.Public);
        Description = "Signals counting under one theme (its underlying theme once traced, else its own; sub-themes included).";
        Field<NonNullGraphType<ThemeType>>("theme").Description("The theme.").Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.ThemeId));
        Field<NonNullGraphType<SignalYearOnYearType>>("signals").Description("Signals observed in the year and the year before.").Resolve(ctx => ctx.Source.Signals);
    }
}

public sealed class AnnualReviewType : ObjectGraphType<AnnualReview>
{
    public AnnualReviewType()
    {
        Name = "AnnualReview";
        this.DefaultPolicy(Policies.Public);
        Description = "The annual review of the dashboard's place (its period is not used): the calendar year's offering, reach and signals against the year before. "
            + "Definitions as in Baseline and NeedsVersusOffering.";
        Field<NonNullGraphType<IntGraphType>>("year").Description("The year reviewed.").Resolve(ctx => ctx.Source.Year);
        Field<NonNullGraphType<YearOnYearType>>("activities").Description("Activities that ran in the year, each once.").ResolveAsync(async ctx => await Totals(ctx, f => f.Activities));
        Field<NonNullGraphType<YearOnYearType>>("providers").Description("Distinct providers of those activities.").ResolveAsync(async ctx => await Totals(ctx, f => f.Providers));
        Field<NonNullGraphType<YearOnYearType>>("capacity").Description("The sum of their capacities.").ResolveAsync(async ctx => await Totals(ctx, f => f.Capacity));
        Field<NonNullGraphType<YearOnYearType>>("reach").Description("People reached: reach records of those activities overlapping the year.").ResolveAsync(async ctx => await Totals(ctx, f => f.Reach));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeRanType>>>>("ran")
            .Description("What ran, by theme: every theme with activities in either year, most activities this year first.")
            .ResolveAsync(async ctx =>
            {
                var review = ctx.Source;
                var now = (await review.RanAsync(ctx, review.ThisYear)).ToDictionary(r => r.Theme);
                var before = (await review.RanAsync(ctx, review.LastYear)).ToDictionary(r => r.Theme);
                return now.Keys.Union(before.Keys)
                    .Select(t => new ThemeRan(t, new(now.GetValueOrDefault(t).Activities, before.GetValueOrDefault(t).Activities), new(now.GetValueOrDefault(t).Providers, before.GetValueOrDefault(t).Providers)))
                    .OrderByDescending(r => r.Activities.Value).ThenByDescending(r => r.Activities.Previous).ThenBy(r => r.ThemeId).ToList();
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GroupReachedType>>>>("reached")
            .Description("Whom it reached, by theme × target group: every cell with offering in either year, most reach this year first.")
            .ResolveAsync(async ctx =>
            {
                var review = ctx.Source;
                var now = (await review.CellsAsync(ctx, review.ThisYear)).ToDictionary(c => (c.ThemeId, c.TargetGroupId), c => c.Figures);
                var before = (await review.CellsAsync(ctx, review.LastYear)).ToDictionary(c => (c.ThemeId, c.TargetGroupId), c => c.Figures);
                return now.Keys.Union(before.Keys)
                    .Select(k => (k, Now: now.GetValueOrDefault(k) ?? OfferingFigures.None, Before: before.GetValueOrDefault(k) ?? OfferingFigures.None))
                    .Select(x => new GroupReached(x.k.ThemeId, x.k.TargetGroupId, new(x.Now.Reach, x.Before.Reach), new(x.Now.Activities, x.Before.Activities)))
                    .OrderByDescending(r => r.Reach.Value).ThenByDescending(r => r.Activities.Value).ThenBy(r => r.ThemeId).ThenBy(r => r.TargetGroupId).ToList();
            });
        Field<NonNullGraphType<SignalYearOnYearType>>("signals")
            .Description("Signals observed in the place in the year, each once.")
            .ResolveAsync(async ctx =>
            {
                var review = ctx.Source;
                var (now, before) = (await review.SignalFiguresAsync(ctx, review.ThisYear), await review.SignalFiguresAsync(ctx, review.LastYear));
                return review.Compare(now.Signals, now.Residents, before.Signals, before.Residents);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeSignalsType>>>>("signalsByTheme")
            .Description("Signals by the theme they count under: every theme signalled in either year, most signals this year first (suppressed counts last).")
            .ResolveAsync(async ctx => await SignalsByThemeAsync(ctx));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeSignalsType>>>>("newThemes")
            .Description("New themes: signalled in the review's year and not in the year before (a theme counts as signalled when one of its sub-themes is).")
            .ResolveAsync(async ctx => (await SignalsByThemeAsync(ctx)).Where(t => t.IsNew).ToList());
    }

    private static async Task<YearOnYear> Totals(IResolveFieldContext<AnnualReview> ctx, Func<OfferingFigures, long> figure)
    {
        var review = ctx.Source;
        var (now, before) = (await review.TotalsAsync(ctx, review.ThisYear), await review.TotalsAsync(ctx, review.LastYear));
        return new YearOnYear(figure(now), figure(before));
    }

    private static async Task<List<ThemeSignals>> SignalsByThemeAsync(IResolveFieldContext<AnnualReview> ctx)
    {
        var review = ctx.Source;
        var now = (await review.SignalFiguresAsync(ctx, review.ThisYear)).ByTheme.ToDictionary(t => t.Theme);
        var before = (await review.SignalFiguresAsync(ctx, review.LastYear)).ByTheme.ToDictionary(t => t.Theme);
        return now.Keys.Union(before.Keys)
            .Select(t => (t, Now: now.GetValueOrDefault(t), Before: before.GetValueOrDefault(t)))
            .Select(x => new ThemeSignals(x.t, review.Compare(x.Now.Signals, x.Now.Residents, x.Before.Signals, x.Before.Residents)))
            .OrderBy(t => t.Signals.Suppressed).ThenByDescending(t => t.Signals.Suppressed ? 0 : t.Signals.Value).ThenBy(t => t.ThemeId).ToList();
    }
}
