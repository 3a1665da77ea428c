using GraphQL.Builders;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.GraphQL.Limits;

/// <summary>
/// The most items a connection can hold, whatever page is asked for, because the data bounds it (four themes, a few
/// children each): the cost estimate prices a page of such a field at min(first/last, bound) instead of the page size
/// (ADR 0020). Declared beside the field with <see cref="ListBoundExtensions.BoundedBy"/>; <paramref name="Read"/> is a
/// cheap aggregate over a small table.
/// </summary>
public sealed record ListBound(string Name, Func<InfrastructuurDb, CancellationToken, Task<int>> Read);

public static class ListBoundExtensions
{
    /// <summary>Prices a page of this connection at no more than <paramref name="bound"/>'s current value (see <see cref="ListBound"/>).</summary>
    public static FieldBuilder<TSource, TReturn> BoundedBy<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field, ListBound bound)
    {
        field.FieldType.Metadata[QueryAnalyzer.BoundKey] = bound;
        return field;
    }
}

/// <summary>
/// The current value of every <see cref="ListBound"/> in the schema, read from the database in one go and kept for
/// <see cref="MaxAge"/>: the estimate needs them before a request runs, and a bound read once a minute costs nothing per
/// request. Data that grows meanwhile is priced at the old bound for at most that long; until a first read succeeds (or
/// when it fails) a bound is unknown and the page size counts, as for any other connection.
/// </summary>
public sealed class ListBounds(ISchema schema, IDbContextFactory<InfrastructuurDb> factory)
{
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(60);

    private static readonly IReadOnlyDictionary<ListBound, int> None = new Dictionary<ListBound, int>();

    private readonly Lock _lock = new();
    private volatile Snapshot? _current;
    private Task<IReadOnlyDictionary<ListBound, int>>? _reading;
    private IReadOnlyList<ListBound>? _declared;

    /// <summary>The values last read, however old; empty before the first read.</summary>
    public IReadOnlyDictionary<ListBound, int> Held => _current?.Values ?? None;

    /// <summary>True when <see cref="Held"/> was read less than <see cref="MaxAge"/> ago.</summary>
    public bool Fresh => _current is { } current && DateTimeOffset.UtcNow - current.ReadAt < MaxAge;

    /// <summary>The values, read again first when they are stale.</summary>
    public async ValueTask<IReadOnlyDictionary<ListBound, int>> CurrentAsync(CancellationToken cancellationToken)
    {
        if (_current is { } current && DateTimeOffset.UtcNow - current.ReadAt < MaxAge)
        {
            return current.Values;
        }

        Task<IReadOnlyDictionary<ListBound, int>> reading;
        lock (_lock)
        {
            // One read at a time, shared by every request that finds the values stale; not cancelled with any one of them.
            // On a thread of its own: SQLite's async calls complete synchronously, and the read must not end (and clear
            // _reading) before it is stored here.
            reading = _reading ??= Task.Run(ReadAsync);
        }

        try
        {
            return await reading.WaitAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            return None;
        }
    }

    private async Task<IReadOnlyDictionary<ListBound, int>> ReadAsync()
    {
        try
        {
            var values = new Dictionary<ListBound, int>();
            await using var db = await factory.CreateDbContextAsync();
            foreach (var bound in _declared ??= Declared(schema))
            {
                values[bound] = await bound.Read(db, CancellationToken.None);
            }

            _current = new Snapshot(values, DateTimeOffset.UtcNow);
            return values;
        }
        finally
        {
            lock (_lock)
            {
                _reading = null;
            }
        }
    }

    // One object, so a request never reads the values of one read with the time of another.
    private sealed record Snapshot(IReadOnlyDictionary<ListBound, int> Values, DateTimeOffset ReadAt);

    private static List<ListBound> Declared(ISchema schema)
    {
        schema.Initialize();
        return [.. schema.AllTypes.OfType<IComplexGraphType>()
            .SelectMany(t => t.Fields)
            .Select(f => f.GetMetadata<ListBound?>(QueryAnalyzer.BoundKey))
            .OfType<ListBound>()
            .Distinct()];
    }
}
