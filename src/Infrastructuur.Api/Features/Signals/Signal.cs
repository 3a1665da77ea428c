using System.ComponentModel;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Signals;

/// <summary>Where a signal stands.</summary>
public enum SignalStatus
{
    [Description("Raised, not yet discussed by the network.")]
    New = 1,

    [Description("Discussed by the network (e.g. at a network meeting); no response yet.")]
    Discussed,

    [Description("Offering was started or changed in response.")]
    Addressed,

    [Description("Closed: addressed long enough ago, or no longer relevant.")]
    Closed,
}

/// <summary>
/// An observed need in a neighbourhood, e.g. teachers seeing concentration problems in children. The reporter is an
/// organisation or a resident, never a person on record. A signal is a record about residents: only the scopes that
/// work with it see it at all (<see cref="Access.VisibilityRules.Signal"/>); everyone else gets small-cell-suppressed counts.
/// </summary>
public sealed class Signal : Entity
{
    public DateOnly ObservedOn { get; set; }

    public Guid NeighbourhoodId { get; set; }

    public Neighbourhood? Neighbourhood { get; set; }

    /// <summary>The neighbourhood's municipality, kept on the row so it can scope and filter without a join; set by the server.</summary>
    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public List<Theme> Themes { get; set; } = [];

    public Guid? TargetGroupId { get; set; }

    public TargetGroup? TargetGroup { get; set; }

    /// <summary>The reporting organisation; null when a resident raised the signal (then <see cref="ReportedByResident"/> is true).</summary>
    public Guid? ReportedByOrganisationId { get; set; }

    public Organisation? ReportedByOrganisation { get; set; }

    public bool ReportedByResident { get; set; }

    /// <summary>Sensitive: may describe residents' circumstances; readable by those who may see the signal.</summary>
    [AuditWithoutValues]
    public string? Description { get; set; }

    public SignalStatus Status { get; set; } = SignalStatus.New;

    /// <summary>The theme the network traced the signal to (concentration problems → debt and poverty).</summary>
    public Guid? UnderlyingThemeId { get; set; }

    public Theme? UnderlyingTheme { get; set; }

    public List<SignalResponse> Responses { get; set; } = [];

    public List<NetworkMeeting> DiscussedAt { get; set; } = [];
}

/// <summary>An activity started or changed in response to a signal: links the signal to the activity's provider.</summary>
public sealed class SignalResponse
{
    public Guid SignalId { get; set; }

    public Guid ActivityId { get; set; }

    public Activities.Activity? Activity { get; set; }
}

internal sealed class SignalConfiguration : IEntityTypeConfiguration<Signal>
{
    public void Configure(EntityTypeBuilder<Signal> builder)
    {
        // A signal has exactly one kind of reporter: an organisation, or a resident (who is never recorded by name).
        builder.ToTable("Signals", t => t.HasCheckConstraint("CK_Signals_OneReporter", "(\"ReportedByOrganisationId\" IS NULL) = \"ReportedByResident\""));
        builder.Property(s => s.Description).HasMaxLength(4000);
        builder.HasIndex(s => new { s.MunicipalityId, s.ObservedOn });
        builder.HasIndex(s => new { s.NeighbourhoodId, s.ObservedOn });
        builder.HasIndex(s => new { s.ObservedOn, s.Id });
        builder.HasOne(s => s.Neighbourhood).WithMany().HasForeignKey(s => s.NeighbourhoodId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.Municipality).WithMany().HasForeignKey(s => s.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.TargetGroup).WithMany().HasForeignKey(s => s.TargetGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.ReportedByOrganisation).WithMany().HasForeignKey(s => s.ReportedByOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(s => s.UnderlyingTheme).WithMany().HasForeignKey(s => s.UnderlyingThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(s => s.Themes).WithMany().UsingEntity("SignalTheme");
        builder.HasMany(s => s.Responses).WithOne().HasForeignKey(r => r.SignalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SignalResponseConfiguration : IEntityTypeConfiguration<SignalResponse>
{
    public void Configure(EntityTypeBuilder<SignalResponse> builder)
    {
        builder.HasKey(r => new { r.SignalId, r.ActivityId });
        builder.HasIndex(r => r.ActivityId);
        builder.HasOne(r => r.Activity).WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
    }
}
