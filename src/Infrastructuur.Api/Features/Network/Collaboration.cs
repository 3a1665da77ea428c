using System.ComponentModel;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Network;

/// <summary>How formally the parties of a collaboration have bound themselves.</summary>
public enum CollaborationFormality
{
    [Description("Working together on agreements in words or by e-mail.")]
    Informal = 1,

    [Description("A signed covenant or letter of intent, without enforceable obligations.")]
    Covenant,

    [Description("A contract with enforceable obligations (e.g. a subcontract or joint tender).")]
    Contract,
}

/// <summary>Two or more parties (organisations, initiatives) working together: an edge of the network graph.</summary>
public sealed class Collaboration : Entity
{
    public required string Purpose { get; set; }

    public DateOnly StartsOn { get; set; }

    /// <summary>The last day of the collaboration; null while it has no planned end.</summary>
    public DateOnly? EndsOn { get; set; }

    public CollaborationFormality Formality { get; set; } = CollaborationFormality.Informal;

    /// <summary>The municipality the collaboration works in; set by the server, it scopes who may act on it.</summary>
    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public List<Theme> Themes { get; set; } = [];

    public List<CollaborationParty> Parties { get; set; } = [];
}

/// <summary>One party of a collaboration: an organisation or an initiative.</summary>
public sealed class CollaborationParty : PartyLink
{
    public Guid CollaborationId { get; set; }

    public Collaboration? Collaboration { get; set; }
}

internal sealed class CollaborationConfiguration : IEntityTypeConfiguration<Collaboration>
{
    public void Configure(EntityTypeBuilder<Collaboration> builder)
    {
        builder.Property(c => c.Purpose).HasMaxLength(2000);
        builder.HasIndex(c => new { c.MunicipalityId, c.StartsOn });
        builder.HasIndex(c => new { c.StartsOn, c.Id });
        builder.HasOne(c => c.Municipality).WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Themes).WithMany().UsingEntity("CollaborationTheme");
        builder.HasMany(c => c.Parties).WithOne(p => p.Collaboration).HasForeignKey(p => p.CollaborationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CollaborationPartyConfiguration : IEntityTypeConfiguration<CollaborationParty>
{
    public void Configure(EntityTypeBuilder<CollaborationParty> builder)
    {
        builder.ConfigureParty("CollaborationParties", nameof(CollaborationParty.CollaborationId));
    }
}
