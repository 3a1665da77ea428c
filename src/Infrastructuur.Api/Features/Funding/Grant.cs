using System.ComponentModel;
using System.Linq.Expressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Funding;

public enum GrantStatus
{
    [Description("Applied for; no decision yet.")]
    Applied = 1,

    [Description("Awarded; nothing paid yet.")]
    Awarded,

    [Description("Refused; nothing is awarded.")]
    Rejected,

    [Description("Awarded and (partly) paid out.")]
    Disbursed,

    [Description("Paid out and accounted for; closed.")]
    Settled,
}

/// <summary>
/// A grant [360G]: money a funder awards to an initiative, an organisation or a programme, paid from one or more budget
/// lines (allocations) and paid out in disbursements. Amounts are whole cents; the disbursed amount is never stored but
/// always the sum of the disbursements, so the two cannot disagree.
/// </summary>
public sealed class Grant : Entity
{
    /// <summary>Statuses under which money has been awarded: only these count in awarded totals.</summary>
    public static readonly GrantStatus[] AwardedStatuses = [GrantStatus.Awarded, GrantStatus.Disbursed, GrantStatus.Settled];

    /// <summary>The same rule as a query predicate.</summary>
    public static readonly Expression<Func<Grant, bool>> IsAwarded =
        g => g.Status == GrantStatus.Awarded || g.Status == GrantStatus.Disbursed || g.Status == GrantStatus.Settled;

    /// <summary>360Giving identifier, unique across all grants, e.g. "360G-INFRA-demo-0001".</summary>
    public required string Identifier { get; set; }

    public required string Title { get; set; }

    public string? Description { get; set; }

    public Guid FunderId { get; set; }

    public Organisation? Funder { get; set; }

    // Exactly one recipient is set (a check constraint holds it).
    public Guid? RecipientInitiativeId { get; set; }

    public Initiative? RecipientInitiative { get; set; }

    public Guid? RecipientOrganisationId { get; set; }

    public Organisation? RecipientOrganisation { get; set; }

    public Guid? RecipientProgrammeId { get; set; }

    public Programme? RecipientProgramme { get; set; }

    public long? AmountAppliedForCents { get; set; }

    public long? AmountAwardedCents { get; set; }

    public DateOnly? AppliedOn { get; set; }

    public DateOnly? AwardDate { get; set; }

    /// <summary>
    /// The award date, or the application date while there is none: the non-null key grants are listed by. Computed by
    /// the database from the two, so no write path can forget it.
    /// </summary>
    public DateOnly ListedOn { get; private set; }

    public DateOnly? PlannedStartsOn { get; set; }

    public DateOnly? PlannedEndsOn { get; set; }

    public GrantStatus Status { get; set; } = GrantStatus.Applied;

    /// <summary>The person who recorded the application (set by the server); they may not decide on it. Personal data: not exposed.</summary>
    public Guid? AppliedByPersonId { get; set; }

    public List<Theme> Themes { get; set; } = [];

    public List<Neighbourhood> BeneficiaryNeighbourhoods { get; set; } = [];

    public List<GrantAllocation> Allocations { get; set; } = [];

    public List<Disbursement> Disbursements { get; set; } = [];
}

/// <summary>The part of a grant's award paid from one budget line; a grant drawing on several columns has several.</summary>
public sealed class GrantAllocation : Entity
{
    public Guid GrantId { get; set; }

    /// <summary>The grant; an allocation is visible exactly when its grant is (see VisibilityRules).</summary>
    public Grant? Grant { get; set; }

    public Guid BudgetLineId { get; set; }

    public BudgetLine? BudgetLine { get; set; }

    public long AmountCents { get; set; }
}

/// <summary>A payment of (part of) a grant, booked on one of the budget lines the grant draws on, or on none.</summary>
public sealed class Disbursement : Entity
{
    public Guid GrantId { get; set; }

    /// <summary>The grant; a disbursement is visible exactly when its grant is (see VisibilityRules).</summary>
    public Grant? Grant { get; set; }

    public DateOnly PaidOn { get; set; }

    public long AmountCents { get; set; }

    /// <summary>The budget line the payment was booked on; it must be one of the grant's allocations.</summary>
    public Guid? BudgetLineId { get; set; }
}

