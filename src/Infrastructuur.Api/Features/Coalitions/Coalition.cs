using System.Linq.Expressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Network;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Coalitions;

/// <summary>A network of initiatives and organisations acting together: the Huis van de Wijk, Team Toekomst's support network.</summary>
public sealed class Coalition : Entity, INamed
{
    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    public string? Description { get; set; }

    /// <summary>The municipality the coalition works in; set by the server, it scopes who may act on it.</summary>
    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public List<CoalitionMember> Members { get; set; } = [];

    public List<CoalitionRecognition> Recognitions { get; set; } = [];
}

/// <summary>
/// An organisation's or an initiative's membership of a coalition, from <see cref="JoinedOn"/> until <see cref="LeftOn"/>.
/// One row per party and coalition: a party that rejoins gets its row reopened.
/// </summary>
public sealed class CoalitionMember : PartyLink
{
    public Guid CoalitionId { get; set; }

    public Coalition? Coalition { get; set; }

    public DateOnly JoinedOn { get; set; }

    /// <summary>The first day the party was no longer a member; null while it is one.</summary>
    public DateOnly? LeftOn { get; set; }

    /// <summary>
    /// Memberships that are (<paramref name="current"/> true) or are not (false) running on <paramref name="today"/>;
    /// all of them when <paramref name="current"/> is null. Not yet joined or already left counts as not current.
    /// </summary>
    public static Expression<Func<CoalitionMember, bool>> Current(bool? current, DateOnly today) =>
        m => current == null || current == (m.JoinedOn <= today && (m.LeftOn == null || m.LeftOn > today));
}

/// <summary>A recognition a coalition holds, such as "OZJ-Jeugdlab", since a date.</summary>
public sealed class CoalitionRecognition : Entity
{
    public Guid CoalitionId { get; set; }

    public required string Label { get; set; }

    public DateOnly Since { get; set; }

    /// <summary>Who granted it, in words; free text because the granting body is often not in our data.</summary>
    public string? GrantedBy { get; set; }
}

internal sealed class CoalitionConfiguration : IEntityTypeConfiguration<Coalition>
{
    public void Configure(EntityTypeBuilder<Coalition> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(300);
        builder.Property(c => c.NameKey).HasMaxLength(300);
        builder.Property(c => c.Description).HasMaxLength(8000);
        builder.HasIndex(c => new { c.NameKey, c.Id });
        builder.HasIndex(c => new { c.MunicipalityId, c.NameKey });
        builder.HasOne(c => c.Municipality).WithMany().HasForeignKey(c => c.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.Members).WithOne(m => m.Coalition).HasForeignKey(m => m.CoalitionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Recognitions).WithOne().HasForeignKey(r => r.CoalitionId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CoalitionMemberConfiguration : IEntityTypeConfiguration<CoalitionMember>
{
    public void Configure(EntityTypeBuilder<CoalitionMember> builder)
    {
        builder.ConfigureParty("CoalitionMembers", nameof(CoalitionMember.CoalitionId));
        builder.HasIndex(m => new { m.CoalitionId, m.JoinedOn, m.Id });
    }
}

internal sealed class CoalitionRecognitionConfiguration : IEntityTypeConfiguration<CoalitionRecognition>
{
    public void Configure(EntityTypeBuilder<CoalitionRecognition> builder)
    {
        builder.Property(r => r.Label).HasMaxLength(200);
        builder.Property(r => r.GrantedBy).HasMaxLength(300);
        builder.HasIndex(r => r.CoalitionId);
    }
}
