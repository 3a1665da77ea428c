using System.ComponentModel;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Activities;

public enum CountingMethod
{
    [Description("Counted from registrations or sign-up lists.")]
    Registration = 1,

    [Description("Counted by heads on the spot.")]
    Headcount,

    [Description("Estimated by the provider.")]
    Estimate,

    [Description("Derived from a survey.")]
    Survey,
}

/// <summary>How many people an activity reached in a period, optionally for one target group and one region.</summary>
public sealed class ReachRecord : Entity
{
    public Guid ActivityId { get; set; }

    public Activity? Activity { get; set; }

    public DateOnly PeriodStart { get; set; }

    public DateOnly PeriodEnd { get; set; }

    public Guid? TargetGroupId { get; set; }

    public TargetGroup? TargetGroup { get; set; }

    public Guid? NeighbourhoodId { get; set; }

    public Neighbourhood? Neighbourhood { get; set; }

    /// <summary>People reached; a count, never a list of who.</summary>
    public int Count { get; set; }

    public CountingMethod CountingMethod { get; set; }

    public string? Note { get; set; }
}

internal sealed class ReachRecordConfiguration : IEntityTypeConfiguration<ReachRecord>
{
    public void Configure(EntityTypeBuilder<ReachRecord> builder)
    {
        builder.Property(r => r.Note).HasMaxLength(2000);
        builder.HasIndex(r => new { r.ActivityId, r.PeriodStart, r.Id });
        builder.HasOne(r => r.Activity).WithMany(a => a.Reach).HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.TargetGroup).WithMany().HasForeignKey(r => r.TargetGroupId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(r => r.Neighbourhood).WithMany().HasForeignKey(r => r.NeighbourhoodId).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_ReachRecords_Count", "\"Count\" >= 0");
            t.HasCheckConstraint("CK_ReachRecords_Period", "\"PeriodEnd\" >= \"PeriodStart\"");
        });
    }
}
