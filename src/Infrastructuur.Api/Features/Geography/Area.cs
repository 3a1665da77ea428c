using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Geography;

/// <summary>A municipality's own working area (Nissewaard's four "wijkgebieden"), made of neighbourhoods.</summary>
public sealed class Area : Entity, INamed
{
    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    public string? Description { get; set; }

    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public List<Neighbourhood> Neighbourhoods { get; set; } = [];
}

internal sealed class AreaConfiguration : IEntityTypeConfiguration<Area>
{
    public void Configure(EntityTypeBuilder<Area> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(200);
        builder.Property(a => a.NameKey).HasMaxLength(200);
        builder.Property(a => a.Description).HasMaxLength(4000);
        builder.HasIndex(a => new { a.MunicipalityId, a.NameKey, a.Id });
        builder.HasOne(a => a.Municipality).WithMany(m => m.Areas).HasForeignKey(a => a.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(a => a.Neighbourhoods).WithMany(n => n.Areas).UsingEntity("AreaNeighbourhood");
    }
}
