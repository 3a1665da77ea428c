using System.ComponentModel;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Initiatives;

public enum InitiativeStatus
{
    [Description("Being prepared; not yet running.")]
    Draft = 1,

    [Description("Running.")]
    Active,

    [Description("Temporarily not running.")]
    Paused,

    [Description("Stopped for good.")]
    Ended,
}

/// <summary>A residents' initiative (bewonersinitiatief); often informal, without a Chamber of Commerce number.</summary>
public sealed class Initiative : Entity, INamed, ISearchable
{
    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string SearchText { get; set; } = string.Empty;

    public InitiativeStatus Status { get; set; } = InitiativeStatus.Draft;

    public DateOnly? StartedOn { get; set; }

    /// <summary>The municipality the initiative belongs to; set by the server, it scopes who may act on it.</summary>
    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public Guid? HostOrganisationId { get; set; }

    public Organisation? HostOrganisation { get; set; }

    public List<Neighbourhood> Neighbourhoods { get; set; } = [];

    public List<Theme> Themes { get; set; } = [];

    public string BuildSearchText() => $"{Name} {Description}";

    /// <summary>Programmes the initiative takes part in (configured by the programme).</summary>
    public List<Programmes.Programme> Programmes { get; set; } = [];
}

internal sealed class InitiativeConfiguration : IEntityTypeConfiguration<Initiative>
{
    public void Configure(EntityTypeBuilder<Initiative> builder)
    {
        builder.Property(i => i.Name).HasMaxLength(300);
        builder.Property(i => i.NameKey).HasMaxLength(300);
        builder.Property(i => i.Description).HasMaxLength(8000);
        builder.HasIndex(i => new { i.NameKey, i.Id });
        builder.HasIndex(i => new { i.MunicipalityId, i.Status });
        builder.HasIndex(i => new { i.HostOrganisationId, i.NameKey, i.Id }); // an organisation's hosted initiatives by name (ADR 0016)
        builder.HasOne(i => i.Municipality).WithMany().HasForeignKey(i => i.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(i => i.HostOrganisation).WithMany().HasForeignKey(i => i.HostOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(i => i.Neighbourhoods).WithMany(n => n.Initiatives).UsingEntity("InitiativeNeighbourhood");
        builder.HasMany(i => i.Themes).WithMany(t => t.Initiatives).UsingEntity("InitiativeTheme");
    }
}
