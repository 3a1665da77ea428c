using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
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

    public DbSet<Activity> Activities => Set<Activity>();

    public DbSet<ReachRecord> ReachRecords => Set<ReachRecord>();

    public DbSet<Programme> Programmes => Set<Programme>();

    public DbSet<ProgrammeGoal> ProgrammeGoals => Set<ProgrammeGoal>();

    public DbSet<GoalMeasurement> GoalMeasurements => Set<GoalMeasurement>();

    public DbSet<BudgetLine> BudgetLines => Set<BudgetLine>();

    public DbSet<Grant> Grants => Set<Grant>();

    public DbSet<GrantAllocation> GrantAllocations => Set<GrantAllocation>();

    public DbSet<Disbursement> Disbursements => Set<Disbursement>();

    public DbSet<NeighbourhoodCompany> NeighbourhoodCompanies => Set<NeighbourhoodCompany>();

    public DbSet<ShareClass> ShareClasses => Set<ShareClass>();

    public DbSet<Shareholding> Shareholdings => Set<Shareholding>();

    public DbSet<Reinvestment> Reinvestments => Set<Reinvestment>();

    public DbSet<ReinvestmentAllocation> ReinvestmentAllocations => Set<ReinvestmentAllocation>();

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

    /// <summary>Append-only: see <see cref="AccessLogEntry"/>.</summary>
    public DbSet<AccessLogEntry> AccessLog => Set<AccessLogEntry>();

    public DbSet<ChangeRecord> ChangeRecords => Set<ChangeRecord>();

    public DbSet<IdempotencyRecord> IdempotencyRecords => Set<IdempotencyRecord>();

    /// <summary>Who is changing data through a mutation; the mutation runner sets it for one save and clears it (pooled contexts are reused).</summary>
    public AuditStamp? Audit { get; set; }

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InfrastructuurDb).Assembly, t => t.Namespace?.StartsWith("Infrastructuur.Api.Features", StringComparison.Ordinal) == true);

        // Enums are stored by name: readable in SQL and safe against reordering members (complex-type members too).
        foreach (var property in modelBuilder.Model.GetEntityTypes().SelectMany(AllProperties))
        {
            var type = Nullable.GetUnderlyingType(property.ClrType) ?? property.ClrType;
            if (type.IsEnum)
            {
                property.SetValueConverter(typeof(EnumToStringConverter<>).MakeGenericType(type));
                property.SetMaxLength(40);
            }
        }

        // Optimistic concurrency: every UPDATE of a record checks the version it was read at (WHERE "Version" = @original),
        // so a lost update is a DbUpdateConcurrencyException instead of a silent overwrite, on SQLite and PostgreSQL alike.
        foreach (var entity in modelBuilder.Model.GetEntityTypes().Where(t => typeof(Entity).IsAssignableFrom(t.ClrType)))
        {
            entity.FindProperty(nameof(Entity.Version))!.IsConcurrencyToken = true;
        }
    }

    private static IEnumerable<IMutableProperty> AllProperties(IMutableTypeBase type) =>
        type.GetProperties().Concat(type.GetComplexProperties().SelectMany(c => AllProperties(c.ComplexType)));

    public override int SaveChanges(bool acceptAllChangesOnSuccess) =>
        throw new NotSupportedException("Save asynchronously: SaveChangesAsync keeps the dashboards' offering facts in the same transaction.");

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        Stamp();
        var offering = Changes(OfferingTables) && await OfferingFacts.ExistHereAsync(this, cancellationToken);
        var funding = Changes(FundingTables) && await FundingFacts.ExistHereAsync(this, cancellationToken);
        if (!offering && !funding)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        // The dashboards' facts change in the transaction of the write that changes them (ADR 0019, ADR 0020).
        async Task KeepFactsAsync()
        {
            if (offering)
            {
                await OfferingFacts.CatchUpAsync(this, cancellationToken);
            }

            if (funding)
            {
                await FundingFacts.CatchUpAsync(this, cancellationToken);
            }
        }

        if (Database.CurrentTransaction is not null)
        {
            var saved = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await KeepFactsAsync();
            return saved;
        }

        await using var transaction = await Database.BeginTransactionAsync(cancellationToken);
        var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess: false, cancellationToken);
        await KeepFactsAsync();
        await transaction.CommitAsync(cancellationToken);
        if (acceptAllChangesOnSuccess)
        {
            ChangeTracker.AcceptAllChanges();
        }

        return written;
    }

    // The tables whose rows the offering and count facts are computed from (OfferingFactTriggers and CountFactDdl note the activities).
    private static readonly HashSet<string> OfferingTables =
        ["Activities", "ActivityTheme", "ActivityTargetGroup", "ActivityNeighbourhood", "ReachRecords", "Initiatives", "Themes", "TargetGroups", "Organisations"];

    // The tables whose rows the funding facts are computed from (FundingFactTriggers note the grants).
    private static readonly HashSet<string> FundingTables =
        ["Grants", "GrantAllocations", "Disbursements", "GrantTheme", "GrantNeighbourhood", "Initiatives", "BudgetLines", "Programmes", "Neighbourhoods", "Themes"];

    private bool Changes(HashSet<string> tables) =>
        ChangeTracker.Entries().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted && tables.Contains(e.Metadata.GetTableName() ?? string.Empty));

    // Derived columns are kept here, in one place, so no write path can forget them.
    private void Stamp()
    {
        var now = WholeMicroseconds(DateTime.UtcNow);

        // The access log is append-only (docs/security.md): no code path may change or remove an entry.
        if (ChangeTracker.Entries<AccessLogEntry>().Any(e => e.State is EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("The access log is append-only: entries are never changed or deleted.");
        }

        foreach (var entry in ChangeTracker.Entries<Entity>())
        {
            if (entry.State is EntityState.Added or EntityState.Modified)
            {
                if (entry.State == EntityState.Added)
                {
                    entry.Entity.CreatedAt = WholeMicroseconds(entry.Entity.CreatedAt);
                    entry.Entity.ModifiedAt = WholeMicroseconds(entry.Entity.ModifiedAt);
                }

                if (entry.State == EntityState.Modified)
                {
                    entry.Entity.ModifiedAt = now;
                    var version = entry.Property(e => e.Version);
                    version.CurrentValue = version.OriginalValue + 1;
                }

                Derive(entry.Entity);
            }
        }

        // The change history is written in the same save as the changes it describes.
        ChangeAudit.Record(this, now);
    }

    // Timestamps in whole microseconds, as PostgreSQL keeps them: a record read back equals the one just written, so
    // an idempotent replay (which reads its objects again) answers as the first call did.
    private static DateTime WholeMicroseconds(DateTime moment) => moment.AddTicks(-(moment.Ticks % 10));

    /// <summary>Sets the folded columns kept beside the text (name key, search text); writes that bypass SaveChanges call it too.</summary>
    public static void Derive(Entity entity)
    {
        if (entity is INamed named)
        {
            named.NameKey = TextKey.Fold(named.Name);
        }

        if (entity is ISearchable searchable)
        {
            searchable.SearchText = TextKey.Fold(searchable.BuildSearchText());
        }
    }
}
