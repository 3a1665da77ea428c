using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using GraphQL.Validation;

namespace Infrastructuur.Api.GraphQL;

public static class NodeQueries
{
    public const int MaxIds = 100;

    public static void AddNodeQueries(this ObjectGraphType query, IEnumerable<NodeResolver> nodeResolvers)
    {
        var resolvers = nodeResolvers.ToDictionary(r => r.TypeName, StringComparer.Ordinal);

        query.Field<NodeInterface>("node")
            .Description("Fetches any object by its global ID. Null, with a NOT_FOUND error, when no such object is visible to you.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The object's global ID.")
            .ResolveAsync(async ctx => await CompleteAsync(ctx, Start(ctx, resolvers, ctx.GetArgument<string>("id")), ctx.Path));

        query.Field<NonNullGraphType<ListGraphType<NodeInterface>>>("nodes")
            .Description($"Fetches up to {MaxIds} objects by their global IDs, in the order given; null for each one not found.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("ids", $"The global IDs, at most {MaxIds}.")
            .ValidateArguments(ctx =>
            {
                if (ctx.GetArgument<object?>("ids") is System.Collections.ICollection { Count: > MaxIds } ids)
                {
                    var error = new ValidationError($"nodes(ids:) takes at most {MaxIds} IDs; {ids.Count} were given.") { Code = ErrorCodes.ValidationFailed };
                    error.Data["limit"] = MaxIds;
                    throw error;
                }
            })
            .ResolveAsync(async ctx =>
            {
                // Queue every key first, then await: one query per node type, not one per ID.
                var pending = ctx.GetArgument<List<string>>("ids").Select(id => Start(ctx, resolvers, id)).ToList();
                var results = new object?[pending.Count];
                for (var i = 0; i < pending.Count; i++)
                {
                    results[i] = await CompleteAsync(ctx, pending[i], [.. ctx.Path, i]);
                }

                return results;
            });
    }

    private static IDataLoaderResult<object?>? Start(IResolveFieldContext ctx, Dictionary<string, NodeResolver> resolvers, string id)
    {
        if (!GlobalId.TryDecode(id, out var type, out var key))
        {
            throw ApiException.BadRequest("That is not a valid ID.");
        }

        return resolvers.TryGetValue(type, out var resolver) ? resolver.Select(ctx, key) : null;
    }

    private static async Task<object?> CompleteAsync(IResolveFieldContext ctx, IDataLoaderResult<object?>? pending, IEnumerable<object> path)
    {
        var found = pending is null ? null : await pending.GetResultAsync(ctx.CancellationToken);
        if (found is null)
        {
            ctx.Errors.Add(new ApiException(ErrorCodes.NotFound, "Could not resolve to a node with that global ID.") { Path = path });
        }

        return found;
    }
}
