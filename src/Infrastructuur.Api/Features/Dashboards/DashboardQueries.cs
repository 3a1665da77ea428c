using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Dashboards;

public static class DashboardQueries
{
    public static void AddDashboardQueries(this ObjectGraphType query)
    {
        query.Field<DashboardType>("dashboard")
            .Policy(Policies.Public)
            .Description("The dashboards of one municipality, working area or region over a period; null with NOT_FOUND when the place does not exist.")
            .Argument<NonNullGraphType<DashboardScopeInputType>>("scope", "The place (exactly one of municipality, area, neighbourhood) and the period.")
            .PerYearOf("scope")
            .ResolveAsync(async ctx =>
            {
                var input = ctx.GetArgument<DashboardScopeInput>("scope");
                var threshold = DashboardOptions.Of(ctx).SmallCellThreshold;
                return new Dashboard(await Scope.ResolveAsync(ctx, input), threshold);
            });

        query.Field<NonNullGraphType<ListGraphType<NonNullGraphType<CountRowType>>>>("counts")
            .Policy(Policies.Public)
            .Description($"Grouped counts for front ends: the distinct items of a subject per group, counted by the database (GROUP BY), with the subject's measure. "
                + $"At most {GroupedCounts.MaxDimensions} dimensions and {GroupedCounts.MaxRows} groups; rows in key order. Published records only, for every caller (no DRAFT activity or "
                + "initiative, nothing of a draft initiative, no APPLIED or REJECTED grant): the counts are the same whoever asks, except that counts of signals raised by residents "
                + "above zero and below the small-cell threshold (Dashboard.smallCellThreshold) are suppressed unless the caller is an admin or an official serving the filtered municipality.")
            .Argument<NonNullGraphType<CountSubjectType>>("of", "What to count.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<CountDimensionType>>>>("groupBy", "The dimensions to group by, in order; empty for one total row. Each subject allows only the dimensions that make sense for it (see CountSubject); others are a BAD_REQUEST.")
            .Argument<CountFilterType>("filterBy", "Which items to count; all conditions apply together.")
            .WeightPerYearOf("filterBy", 250)
            .ResolveAsync(async ctx =>
            {
                var subject = ctx.GetArgument<CountSubject>("of");
                var dimensions = ctx.GetArgument<List<CountDimension>>("groupBy");
                var filter = ctx.GetArgument<CountFilter?>("filterBy") ?? new CountFilter();
                var threshold = DashboardOptions.Of(ctx).SmallCellThreshold;
                var culture = ctx.Request().Culture;
                GroupedCounts.Check(subject, dimensions, filter);
                var themes = Filters.Ids(filter.Themes, nameof(Theme), "filterBy.themes");
                var place = await Place.ResolveAsync(ctx, new PlaceInput(filter.Municipality, filter.MunicipalityCode, filter.Area, filter.Neighbourhood, filter.NeighbourhoodCode), "filterBy");
                var viewer = await ctx.Request().ViewerAsync(ctx.CancellationToken);
                var request = new GroupedCounts.Request(subject, dimensions, place, filter.From, filter.To, themes, place is null ? viewer.IsAdmin : viewer.Serves(place.MunicipalityId), threshold);
                return await DashboardCache.GetOrComputeAsync(ctx, request.Place?.MunicipalityId, $"{request.Key}|{culture.TwoLetterISOLanguageName}", (db, ct) => GroupedCounts.ComputeAsync(db, request, culture, ct));
            });
    }
}
