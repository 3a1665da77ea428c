using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>The model on PostgreSQL, with its own migrations under Data/Migrations/Postgres.</summary>
public sealed class PostgresInfrastructuurDb(DbContextOptions<PostgresInfrastructuurDb> options) : InfrastructuurDb(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Sort keys compare byte-wise, as on SQLite, so keyset cursors and orderings agree across engines.
        foreach (var entity in modelBuilder.Model.GetEntityTypes())
        {
            var key = entity.FindProperty("NameKey");
            key?.SetCollation("C");
        }
    }
}
