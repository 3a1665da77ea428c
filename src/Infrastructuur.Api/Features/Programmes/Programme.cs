using System.ComponentModel;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Programmes;

public enum ProgrammeStatus
{
    [Description("Being written; not yet running.")]
    Draft = 1,

    [Description("Running within its period.")]
    Active,

    [Description("Ran its full period.")]
    Completed,

    [Description("Ended before its period was over.")]
    Stopped,
}

/// <summary>A multi-year integral programme (Mooi Mooier Middelland): goals across themes, funded from several budget columns.</summary>
public sealed class Programme : Entity, INamed, ISearchable
{
    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string SearchText { get; set; } = string.Empty;

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    /// <summary>Who wrote it, in words ("residents of Middelland with the Huis van de Wijk").</summary>
    public string? WrittenBy { get; set; }

    /// <summary>
    /// The coalition that wrote the programme. Coalition is built on another branch: this column has no foreign key
    /// or navigation yet and is not exposed; it is wired up when the branches meet.
    /// </summary>
    public Guid? AuthorCoalitionId { get; set; }

    public Guid OwnerId { get; set; }

    public Organisation? Owner { get; set; }

    /// <summary>Set by the server (from the owner's context), it scopes who may act on the programme.</summary>
    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    public ProgrammeStatus Status { get; set; } = ProgrammeStatus.Draft;

    /// <summary>The day the municipality endorsed the programme; null while it has not.</summary>
    public DateOnly? EndorsedOn { get; set; }

    public string? EndorsementNote { get; set; }

    public List<Neighbourhood> Neighbourhoods { get; set; } = [];

    public List<Theme> Themes { get; set; } = [];

    public List<Initiative> Initiatives { get; set; } = [];

    public List<Organisation> Organisations { get; set; } = [];

    public List<ProgrammeGoal> Goals { get; set; } = [];

    public string BuildSearchText() => $"{Name} {Description}";
}

internal sealed class ProgrammeConfiguration : IEntityTypeConfiguration<Programme>
{
    public void Configure(EntityTypeBuilder<Programme> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_Programmes_Period", "\"EndsOn\" >= \"StartsOn\""));
        builder.Property(p => p.Name).HasMaxLength(300);
        builder.Property(p => p.NameKey).HasMaxLength(300);
        builder.Property(p => p.Description).HasMaxLength(8000);
        builder.Property(p => p.WrittenBy).HasMaxLength(500);
        builder.Property(p => p.EndorsementNote).HasMaxLength(2000);
        builder.HasIndex(p => new { p.NameKey, p.Id });
        builder.HasIndex(p => new { p.MunicipalityId, p.Status });
        builder.HasOne(p => p.Owner).WithMany().HasForeignKey(p => p.OwnerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(p => p.Municipality).WithMany().HasForeignKey(p => p.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(p => p.Neighbourhoods).WithMany().UsingEntity("ProgrammeNeighbourhood");
        builder.HasMany(p => p.Themes).WithMany().UsingEntity("ProgrammeTheme");
        builder.HasMany(p => p.Initiatives).WithMany(i => i.Programmes).UsingEntity("ProgrammeInitiative");
        builder.HasMany(p => p.Organisations).WithMany(o => o.Programmes).UsingEntity("ProgrammeOrganisation");
        builder.HasMany(p => p.Goals).WithOne().HasForeignKey(g => g.ProgrammeId).OnDelete(DeleteBehavior.Cascade);
    }
}
