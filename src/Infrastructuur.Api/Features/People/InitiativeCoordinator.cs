using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Initiatives;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.People;

/// <summary>A person coordinating an initiative, since a date and in a role; this link will also scope what a coordinator may edit.</summary>
public sealed class InitiativeCoordinator : Entity
{
    public Guid InitiativeId { get; set; }

    public Initiative? Initiative { get; set; }

    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public DateOnly Since { get; set; }

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
