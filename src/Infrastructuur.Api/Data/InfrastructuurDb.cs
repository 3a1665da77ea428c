using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

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

    public DbSet<Theme> Themes => Set<Theme>();

    public DbSet<TargetGroup> TargetGroups => Set<TargetGroup>();

    public DbSet<Person> People => Set<Person>();

    public DbSet<InitiativeCoordinator> InitiativeCoordinators => Set<InitiativeCoordinator>();

    public DbSet<Coalition> Coalitions => Set<Coalition>();

    public DbSet<CoalitionMember> CoalitionMembers => Set<CoalitionMember>();

    public DbSet<CoalitionRecognition> CoalitionRecognitions => Set<CoalitionRecognition>();

    public DbSet<Collaboration> Collaborations => Set<Collaboration>();

    public DbSet<CollaborationParty> CollaborationParties => Set<CollaborationParty>();

    public DbSet<NetworkMeeting> NetworkMeetings => Set<NetworkMeeting>();

    public DbSet<MeetingParticipant> MeetingParticipants => Set<MeetingParticipant>();

    public DbSet<Signal> Signals => Set<Signal>();

    public DbSet<SignalResponse> SignalResponses => Set<SignalResponse>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InfrastructuurDb).Assembly, t => t.Namespace?.StartsWith("Infrastructuur.Api.Features", StringComparison.Ordinal) == true);

        // Enums are stored by name: readable in SQL and safe against reordering members.
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(e => e.GetProperties()))
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (type.IsEnum)
            {
                property.SetValueConverter(typeof(EnumToStringConverter<>).MakeGenericType(type));
                property.SetMaxLength(40);
            }
        }
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

                if (entry.Entity is INamed named)
                {
                    named.NameKey = TextKey.Fold(named.Name);
                }
            }
        }
    }
}
