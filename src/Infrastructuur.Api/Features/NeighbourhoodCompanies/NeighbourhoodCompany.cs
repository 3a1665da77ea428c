using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.NeighbourhoodCompanies;

/// <summary>
/// A neighbourhood company (wijk-BV): the company side of an organisation of kind NeighbourhoodCompany. Budgets are
/// pooled across silos, residents and organisations hold shares, profits are reinvested in the neighbourhood.
/// </summary>
public sealed class NeighbourhoodCompany : Entity
{
    /// <summary>The organisation this company is; one company per organisation.</summary>
    public Guid OrganisationId { get; set; }

    public Organisation? Organisation { get; set; }

    public DateOnly? FoundedOn { get; set; }

    public required string Purpose { get; set; }

    public List<ShareClass> ShareClasses { get; set; } = [];

    public List<Reinvestment> Reinvestments { get; set; } = [];
}

/// <summary>A class of shares with its nominal value (e.g. €1).</summary>
public sealed class ShareClass : Entity
{
    public Guid CompanyId { get; set; }

    public required string Name { get; set; }

    public long NominalValueCents { get; set; }
}

/// <summary>
/// A number of shares of one class held from a day until a day. The holder is a natural person or an organisation.
/// Natural-person holdings are personal data: they leave the server only as counts.
/// </summary>
public sealed class Shareholding : Entity
{
    public Guid ShareClassId { get; set; }

    public ShareClass? ShareClass { get; set; }

    /// <summary>
    /// The natural person holding the shares. Person is built on another branch: no foreign key or navigation yet;
    /// wired up when the branches meet.
    /// </summary>
    public Guid? HolderPersonId { get; set; }

    public Guid? HolderOrganisationId { get; set; }

    public Organisation? HolderOrganisation { get; set; }

    public long Shares { get; set; }

    public DateOnly From { get; set; }

    /// <summary>The last day the shares were held; null while they still are.</summary>
    public DateOnly? Until { get; set; }
}

/// <summary>What the company decided to do with one year's profit.</summary>
public sealed class Reinvestment : Entity
{
    public Guid CompanyId { get; set; }

    public int Year { get; set; }

    public long ProfitCents { get; set; }

    public long AmountReinvestedCents { get; set; }

    /// <summary>The meeting that decided, in words ("Algemene vergadering 2026-05-12").</summary>
    public required string DecidedAt { get; set; }

    public List<ReinvestmentAllocation> Allocations { get; set; } = [];
}

/// <summary>Part of a reinvestment going to an initiative, a theme or a neighbourhood (at least one of them).</summary>
public sealed class ReinvestmentAllocation : Entity
{
    public Guid ReinvestmentId { get; set; }

    public Guid? InitiativeId { get; set; }

    public Initiative? Initiative { get; set; }

    public Guid? ThemeId { get; set; }

    public Theme? Theme { get; set; }

    public Guid? NeighbourhoodId { get; set; }

    public Neighbourhood? Neighbourhood { get; set; }

    public long AmountCents { get; set; }
}

internal sealed class NeighbourhoodCompanyConfiguration : IEntityTypeConfiguration<NeighbourhoodCompany>
{
    public void Configure(EntityTypeBuilder<NeighbourhoodCompany> builder)
    {
        builder.Property(c => c.Purpose).HasMaxLength(4000);
        builder.HasIndex(c => c.OrganisationId).IsUnique();
        builder.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.ShareClasses).WithOne().HasForeignKey(s => s.CompanyId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.Reinvestments).WithOne().HasForeignKey(r => r.CompanyId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ShareClassConfiguration : IEntityTypeConfiguration<ShareClass>
{
    public void Configure(EntityTypeBuilder<ShareClass> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_ShareClasses_Nominal", "\"NominalValueCents\" > 0"));
        builder.Property(s => s.Name).HasMaxLength(200);
        builder.HasIndex(s => new { s.CompanyId, s.Name }).IsUnique();
    }
}

internal sealed class ShareholdingConfiguration : IEntityTypeConfiguration<Shareholding>
{
    public void Configure(EntityTypeBuilder<Shareholding> builder)
    {
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Shareholdings_OneHolder", "(\"HolderPersonId\" IS NULL) <> (\"HolderOrganisationId\" IS NULL)");
            t.HasCheckConstraint("CK_Shareholdings_Shares", "\"Shares\" > 0");
            t.HasCheckConstraint("CK_Shareholdings_Period", "\"Until\" IS NULL OR \"Until\" >= \"From\"");
        });
        builder.HasIndex(h => new { h.ShareClassId, h.From });
        builder.HasIndex(h => h.HolderPersonId);
        builder.HasOne<People.Person>().WithMany().HasForeignKey(h => h.HolderPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(h => h.HolderOrganisationId);
        builder.HasOne(h => h.ShareClass).WithMany().HasForeignKey(h => h.ShareClassId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(h => h.HolderOrganisation).WithMany().HasForeignKey(h => h.HolderOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class ReinvestmentConfiguration : IEntityTypeConfiguration<Reinvestment>
{
    public void Configure(EntityTypeBuilder<Reinvestment> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_Reinvestments_Amounts", "\"AmountReinvestedCents\" >= 0"));
        builder.Property(r => r.DecidedAt).HasMaxLength(300);
        builder.HasIndex(r => new { r.CompanyId, r.Year }).IsUnique();
        builder.HasMany(r => r.Allocations).WithOne().HasForeignKey(a => a.ReinvestmentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ReinvestmentAllocationConfiguration : IEntityTypeConfiguration<ReinvestmentAllocation>
{
    public void Configure(EntityTypeBuilder<ReinvestmentAllocation> builder)
    {
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_ReinvestmentAllocations_Target", "\"InitiativeId\" IS NOT NULL OR \"ThemeId\" IS NOT NULL OR \"NeighbourhoodId\" IS NOT NULL");
            t.HasCheckConstraint("CK_ReinvestmentAllocations_Amount", "\"AmountCents\" > 0");
        });
        builder.HasOne(a => a.Initiative).WithMany().HasForeignKey(a => a.InitiativeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Theme).WithMany().HasForeignKey(a => a.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.Neighbourhood).WithMany().HasForeignKey(a => a.NeighbourhoodId).OnDelete(DeleteBehavior.Restrict);
    }
}
