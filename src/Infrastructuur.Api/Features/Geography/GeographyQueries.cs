using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Geography;

public static class GeographyQueries
{
    public static void AddGeographyQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<MunicipalityType>>>("municipalities")
            .Description("All municipalities in the network, by name.")
            .PagingArguments()
            .ResolveAsync(ctx => ctx.PageAsync(db => db.Municipalities, MunicipalityType.ByName));

        query.Field<MunicipalityType>("municipality")
            .Description("One municipality, by global ID or by CBS code (give one of them).")
            .Argument<IdGraphType>("id", "The municipality's global ID.")
            .Argument<StringGraphType>("cbsCode", "The CBS municipality code, e.g. GM0599.")
            .ResolveAsync(async ctx =>
            {
                var (id, code) = OneOf(ctx, "Municipality");
                if (id is { } key)
                {
                    return ctx.LoadSelectedById<Municipality>(key); // batched, and a compiled statement for the usual viewers
                }

                var viewer = await ctx.Request().RowsViewerAsync(ctx.CancellationToken);
                await using var db = await ctx.OpenDbAsync();
                return (object?)await db.Municipalities.AsNoTracking()
                    .Where(m => m.CbsCode == code)
                    .OrderBy(m => m.Id)
                    .SelectFor(ctx, db, viewer)
                    .FirstOrDefaultAsync(ctx.CancellationToken);
            });

        query.Field<NeighbourhoodType>("neighbourhood")
            .Description("One CBS region, by global ID or by CBS code (give one of them); by code, the newest code year wins.")
            .Argument<IdGraphType>("id", "The region's global ID.")
            .Argument<StringGraphType>("cbsCode", "The CBS code, e.g. BU05990325 or WK059903.")
            .ResolveAsync(async ctx =>
            {
                var (id, code) = OneOf(ctx, "Neighbourhood");
                if (id is { } key)
                {
                    return ctx.LoadSelectedById<Neighbourhood>(key); // batched, and a compiled statement for the usual viewers
                }

                var viewer = await ctx.Request().RowsViewerAsync(ctx.CancellationToken);
                await using var db = await ctx.OpenDbAsync();
                return (object?)await db.Neighbourhoods.AsNoTracking()
                    .Where(n => n.CbsCode == code)
                    .OrderByDescending(n => n.CbsCodeYear)
                    .ThenBy(n => n.Id)
                    .SelectFor(ctx, db, viewer)
                    .FirstOrDefaultAsync(ctx.CancellationToken);
            });
    }

    private static (Guid? Id, string? Code) OneOf(IResolveFieldContext ctx, string typeName)
    {
        var id = ctx.GetArgument<string?>("id");
        var code = ctx.GetArgument<string?>("cbsCode");
        if (id is null == code is null)
        {
            throw ApiException.BadRequest("Give exactly one of 'id' or 'cbsCode'.");
        }

        return (id is null ? null : GlobalId.Decode(id, typeName), code?.Trim().ToUpperInvariant());
    }
}
