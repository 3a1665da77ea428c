using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Taxonomy;

/// <summary>
/// A term in a hierarchical taxonomy (HSDS taxonomy_term). Themes and target groups are data, not enums:
/// municipalities add themes every year.
/// </summary>
public abstract class TaxonomyTerm : Entity, INamed
{
    /// <summary>Stable machine code, e.g. "debt-poverty"; unique within its taxonomy.</summary>
    public required string Code { get; set; }

    public required string NameNl { get; set; }

    public required string NameEn { get; set; }

    public string? Description { get; set; }

    public Guid? ParentId { get; set; }

    /// <summary>Sorting and search use the Dutch name.</summary>
    public string Name => NameNl;

    public string NameKey { get; set; } = string.Empty;
}

/// <summary>A theme of prevention work: debt and poverty, healthy food, concentration problems …</summary>
public sealed class Theme : TaxonomyTerm
{
    public Theme? Parent { get; set; }

    public List<Theme> Children { get; set; } = [];

    /// <summary>Activities tagged with exactly this theme.</summary>
    public List<Activities.Activity> Activities { get; set; } = [];

    /// <summary>Initiatives tagged with exactly this theme.</summary>
    public List<Initiatives.Initiative> Initiatives { get; set; } = [];
}

/// <summary>A group of people an activity is for or a signal is about: children 4–12, parents, young people …</summary>
public sealed class TargetGroup : TaxonomyTerm
{
    public TargetGroup? Parent { get; set; }

    public List<TargetGroup> Children { get; set; } = [];

    /// <summary>Activities for exactly this target group.</summary>
    public List<Activities.Activity> Activities { get; set; } = [];
}

internal sealed class ThemeConfiguration : IEntityTypeConfiguration<Theme>
{
    public void Configure(EntityTypeBuilder<Theme> builder)
    {
        TaxonomyColumns.Configure(builder);
        builder.HasOne(t => t.Parent).WithMany(t => t.Children).HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class TargetGroupConfiguration : IEntityTypeConfiguration<TargetGroup>
{
    public void Configure(EntityTypeBuilder<TargetGroup> builder)
    {
        TaxonomyColumns.Configure(builder);
        builder.HasOne(t => t.Parent).WithMany(t => t.Children).HasForeignKey(t => t.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal static class TaxonomyColumns
{
    public static void Configure<T>(EntityTypeBuilder<T> builder)
        where T : TaxonomyTerm
    {
        builder.Property(t => t.Code).HasMaxLength(80);
        builder.Property(t => t.NameNl).HasMaxLength(200);
        builder.Property(t => t.NameEn).HasMaxLength(200);
        builder.Property(t => t.NameKey).HasMaxLength(200);
        builder.Property(t => t.Description).HasMaxLength(2000);
        builder.HasIndex(t => t.Code).IsUnique();
        builder.HasIndex(t => new { t.NameKey, t.Id });
        builder.Ignore(t => t.Name);
    }
}
