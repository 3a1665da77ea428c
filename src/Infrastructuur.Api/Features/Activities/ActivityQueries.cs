using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Activities;

public static class ActivityQueries
{
    public static void AddActivityQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<ActivityType>>>("activities")
            .Description("The prevention offering: activities matching filterBy, in the order of orderBy (name when left out).")
            .PagingArguments()
            .Argument<ActivityFilterType>("filterBy", "Conditions the activities must meet, all of them (AND).")
            .Argument<ActivityOrderType>("orderBy", "The order of the list; by name, ascending, when left out.")
            .ResolveAsync(async ctx =>
            {
                var filter = ctx.GetArgument<ActivityFilter?>("filterBy") ?? new ActivityFilter();
                var on = filter.CompileOn();
                var args = ConnectionArgs.From(ctx);
                var order = ctx.GetArgument<ActivityOrder?>("orderBy")?.Keyset(filter, args.After ?? args.Before) ?? ActivityOrder.Default;
                await ctx.EnsureKnownAsync(filter.Codes());

                // One region's activities: the page walks the region index in the requested order (ADR 0030).
                Func<InfrastructuurDb, string?, bool, IQueryable<Activity>?>? walk = null;
                if (filter.Region() is { } region)
                {
                    var onRegion = filter.CompileOn(regionWalked: true);
                    walk = (db, cursor, backward) => ActivityRegions.Walk(db, region, order, cursor, backward) is { } walked ? onRegion(db, walked) : null;
                }

                return await ctx.PageAsync(db => on(db, db.Activities), order, walk);
            });

        query.Field<ActivityType>("activity")
            .Description("One activity by its global ID; null with NOT_FOUND when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The activity's global ID.")
            .Resolve(ctx => ctx.LoadByIdOrNotFound<Activity>(GlobalId.Decode(ctx.GetArgument<string>("id"), nameof(Activity))));
    }
}
