using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>
/// A counter per database that moves on every successful SaveChanges, so results computed from the database (the
/// dashboards) can be cached until the next write instead of for a guessed time. Per database, not per process: apps
/// over other databases (tests) must not make each other's figures stale. Writes made outside EF's SaveChanges (another
/// server instance, bulk ExecuteUpdate) do not move it: caches also expire by age for that reason.
/// </summary>
public sealed class DataVersion
{
    private static readonly ConcurrentDictionary<string, DataVersion> ByDatabase = new(StringComparer.Ordinal);
    private static readonly ConditionalWeakTable<IDbContextFactory<InfrastructuurDb>, DataVersion> ByFactory = [];

    private long _current;
    private TaskCompletionSource _advanced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static DataVersion Of(InfrastructuurDb db) => ByDatabase.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => new DataVersion());

    public static DataVersion Of(IDbContextFactory<InfrastructuurDb> factory) => ByFactory.GetValue(factory, f =>
    {
        using var db = f.CreateDbContext();
        return Of(db);
    });

    /// <summary>Names the database in cache keys, so two databases with the same records (demo data) never share an entry.</summary>
    public Guid Database { get; } = Guid.NewGuid();

    public long Current => Interlocked.Read(ref _current);

    public void Advance()
    {
        Interlocked.Increment(ref _current);
        Interlocked.Exchange(ref _advanced, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    /// <summary>Completes once the version is no longer <paramref name="seen"/>.</summary>
    public Task ChangedAsync(long seen, CancellationToken cancellationToken)
    {
        var advanced = Volatile.Read(ref _advanced).Task;
        return Current != seen ? Task.CompletedTask : advanced.WaitAsync(cancellationToken);
    }
}
