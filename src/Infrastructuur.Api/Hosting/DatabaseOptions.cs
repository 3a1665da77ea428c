namespace Infrastructuur.Api.Hosting;

/// <summary>Where the data lives, bound from the "Database" configuration section.</summary>
public sealed class DatabaseOptions
{
    public const string Section = "Database";

    /// <summary>"Sqlite" (embedded default) or "Postgres" (scale-out).</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>SQLite file; a relative path is taken from the content root.</summary>
    public string SqlitePath { get; set; } = "data/infrastructuur.db";

    /// <summary>Npgsql connection string, used when <see cref="Provider"/> is Postgres.</summary>
    public string? PostgresConnectionString { get; set; }

    /// <summary>Apply pending migrations at start-up (on by default; turn off where migrations are a deploy step).</summary>
    public bool MigrateOnStartup { get; set; } = true;

    /// <summary>Write the demo data set into an empty database at start-up.</summary>
    public bool SeedDemoData { get; set; } = true;

    public bool IsPostgres => string.Equals(Provider, "Postgres", StringComparison.OrdinalIgnoreCase);
}
