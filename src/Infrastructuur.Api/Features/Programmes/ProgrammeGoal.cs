using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Programmes;

/// <summary>One goal of a programme, with an indicator measured against a baseline and a target.</summary>
public sealed class ProgrammeGoal : Entity
{
    public Guid ProgrammeId { get; set; }

    /// <summary>The goal's place in the programme's list (goals are read in the order the programme gives them).</summary>
    public int Position { get; set; }

    public required string Text { get; set; }

    public Guid? ThemeId { get; set; }

    public Theme? Theme { get; set; }

    public string? Indicator { get; set; }

    public string? Unit { get; set; }

    public decimal? Baseline { get; set; }

    public int? BaselineYear { get; set; }

    public decimal? Target { get; set; }

    public int? TargetYear { get; set; }

    public List<GoalMeasurement> Measurements { get; set; } = [];
}

/// <summary>A value of a goal's indicator, measured on a day.</summary>
public sealed class GoalMeasurement : Entity
{
    public Guid GoalId { get; set; }

    public DateOnly MeasuredOn { get; set; }

    public decimal Value { get; set; }

    public string? Note { get; set; }
}

internal sealed class ProgrammeGoalConfiguration : IEntityTypeConfiguration<ProgrammeGoal>
{
    public void Configure(EntityTypeBuilder<ProgrammeGoal> builder)
    {
        builder.Property(g => g.Text).HasMaxLength(1000);
        builder.Property(g => g.Indicator).HasMaxLength(500);
        builder.Property(g => g.Unit).HasMaxLength(60);
        builder.Property(g => g.Baseline).HasPrecision(18, 4);
        builder.Property(g => g.Target).HasPrecision(18, 4);
        builder.HasIndex(g => new { g.ProgrammeId, g.Position });
        builder.HasOne(g => g.Theme).WithMany().HasForeignKey(g => g.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.Measurements).WithOne().HasForeignKey(m => m.GoalId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GoalMeasurementConfiguration : IEntityTypeConfiguration<GoalMeasurement>
{
    public void Configure(EntityTypeBuilder<GoalMeasurement> builder)
    {
        builder.Property(m => m.Value).HasPrecision(18, 4);
        builder.Property(m => m.Note).HasMaxLength(2000);
        builder.HasIndex(m => new { m.GoalId, m.MeasuredOn, m.Id });
    }
}
