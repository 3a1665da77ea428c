using GraphQL.Types;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.GraphQL.Federation;

/// <summary>One row found by a natural key: the key as stored, the row's UUID, and which row wins when several share the key.</summary>
public sealed record KeyedId(string Key, Guid Id, int Precedence = 0);

/// <summary>
/// A natural key of an entity for Apollo Federation (<c>@key(fields: "cbsCode")</c>): the field that holds it, how a
/// value sent by a gateway is written as stored, and the statement that finds the UUIDs of a batch of values. The row
/// itself is then read by its UUID through the node machinery, so the caller's row rules apply as for node(id:).
/// </summary>
public sealed record NaturalKey(string Field, Func<string, string> Normalise, Func<InfrastructuurDb, IReadOnlyCollection<string>, IQueryable<KeyedId>> Lookup);

/// <summary>The natural keys declared next to a graph type; every Node type is an entity keyed by its global ID as well.</summary>
public static class EntityKeys
{
    private const string MetadataKey = "infrastructuur:federation-keys";

    /// <summary>
    /// Declares a natural key: <paramref name="field"/> must be a scalar field of the type holding exactly the value
    /// <paramref name="lookup"/> matches, so a gateway can take it from one subgraph and hand it to us.
    /// </summary>
    public static void KeyedBy<T>(this ObjectGraphType<T> type, string field, Func<InfrastructuurDb, IReadOnlyCollection<string>, IQueryable<KeyedId>> lookup, Func<string, string>? normalise = null)
        where T : Entity
    {
        var keys = type.GetMetadata<List<NaturalKey>>(MetadataKey) ?? [];
        keys.Add(new NaturalKey(field, normalise ?? (value => value), lookup));
        type.Metadata[MetadataKey] = keys;
    }

    /// <summary>The natural keys of a type, in the order declared; empty when it has none.</summary>
    public static IReadOnlyList<NaturalKey> NaturalKeysOf(IGraphType type) =>
        type.GetMetadata<List<NaturalKey>>(MetadataKey) ?? [];

    /// <summary>CBS codes are upper case; a gateway may pass one as a person typed it.</summary>
    public static string CbsCode(string value) => value.Trim().ToUpperInvariant();
}

/// <summary>
/// The UUIDs of one type's rows by one natural key, for all representations of an <c>_entities</c> call in one
/// statement. The rows are read afterwards by UUID, with the caller's row rules, in the batch of the type's node loads.
/// </summary>
public sealed class IdsByNaturalKey(IDbContextFactory<InfrastructuurDb> factory, NaturalKey key) : BatchLoader<string, KeyedId>
{
    protected override async Task<IReadOnlyDictionary<string, KeyedId>> FetchAsync(IReadOnlyCollection<string> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await key.Lookup(db, keys).AsNoTracking().ToListAsync(cancellationToken);
        return rows
            .GroupBy(r => r.Key, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.OrderByDescending(r => r.Precedence).ThenBy(r => r.Id).First(), StringComparer.Ordinal);
    }
}
