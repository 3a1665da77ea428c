using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Data;

/// <summary>
/// The one model. Each database engine has a subclass only so that each keeps its own migration set
/// (ADR 0004); everything else, and every query, is written against this type.
/// </summary>
public abstract class InfrastructuurDb(DbContextOptions options) : DbContext(options)
{
    public DbSet<Municipality> Municipalities => Set<Municipality>();

    public DbSet<Area> Areas => Set<Area>();

    public DbSet<Neighbourhood> Neighbourhoods => Set<Neighbourhood>();

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<OrganisationIdentifier> OrganisationIdentifiers => Set<OrganisationIdentifier>();

    public DbSet<Initiative> Initiatives => Set<Initiative>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InfrastructuurDb).Assembly, t => t.Namespace?.StartsWith("Infrastructuur.Api.Features", StringComparison.Ordinal) == true);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Enums are stored by name: readable in SQL and safe against reordering members.
        configurationBuilder.Properties<RegionLevel>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<OrganisationKind>().HaveConversion<string>().HaveMaxLength(40);
        configurationBuilder.Properties<InitiativeStatus>().HaveConversion<string>().HaveMaxLength(40);
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        Stamp();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    // Derived columns are kept here, in one place, so no write path can forget them.
    private void Stamp()
    {
        var now = DateTime.UtcNow;
        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                if (entry.State == EntityState.Modified)
                {
                    entry.Entity.ModifiedAt = now;
                }

                switch (entry.Entity)
                {
                    case Municipality m: m.NameKey = TextKey.Fold(m.Name); break;
                    case Area a: a.NameKey = TextKey.Fold(a.Name); break;
                    case Neighbourhood n: n.NameKey = TextKey.Fold(n.Name); break;
                    case Organisation o: o.NameKey = TextKey.Fold(o.Name); break;
                    case Initiative i: i.NameKey = TextKey.Fold(i.Name); break;
                }
            }
        }
    }
}
