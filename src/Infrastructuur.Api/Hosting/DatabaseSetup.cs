using System.Data.Common;
using Infrastructuur.Api.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;

namespace Infrastructuur.Api.Hosting;

public static class DatabaseSetup
{
    public static IServiceCollection AddInfrastructuurDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(Options.Create(options));

        if (options.IsPostgres)
        {
            var connectionString = PostgresConnection.WithDefaults(options.PostgresConnectionString
                ?? throw new InvalidOperationException("Database:Provider is Postgres but Database:PostgresConnectionString is not set."));
            services.AddPooledDbContextFactory<PostgresInfrastructuurDb>(o => o.UseNpgsql(connectionString, n => n.MigrationsHistoryTable("__ef_migrations_history")));
            services.AddSingleton<IDbContextFactory<InfrastructuurDb>, FactoryAdapter<PostgresInfrastructuurDb>>();
        }
        else
        {
            var path = Path.GetFullPath(options.SqlitePath, environment.ContentRootPath);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            var connectionString = new SqliteConnectionStringBuilder { DataSource = path, Pooling = true, DefaultTimeout = 30 }.ToString();
            // EF Core rebuilds a table on SQLite between `PRAGMA foreign_keys = 0` and `= 1`, run outside the migration's
            // transaction because SQLite ignores the pragma inside one; the rebuild itself is transactional. It warns
            // about each switch, which is no fault: Debug. They are our migrations' only statements outside a transaction
            // (FreshMachineTests), so no other warning is hidden with them.
            services.AddPooledDbContextFactory<SqliteInfrastructuurDb>(o => o.UseSqlite(connectionString).AddInterceptors(SqlitePragmas.Instance)
                .ConfigureWarnings(w => w.Log((RelationalEventId.NonTransactionalMigrationOperationWarning, LogLevel.Debug))));
            services.AddSingleton<IDbContextFactory<InfrastructuurDb>, FactoryAdapter<SqliteInfrastructuurDb>>();
            services.AddHostedService<SqliteOptimizer>();
        }

        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<InfrastructuurDb>>().CreateDbContext());
        services.AddHealthChecks().AddCheck<DatabaseReadyCheck>("database", tags: ["ready"]);
        return services;
    }

    /// <summary>Lets every query and loader ask for the engine-neutral <see cref="InfrastructuurDb"/>.</summary>
    private sealed class FactoryAdapter<T>(IDbContextFactory<T> inner) : IDbContextFactory<InfrastructuurDb>
        where T : InfrastructuurDb
    {
        public InfrastructuurDb CreateDbContext() => inner.CreateDbContext();

        public async Task<InfrastructuurDb> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}

/// <summary>
/// Npgsql settings the data path relies on, unless the configured connection string sets them itself. Automatic
/// preparation lets PostgreSQL parse and plan a repeated statement once per connection instead of once per request;
/// it needs the pool to stop sending DISCARD ALL on every reuse (which would also drop the prepared statements). Nothing
/// here leaves session state behind for the next user of a connection: no SET, temporary table, advisory lock or LISTEN,
/// and Npgsql still rolls back an open transaction when a connection goes back to the pool.
/// </summary>
internal static class PostgresConnection
{
    /// <summary>Prepared statements kept per physical connection (Npgsql evicts the least used beyond this).</summary>
    public const int MaxAutoPrepare = 128;

    /// <summary>
    /// Planner settings for this app's sessions only, set at connection start-up (so no reset can lose them). The data
    /// is read from memory, not a spinning disk: an index probe costs little more than a sequential read, so counts and
    /// pages start from the region's link rows instead of scanning a whole link table. A request is small and many run
    /// at once: parallel workers only add start-up cost (and chose a full index scan for the counts per theme). JIT
    /// compiles a statement whose estimate is high, on every execution, however quick it really is: a fact update of 400
    /// keys (estimated at millions of rows) took 230 ms, 220 of them compiling. See ADR 0015.
    /// </summary>
    public const string PlannerOptions = "-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0 -c jit=off";

    public static string WithDefaults(string connectionString)
    {
        // NpgsqlConnectionStringBuilder.ContainsKey answers for every keyword it knows, so the keys given come from a plain parse.
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal)).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("MaxAutoPrepare"))
        {
            builder.MaxAutoPrepare = MaxAutoPrepare;
        }

        if (!given.Contains("NoResetOnClose"))
        {
            builder.NoResetOnClose = true;
        }

        if (!given.Contains("Options"))
        {
            builder.Options = PlannerOptions;
        }

        return builder.ConnectionString;
    }
}

/// <summary>
/// synchronous=FULL is per connection in SQLite: with WAL it makes each commit durable against power loss, which
/// "no acknowledged write lost" needs (docs/security.md). mmap_size lets reads come straight from the file's mapping
/// instead of a read() and a copy per page into a 2 MB per-connection cache: a dashboard statement over the whole
/// synthetic municipality spent more than a third of its time in the kernel without it (ADR 0015). Pooled connections keep their
/// native handle, so the pragmas run once per handle, not on every open.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();

    /// <summary>How much of the file a connection maps: 1 GiB, the synthetic municipality's file twice over; beyond it pages are read.</summary>
    public const long MmapBytes = 1L << 30;

    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<object, object> _done = [];

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private void Apply(DbConnection connection)
    {
        if (connection is SqliteConnection { Handle: { } handle } && _done.TryGetValue(handle, out _))
        {
            return;
        }

        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA mmap_size={MmapBytes};";
        command.ExecuteNonQuery();
        if (connection is SqliteConnection { Handle: { } opened })
        {
            _done.AddOrUpdate(opened, opened);
        }
    }
}

/// <summary>Ready means: the database answers and no migration is pending (and we are not shutting down).</summary>
internal sealed class DatabaseReadyCheck(IDbContextFactory<InfrastructuurDb> factory, ShutdownState shutdown) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (shutdown.Stopping)
        {
            return HealthCheckResult.Unhealthy("shutting down");
        }

        try
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("database unreachable");
            }

            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).Count();
            return pending == 0 ? HealthCheckResult.Healthy() : HealthCheckResult.Unhealthy($"{pending} migration(s) pending");
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException)
        {
            return HealthCheckResult.Unhealthy("database unusable");
        }
    }
}

/// <summary>Flips when the host starts stopping, so readiness turns 503 while requests in flight drain.</summary>
public sealed class ShutdownState
{
    public bool Stopping { get; private set; }

    public void MarkStopping() => Stopping = true;
}
