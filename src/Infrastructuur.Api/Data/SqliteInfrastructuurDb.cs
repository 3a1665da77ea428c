using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Infrastructuur.Api.Data;

/// <summary>The model on SQLite, with its own migrations under Data/Migrations/Sqlite.</summary>
public sealed class SqliteInfrastructuurDb(DbContextOptions<SqliteInfrastructuurDb> options) : InfrastructuurDb(options)
{
    // One writer per file is all SQLite allows. Without a queue, writers that find the file locked retry on a timer
    // (Microsoft.Data.Sqlite polls every 150 ms), so under contention one unlucky write can lose every race until the
    // request times out. A first-come, first-served gate per file in this process makes waiting fair and short.
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> WriteGates = new(StringComparer.Ordinal);

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        // Inside a caller's own transaction the caller already holds SQLite's write lock or will take it; a second
        // wait here could only deadlock against it.
        if (Database.CurrentTransaction is not null)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var gate = WriteGates.GetOrAdd(Database.GetDbConnection().DataSource, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(cancellationToken);
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            gate.Release();
        }
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        base.ConfigureConventions(configurationBuilder);

        // SQLite stores DateTime as text without a zone; every DateTime we write is UTC, so read it back as UTC.
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }

    private sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
        v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
        v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
}
