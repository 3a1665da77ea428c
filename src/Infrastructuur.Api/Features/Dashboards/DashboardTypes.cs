using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>A resolved scope, on which each dashboard section is computed only when it is selected.</summary>
public sealed class Dashboard(Scope scope, int smallCellThreshold)
{
    public Scope Scope { get; } = scope;

    public int SmallCellThreshold { get; } = smallCellThreshold;
}

public sealed class DashboardType : ObjectGraphType<Dashboard>
{
    public DashboardType()
    {
        Name = "Dashboard";
        this.DefaultPolicy(Policies.Public);
        Description = "What the municipality wants to see for a place and a period, computed by the server with aggregate SQL. Each section is computed only when selected, "
            + "and kept in memory per version of the data it reads: the database moves that version with every write to those records, so the next answer after a write shows it on every instance; "
            + "a figure is kept at most Dashboards:CacheSeconds (600 s by default), less when memory runs short. Every figure counts published records only, for every caller, so it is the same whoever asks: "
            + "never a DRAFT activity or initiative, an activity, grant, reach record, reinvestment allocation or network tie of a draft initiative, or a grant that was only "
            + "applied for or was rejected (what an anonymous caller may see). Only counts over records about residents (signals raised by residents, natural-person shareholders) differ by caller: "
            + "small ones are suppressed unless seesRecords is true.";
        Field<NonNullGraphType<MunicipalityType>>("municipality").Description("The municipality the scope lies in.").Resolve(ctx => ctx.LoadById<Municipality>(ctx.Source.Scope.MunicipalityId));
        Field<AreaType>("area").Description("The working area, when the scope is one.").Resolve(ctx => ctx.LoadById<Area>(ctx.Source.Scope.AreaId));
        Field<NeighbourhoodType>("neighbourhood").Description("The region, when the scope is exactly one; null for several (see neighbourhoods).").Resolve(ctx => ctx.LoadById<Neighbourhood>(ctx.Source.Scope.NeighbourhoodIds is [var only] ? only : null));
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("neighbourhoods")
            .Description("The regions the scope names (one or more; each covers the regions directly inside it), by name; empty when the scope is a municipality or a working area.")
            .PagingArguments()
            .ResolveAsync(ctx =>
            {
                List<Guid> ids = [.. ctx.Source.Scope.NeighbourhoodIds ?? []];
                return ctx.PageAsync(db => db.Neighbourhoods.Where(n => ids.Contains(n.Id)), NeighbourhoodType.ByName);
            });
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day of the period: the scope's from, or 1 January of the current year (UTC) when the scope gives no period.").Resolve(ctx => ctx.Source.Scope.From);
        Field<NonNullGraphType<DateOnlyGraphType>>("endsOn").Description("The last day of the period: the scope's to, or 31 December of the current year (UTC) when the scope gives no period.").Resolve(ctx => ctx.Source.Scope.To);
        Field<NonNullGraphType<BooleanGraphType>>("seesRecords")
            .Description("True when the caller may see the residents' records behind the counts (an admin, or an official serving the municipality: they see all signals and the shareholder register there): no count is suppressed for them. The figures themselves are the same for every caller.")
            .Resolve(ctx => ctx.Source.Scope.SeesRecords);
        Field<NonNullGraphType<IntGraphType>>("smallCellThreshold")
            .Description("Counts over records about individual residents (signals raised by residents, natural-person shareholders) that are above zero and below this number are suppressed (null, with suppressed: true) unless seesRecords is true (configuration Dashboards:SmallCellThreshold).")
            .Resolve(ctx => ctx.Source.SmallCellThreshold);
        // Each section's weight in the cost estimate, about its cold time on the reference set; dashboard multiplies them by the years of its period (DashboardCost).
        Field<NonNullGraphType<BaselineType>>("baseline").Description("The baseline inventory (nulmeting): offering per theme × target group, and overlaps.").Weight(1_500).Resolve(ctx => new Baseline(ctx.Source.Scope));
        Field<NonNullGraphType<NeedsVersusOfferingType>>("needsVersusOffering")
            .Description("Signals against offering per theme × target group × region: unmet needs, offering without a signal, matched and overlapping cells, ranked by gap.")
            .Weight(2_000)
            .Resolve(ctx => new NeedsVersusOffering(ctx.Source.Scope, ctx.Source.SmallCellThreshold));
        Field<NonNullGraphType<NetworkFragmentationType>>("network")
            .Description("Network fragmentation: organisations and initiatives as nodes, collaborations, shared meetings and shared coalitions as edges, against the previous period.")
            .Weight(200)
            .Resolve(ctx => new NetworkFragmentation(ctx.Source.Scope));
        Field<NonNullGraphType<FundingFlowsType>>("funding")
            .Description("Funding flows: awarded and paid money by funder, budget column, recipient kind, theme and region; money across columns; programmes by source; reinvestments.")
            .Weight(500)
            .Resolve(ctx => new FundingFlows(ctx.Source.Scope));
        Field<NonNullGraphType<AnnualReviewType>>("annualReview")
            .Description("The annual review of the place for one calendar year (the dashboard's period is not used, so the scope may leave out from and to): what ran, whom it reached, new themes, and the change on the year before.")
            .Argument<NonNullGraphType<IntGraphType>>("year", $"The calendar year to review, {AnnualReview.MinYear} to {AnnualReview.MaxYear}.")
            .Weight(1_500)
            .Resolve(ctx =>
            {
                var year = ctx.GetArgument<int>("year");
                if (year is < AnnualReview.MinYear or > AnnualReview.MaxYear)
                {
                    throw ApiException.BadRequest($"'year' must be from {AnnualReview.MinYear} to {AnnualReview.MaxYear}.");
                }

                return new AnnualReview(ctx.Source.Scope, year, ctx.Source.SmallCellThreshold);
            });
    }
}

public static class DashboardArguments
{
    /// <summary>The 'first' argument of a bounded dashboard list, from 0 to <paramref name="max"/>; BAD_REQUEST outside that.</summary>
    public static int FirstArgument(this IResolveFieldContext context, int max)
    {
        var first = context.GetArgument<int>("first");
        return first is < 0 || first > max ? throw ApiException.BadRequest($"'first' must be from 0 to {max}.") : first;
    }
}
