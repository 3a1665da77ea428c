using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Infrastructuur.Api.Data;

// Used only by `dotnet ef migrations add`: builds each engine's context without starting the app.
// Neither connects: adding a migration compares the model with the last snapshot.

internal sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteInfrastructuurDb>
{
    public SqliteInfrastructuurDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteInfrastructuurDb>().UseSqlite("Data Source=design-time.db").Options);
}

internal sealed class PostgresDesignTimeFactory : IDesignTimeDbContextFactory<PostgresInfrastructuurDb>
{
    public PostgresInfrastructuurDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgresInfrastructuurDb>()
            .UseNpgsql("Host=127.0.0.1;Database=design_time", n => n.MigrationsHistoryTable("__ef_migrations_history"))
            .Options);
}
