using System.ComponentModel;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Geography;

/// <summary>The CBS level of a region below a municipality.</summary>
public enum RegionLevel
{
    [Description("A CBS wijk (district): code WK followed by 6 digits.")]
    District = 1,

    [Description("A CBS buurt (neighbourhood): code BU followed by 8 digits.")]
    Neighbourhood = 2,
}

public sealed class Neighbourhood : Entity, INamed
{
    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    public RegionLevel Level { get; set; }

    /// <summary>The municipality's own word for this level ("gebied", "wijk"); CBS levels stay beside it.</summary>
    public string? LocalLabel { get; set; }

    /// <summary>CBS code; null when we have no verified code (we never invent one).</summary>
    public string? CbsCode { get; set; }

    /// <summary>The year of the CBS region file the code comes from; codes are versioned per year.</summary>
    public int? CbsCodeYear { get; set; }

    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public Guid? ParentId { get; set; }

    public Neighbourhood? Parent { get; set; }

    public List<Neighbourhood> Children { get; set; } = [];

    public List<Area> Areas { get; set; } = [];

    public List<Initiatives.Initiative> Initiatives { get; set; } = [];

    public List<Organisations.Organisation> Organisations { get; set; } = [];

    public List<Activities.Activity> Activities { get; set; } = [];
}

internal sealed class NeighbourhoodConfiguration : IEntityTypeConfiguration<Neighbourhood>
{
    public void Configure(EntityTypeBuilder<Neighbourhood> builder)
    {
        builder.Property(n => n.Name).HasMaxLength(200);
        builder.Property(n => n.NameKey).HasMaxLength(200);
        builder.Property(n => n.LocalLabel).HasMaxLength(60);
        builder.Property(n => n.CbsCode).HasMaxLength(10);
        builder.HasIndex(n => new { n.CbsCode, n.CbsCodeYear }).IsUnique();
        builder.HasIndex(n => new { n.MunicipalityId, n.NameKey, n.Id });
        builder.HasOne(n => n.Municipality).WithMany(m => m.Neighbourhoods).HasForeignKey(n => n.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(n => n.Parent).WithMany(n => n.Children).HasForeignKey(n => n.ParentId).OnDelete(DeleteBehavior.Restrict);
    }
}
