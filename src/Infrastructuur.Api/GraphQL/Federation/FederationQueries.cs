using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using GraphQL.Validation;

namespace Infrastructuur.Api.GraphQL.Federation;

/// <summary>
/// Apollo Federation's two root fields (ADR 0027): <c>_service</c> for composers, <c>_entities</c> for gateways. An entity
/// is fetched as node(id:) fetches it — same loaders, same row rules, null with NOT_FOUND when you may not see it.
/// </summary>
public static class FederationQueries
{
    /// <summary>The most representations one _entities call takes, as many as nodes(ids:) takes IDs.</summary>
    public const int MaxRepresentations = NodeQueries.MaxIds;

    public static void AddFederationQueries(this ObjectGraphType query, IEnumerable<NodeResolver> nodeResolvers)
    {
        var resolvers = nodeResolvers.ToDictionary(r => r.TypeName, StringComparer.Ordinal);

        query.Field<NonNullGraphType<ServiceType>>("_service")
            .Description("Apollo Federation: this API as a subgraph, for composers (Apollo's composition, router and gateway, Cosmo, Hive). Not for applications.")
            .Resolve(_ => new object());

        query.Field<NonNullGraphType<ListGraphType<EntityUnionType>>>("_entities")
            .Description("Apollo Federation: the entities a gateway names by key, in the order given — by global ID, or by a natural key (Municipality and Neighbourhood by cbsCode, Organisation by kvkNumber, Theme and TargetGroup by code). Null, with NOT_FOUND, for each one not found or not visible to you, as with nodes(ids:). Not for applications.")
            .Argument<NonNullGraphType<ListGraphType<NonNullGraphType<AnyScalarType>>>>("representations", $"The entities' representations: __typename and the fields of one key, at most {MaxRepresentations}.")
            .ValidateArguments(ctx =>
            {
                if (ctx.GetArgument<object?>("representations") is not System.Collections.IList list)
                {
                    return;
                }

                if (list.Count > MaxRepresentations)
                {
                    var error = new ValidationError($"_entities takes at most {MaxRepresentations} representations; {list.Count} were given.") { Code = ErrorCodes.ValidationFailed };
                    error.Data["limit"] = MaxRepresentations;
                    throw error;
                }

                for (var i = 0; i < list.Count; i++)
                {
                    if (Representation.Read(ctx.ValidationContext.Schema, resolvers, list[i], i).Error is { } problem)
                    {
                        var error = new ValidationError(problem) { Code = ErrorCodes.BadRequest };
                        error.Data["index"] = i;
                        throw error;
                    }
                }
            })
            .WithMetadata(DocumentCache.CheckedArguments, new[] { "representations" })
            .ResolveAsync(async ctx =>
            {
                var items = ctx.GetArgument<List<object?>>("representations");
                var read = items.Select((item, i) => Representation.Read(ctx.Schema, resolvers, item, i)).ToList();
                if (read.FirstOrDefault(r => r.Error is not null).Error is { } problem)
                {
                    throw ApiException.BadRequest(problem);
                }

                // Queue every key first, then await, one kind of look-up at a time: a natural key's statement runs once
                // for all its values, and the rows of a type are then read in one statement, by ID, with the caller's rules.
                var pending = new IDataLoaderResult<object?>?[read.Count];
                var byKey = new IDataLoaderResult<KeyedId?>?[read.Count];
                for (var i = 0; i < read.Count; i++)
                {
                    var r = read[i].Value!;
                    if (r.Id is { } id)
                    {
                        pending[i] = r.Resolver.Select(ctx, id);
                    }
                    else
                    {
                        var request = ctx.Request();
                        byKey[i] = request.Shared($"entity-key:{r.Resolver.TypeName}.{r.Key!.Field}", () => new IdsByNaturalKey(request.DbFactory, r.Key)).Load(r.Value!);
                    }
                }

                for (var i = 0; i < read.Count; i++)
                {
                    if (byKey[i] is { } lookup && await lookup.GetResultAsync(ctx.CancellationToken) is { } found)
                    {
                        pending[i] = read[i].Value!.Resolver.Select(ctx, found.Id);
                    }
                }

                var results = new object?[read.Count];
                for (var i = 0; i < read.Count; i++)
                {
                    results[i] = pending[i] is { } row ? await row.GetResultAsync(ctx.CancellationToken) : null;
                    if (results[i] is null)
                    {
                        var r = read[i].Value!;
                        var by = r.Key is null ? "that global ID" : $"that {r.Key.Field}";
                        ctx.Errors.Add(new ApiException(ErrorCodes.NotFound, $"Could not resolve to a {r.Resolver.TypeName} with {by}.") { Path = [.. ctx.Path, i] });
                    }
                }

                return results;
            });
    }

    /// <summary>One representation as read: by global ID (<see cref="Id"/>) or by a natural key and its value as stored.</summary>
    private sealed record Representation(NodeResolver Resolver, Guid? Id, NaturalKey? Key, string? Value)
    {
        private const string Shape = "an object with __typename and the fields of one of the type's keys";

        /// <summary>The representation, or why it is malformed (the same text for the validation and the resolver).</summary>
        public static (Representation? Value, string? Error) Read(ISchema schema, Dictionary<string, NodeResolver> resolvers, object? item, int index)
        {
            string At(string problem) => $"representations[{index}]: {problem}";
            if (item is not IDictionary<string, object?> fields)
            {
                return (null, At($"a representation is {Shape}."));
            }

            if (!fields.TryGetValue("__typename", out var typeValue) || typeValue is not string typeName)
            {
                return (null, At($"__typename is missing; a representation is {Shape}."));
            }

            if (!resolvers.TryGetValue(typeName, out var resolver) || schema.AllTypes[typeName] is not IObjectGraphType type)
            {
                return (null, At($"'{Short(typeName)}' is not an entity of this subgraph."));
            }

            var keys = EntityKeys.NaturalKeysOf(type);
            if (fields.TryGetValue("id", out var idValue))
            {
                return idValue is string id && GlobalId.TryDecode(id, out var idType, out var uuid) && idType == typeName
                    ? (new Representation(resolver, uuid, null, null), null)
                    : (null, At($"'id' is not the global ID of a {typeName}."));
            }

            foreach (var key in keys)
            {
                if (fields.TryGetValue(key.Field, out var keyValue))
                {
                    return keyValue is string { Length: > 0 and <= 200 } value
                        ? (new Representation(resolver, null, key, key.Normalise(value)), null)
                        : (null, At($"'{key.Field}' must be a non-empty string of at most 200 characters."));
                }
            }

            return (null, At($"a representation of {typeName} needs {string.Join(" or ", ["id", .. keys.Select(k => k.Field)])}."));
        }

        private static string Short(string value) => value.Length <= 40 ? value : value[..40] + "…";
    }
}
