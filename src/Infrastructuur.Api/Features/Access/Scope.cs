using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Access;

/// <summary>A person works for an organisation: the scope of the partner-staff role.</summary>
public sealed class Employment : Entity
{
    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }
}

/// <summary>A person serves a municipality as an official: the scope of the municipal-official role.</summary>
public sealed class OfficialAssignment : Entity
{
    public Guid PersonId { get; set; }

    public Person? Person { get; set; }

    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }
}

internal sealed class EmploymentConfiguration : IEntityTypeConfiguration<Employment>
{
    public void Configure(EntityTypeBuilder<Employment> builder)
    {
        builder.HasIndex(e => new { e.PersonId, e.OrganisationId }).IsUnique();
        builder.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Organisation).WithMany().HasForeignKey(e => e.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OfficialAssignmentConfiguration : IEntityTypeConfiguration<OfficialAssignment>
{
    public void Configure(EntityTypeBuilder<OfficialAssignment> builder)
    {
        builder.HasIndex(e => new { e.PersonId, e.MunicipalityId }).IsUnique();
        builder.HasOne(e => e.Person).WithMany().HasForeignKey(e => e.PersonId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(e => e.Municipality).WithMany().HasForeignKey(e => e.MunicipalityId).OnDelete(DeleteBehavior.Cascade);
    }
}