internal sealed class GrantConfiguration : IEntityTypeConfiguration<Grant>
{
    private const string OneRecipient = """
        (CASE WHEN "RecipientInitiativeId" IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN "RecipientOrganisationId" IS NULL THEN 0 ELSE 1 END)
        + (CASE WHEN "RecipientProgrammeId" IS NULL THEN 0 ELSE 1 END) = 1
        """;

    // Enums are stored by name (InfrastructuurDb), so the awarded statuses can be named here.
    private const string AwardComplete = """
        "Status" NOT IN ('Awarded', 'Disbursed', 'Settled') OR ("AmountAwardedCents" IS NOT NULL AND "AwardDate" IS NOT NULL)
        """;

    public void Configure(EntityTypeBuilder<Grant> builder)
    {
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Grants_OneRecipient", OneRecipient);
            t.HasCheckConstraint("CK_Grants_Dated", "\"AwardDate\" IS NOT NULL OR \"AppliedOn\" IS NOT NULL");
            t.HasCheckConstraint("CK_Grants_AwardComplete", AwardComplete);
            t.HasCheckConstraint("CK_Grants_Amounts", "(\"AmountAppliedForCents\" IS NULL OR \"AmountAppliedForCents\" >= 0) AND (\"AmountAwardedCents\" IS NULL OR \"AmountAwardedCents\" >= 0)");
        });
        builder.Property(g => g.Identifier).HasMaxLength(100);
        builder.Property(g => g.Title).HasMaxLength(500);
        builder.Property(g => g.Description).HasMaxLength(8000);
        builder.Property(g => g.ListedOn).HasComputedColumnSql("COALESCE(\"AwardDate\", \"AppliedOn\")", stored: true);
        builder.HasIndex(g => g.Identifier).IsUnique();
        builder.HasIndex(g => new { g.ListedOn, g.Id });
        builder.HasIndex(g => new { g.FunderId, g.ListedOn });
        builder.HasIndex(g => new { g.RecipientInitiativeId, g.ListedOn });
        builder.HasIndex(g => new { g.RecipientOrganisationId, g.ListedOn });
        builder.HasIndex(g => new { g.RecipientProgrammeId, g.ListedOn });
        builder.HasOne<People.Person>().WithMany().HasForeignKey(g => g.AppliedByPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.Funder).WithMany().HasForeignKey(g => g.FunderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.RecipientInitiative).WithMany().HasForeignKey(g => g.RecipientInitiativeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.RecipientOrganisation).WithMany().HasForeignKey(g => g.RecipientOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(g => g.RecipientProgramme).WithMany().HasForeignKey(g => g.RecipientProgrammeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(g => g.Themes).WithMany().UsingEntity("GrantTheme");
        builder.HasMany(g => g.BeneficiaryNeighbourhoods).WithMany().UsingEntity("GrantNeighbourhood");
        builder.HasMany(g => g.Allocations).WithOne(a => a.Grant).HasForeignKey(a => a.GrantId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(g => g.Disbursements).WithOne(d => d.Grant).HasForeignKey(d => d.GrantId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class GrantAllocationConfiguration : IEntityTypeConfiguration<GrantAllocation>
{
    public void Configure(EntityTypeBuilder<GrantAllocation> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_GrantAllocations_Amount", "\"AmountCents\" > 0"));

        // A grant draws on a line once; the pair is also what a disbursement refers to.
        builder.HasAlternateKey(a => new { a.GrantId, a.BudgetLineId });
        builder.HasIndex(a => new { a.BudgetLineId, a.AmountCents });
        builder.HasOne(a => a.BudgetLine).WithMany().HasForeignKey(a => a.BudgetLineId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class DisbursementConfiguration : IEntityTypeConfiguration<Disbursement>
{
    public void Configure(EntityTypeBuilder<Disbursement> builder)
    {
        builder.ToTable(t => t.HasCheckConstraint("CK_Disbursements_Amount", "\"AmountCents\" > 0"));
        builder.HasIndex(d => new { d.GrantId, d.PaidOn });

        // Booked on a line the grant draws on: (grant, line) must be one of the grant's allocations.
        builder.HasOne<GrantAllocation>().WithMany()
            .HasForeignKey(d => new { d.GrantId, d.BudgetLineId })
            .HasPrincipalKey(a => new { a.GrantId, a.BudgetLineId })
            .IsRequired(false)
            .OnDelete(DeleteBehavior.NoAction); // checked at the end of the statement, so deleting a whole grant cascades cleanly
    }
}
