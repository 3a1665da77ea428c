using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Initiatives;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.People;

/// <summary>
/// A person coordinating an initiative, since a date and in a role. Added by a co-coordinator it is an invitation
/// (<see cref="AcceptedAt"/> null) that grants nothing — no edit rights, no personal data either way — until the person
/// accepts it signed in as themself; only accepted links scope a coordinator.
/// </summary>
public sealed class InitiativeCoordinator : Entity
{
    public Guid InitiativeId { get; set; }

    public Initiative? Initiative { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public DateOnly Since { get; set; }

    /// <summary>When the person accepted; null while it is an invitation.</summary>
    public DateTime? AcceptedAt { get; set; }

    /// <summary>The role in the initiative's own words, e.g. "coördinator" or "penningmeester".</summary>
    public string? Role { get; set; }
}

internal sealed class InitiativeCoordinatorConfiguration : IEntityTypeConfiguration<InitiativeCoordinator>
{
    public void Configure(EntityTypeBuilder<InitiativeCoordinator> builder)
    {
        builder.Property(c => c.Role).HasMaxLength(100);
        builder.HasIndex(c => new { c.InitiativeId, c.PersonId }).IsUnique();
        builder.HasIndex(c => c.PersonId);
        builder.HasOne(c => c.Initiative).WithMany().HasForeignKey(c => c.InitiativeId).OnDelete(DeleteBehavior.Cascade);

        // Erasing a person pseudonymises the row (references kept), so a person is never deleted from under a link.
        builder.HasOne(c => c.Person).WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
