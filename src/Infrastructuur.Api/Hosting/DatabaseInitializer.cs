using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace Infrastructuur.Api.Hosting;

/// <summary>Migrates (never EnsureCreated) and seeds the demo data into an empty database, before the server takes requests.</summary>
public static class DatabaseInitializer
{
    public static async Task InitializeDatabaseAsync(this WebApplication app, CancellationToken cancellationToken = default)
    {
        var options = app.Services.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        var factory = app.Services.GetRequiredService<IDbContextFactory<InfrastructuurDb>>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(DatabaseInitializer));
        await using var db = await factory.CreateDbContextAsync(cancellationToken);

        if (!options.IsPostgres)
        {
            // WAL lets readers run beside the one writer; it is a property of the file, so set it once here.
            await db.Database.OpenConnectionAsync(cancellationToken);
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = "PRAGMA journal_mode=WAL";
            var mode = await command.ExecuteScalarAsync(cancellationToken) as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException("SQLite refused WAL journal mode; refusing to start without it.");
            }
        }

        var changed = false;
        if (options.MigrateOnStartup && (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Any())
        {
            await db.Database.MigrateAsync(cancellationToken);
            changed = true;
        }

        if (options.SeedDemoData && !await db.Municipalities.AnyAsync(cancellationToken))
        {
            await DemoData.SeedAsync(db, cancellationToken);
            logger.LogInformation("Seeded the demo data set.");
            changed = true;
        }

        if (changed || await DashboardFacts.BehindAsync(db, cancellationToken))
        {
            // The dashboards' facts for new tables or rows (a first start builds them), before the first request.
            await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
            await DashboardFacts.CatchUpAsync(db, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }

        if (changed)
        {
            // New tables, indexes or rows: give SQLite's planner statistics before the first request.
            await SqliteStatistics.AnalyzeAsync(db, cancellationToken);
        }
    }
}
