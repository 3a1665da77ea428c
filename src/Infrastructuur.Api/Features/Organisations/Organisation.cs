using System.ComponentModel;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Organisations;

public enum OrganisationKind
{
    [Description("A primary or secondary school.")]
    School = 1,

    [Description("A church, mosque or other faith community.")]
    FaithCommunity,

    [Description("A sports club or association.")]
    SportsClub,

    [Description("A youth work organisation.")]
    YouthWork,

    [Description("A welfare organisation (welzijn).")]
    Welfare,

    [Description("A care provider (zorgaanbieder).")]
    CareProvider,

    [Description("A public health service (GGD).")]
    PublicHealthService,

    [Description("A municipality acting as an organisation (funder, director of the network).")]
    Municipality,

    [Description("A housing corporation.")]
    HousingCorporation,

    [Description("A fund or other grant-making body.")]
    Fund,

    [Description("A neighbourhood company (wijk-BV) owned by residents and partners.")]
    NeighbourhoodCompany,

    [Description("Any other kind of organisation.")]
    Other,
}

/// <summary>A partner organisation (HSDS organization).</summary>
public sealed class Organisation : Entity, INamed, ISearchable
{
    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string SearchText { get; set; } = string.Empty;

    public OrganisationKind Kind { get; set; }

    public string? Website { get; set; }

    /// <summary>The organisation's general address, not a person's.</summary>
    public string? Email { get; set; }

    /// <summary>The day an official last checked this profile with the organisation (verifyOrganisation).</summary>
    public DateOnly? LastVerifiedOn { get; set; }

    public Guid? ParentId { get; set; }

    public Organisation? Parent { get; set; }

    public List<OrganisationIdentifier> Identifiers { get; set; } = [];

    public List<Neighbourhood> Neighbourhoods { get; set; } = [];

    /// <summary>Activities this organisation takes part in as a partner (not as provider).</summary>
    public List<Activities.Activity> PartnerActivities { get; set; } = [];

    public string BuildSearchText() => $"{Name} {Description}";

    /// <summary>Programmes the organisation takes part in (configured by the programme).</summary>
    public List<Programmes.Programme> Programmes { get; set; } = [];
}

/// <summary>An identifier in a named scheme (HSDS organization_identifier, 360Giving org-id): NL-KVK, NL-OWMS …</summary>
public sealed class OrganisationIdentifier
{
    public Guid Id { get; set; } = Guid.CreateVersion7();

    public Guid OrganisationId { get; set; }

    public required string Scheme { get; set; }

    public required string Value { get; set; }
}

internal sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(300);
        builder.Property(o => o.NameKey).HasMaxLength(300);
        builder.Property(o => o.Description).HasMaxLength(8000);
        builder.Property(o => o.Website).HasMaxLength(500);
        builder.Property(o => o.Email).HasMaxLength(320);
        builder.HasIndex(o => new { o.NameKey, o.Id });
        builder.HasOne(o => o.Parent).WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(o => o.Identifiers).WithOne().HasForeignKey(i => i.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(o => o.Neighbourhoods).WithMany(n => n.Organisations).UsingEntity("OrganisationNeighbourhood");
    }
}

internal sealed class OrganisationIdentifierConfiguration : IEntityTypeConfiguration<OrganisationIdentifier>
{
    public void Configure(EntityTypeBuilder<OrganisationIdentifier> builder)
    {
        builder.Property(i => i.Scheme).HasMaxLength(40);
        builder.Property(i => i.Value).HasMaxLength(100);
        builder.HasIndex(i => new { i.Scheme, i.Value }).IsUnique();
    }
}
