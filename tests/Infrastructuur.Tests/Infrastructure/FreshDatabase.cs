using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Infrastructure;

/// <summary>
/// An empty database of one engine, outside any test app, with a context over it (no migration applied yet): for tests
/// of migrations and of writers that must start from nothing. Removed again on dispose (SQLite file; PostgreSQL
/// databases go with the throwaway cluster).
/// </summary>
public sealed class FreshDatabase : IAsyncDisposable
{
    private readonly DirectoryInfo? _folder;

    private FreshDatabase(InfrastructuurDb db, string[] settings, DirectoryInfo? folder)
    {
        Db = db;
        Settings = settings;
        _folder = folder;
    }

    public InfrastructuurDb Db { get; }

    /// <summary>The same database as app configuration on a command line (--Database:Provider …).</summary>
    public string[] Settings { get; }

    public static async Task<FreshDatabase> CreateAsync(Engine engine)
    {
        if (engine == Engine.Postgres)
        {
            var cluster = await PostgresCluster.SharedAsync();
            var connection = await cluster.CreateDatabaseAsync("fresh");
            var options = new DbContextOptionsBuilder<PostgresInfrastructuurDb>().UseNpgsql(connection, n => n.MigrationsHistoryTable("__ef_migrations_history")).Options;
            return new(new PostgresInfrastructuurDb(options), ["--Database:Provider", "Postgres", "--Database:PostgresConnectionString", connection], null);
        }

        var folder = Directory.CreateTempSubdirectory("infra-fresh-");
        var path = Path.Combine(folder.FullName, "fresh.db");
        var sqlite = new DbContextOptionsBuilder<SqliteInfrastructuurDb>().UseSqlite($"Data Source={path};Pooling=false").Options;
        return new(new SqliteInfrastructuurDb(sqlite), ["--Database:Provider", "Sqlite", "--Database:SqlitePath", path], folder);
    }

    public async ValueTask DisposeAsync()
    {
        await Db.DisposeAsync();
        if (_folder is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                _folder.Delete(recursive: true);
            }
            catch (IOException)
            {
                // a temp folder left behind is harmless
            }
        }
    }
}
