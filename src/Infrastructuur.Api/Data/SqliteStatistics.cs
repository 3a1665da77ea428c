using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>
/// Planner statistics for SQLite, which (unlike PostgreSQL's autovacuum) gathers none by itself: without sqlite_stat1
/// the planner guesses every index equally selective, and some joins go quadratic. <see cref="AnalyzeAsync"/> runs
/// after a migration, the demo seed and the synthetic generator; <see cref="SqliteOptimizer"/> keeps them fresh.
/// </summary>
public static class SqliteStatistics
{
    /// <summary>Rows ANALYZE samples per index under PRAGMA optimize: bounded time on a large file, still deterministic.</summary>
    public const int AnalysisLimit = 1000;

    /// <summary>A full ANALYZE on SQLite (exact statistics after a bulk change); nothing on PostgreSQL.</summary>
    public static async Task AnalyzeAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("ANALYZE", cancellationToken);
        }
    }

    /// <summary>
    /// PRAGMA optimize over every table (0x10000: a pooled connection has no query history of its own to go by):
    /// re-analyzes, sampled, only the tables that were never analyzed or whose size changed tenfold since.
    /// </summary>
    public static async Task OptimizeAsync(InfrastructuurDb db, CancellationToken cancellationToken) =>
        await db.Database.ExecuteSqlRawAsync($"PRAGMA analysis_limit={AnalysisLimit}; PRAGMA optimize=0x10002;", cancellationToken);
}

/// <summary>Runs <see cref="SqliteStatistics.OptimizeAsync"/> hourly and once more at shutdown, as SQLite recommends.</summary>
public sealed class SqliteOptimizer(IDbContextFactory<InfrastructuurDb> factory, ILogger<SqliteOptimizer> logger) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromHours(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await OptimizeAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down: StopAsync optimizes once more
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        await OptimizeAsync(cancellationToken);
    }

    private async Task OptimizeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            await SqliteStatistics.OptimizeAsync(db, cancellationToken);
        }
        catch (Exception ex) when (ex is Microsoft.Data.Sqlite.SqliteException or OperationCanceledException)
        {
            // Statistics are an optimisation: a busy or vanished file (a test deleting its database) is no fault.
            logger.LogWarning(ex, "PRAGMA optimize failed");
        }
    }
}
