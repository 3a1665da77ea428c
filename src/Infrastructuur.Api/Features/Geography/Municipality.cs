using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Geography;

public sealed class Municipality : Entity, INamed
{
    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    /// <summary>CBS code: GM followed by four digits.</summary>
    public required string CbsCode { get; set; }

    public List<Area> Areas { get; set; } = [];

    public List<Neighbourhood> Neighbourhoods { get; set; } = [];
}

internal sealed class MunicipalityConfiguration : IEntityTypeConfiguration<Municipality>
{
    public void Configure(EntityTypeBuilder<Municipality> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(200);
        builder.Property(m => m.NameKey).HasMaxLength(200);
        builder.Property(m => m.CbsCode).HasMaxLength(6);
        builder.HasIndex(m => m.CbsCode).IsUnique();
        builder.HasIndex(m => new { m.NameKey, m.Id });
    }
}
