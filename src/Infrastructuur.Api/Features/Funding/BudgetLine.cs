using System.Text.RegularExpressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Funding;

/// <summary>
/// A funder's budget for one year on one policy "column" [Iv3]. Municipal budgets are booked per Iv3 task field
/// (6.1 community strength and civic participation, 6.2 neighbourhood teams, 7.1 public health, 4.x education);
/// other funders have their own lines and no task field.
/// </summary>
public sealed partial class BudgetLine : Entity, INamed
{
    public Guid FunderId { get; set; }

    public Organisation? Funder { get; set; }

    public int Year { get; set; }

    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    /// <summary>The Iv3 task field ("6.1"); null for funders that do not book by Iv3. Refused unless it has the Iv3 shape.</summary>
    public string? Iv3TaskField
    {
        get;
        set => field = value is null || IsIv3TaskField(value) ? value : throw new ArgumentException($"'{value}' is not an Iv3 task field such as 6.1 or 4.3.", nameof(value));
    }

    /// <summary>The column in the funder's words, e.g. "Samenkracht en burgerparticipatie".</summary>
    public required string Column { get; set; }

    public long AmountBudgetedCents { get; set; }

    /// <summary>
    /// A main task (one digit), a dot and one or two digits: ^\d\.\d{1,2}$ in ASCII digits only (.NET's \d would also
    /// take Arabic-Indic digits, and its $ a trailing newline).
    /// </summary>
    public static bool IsIv3TaskField(string value) => Iv3Pattern().IsMatch(value);

    [GeneratedRegex(@"\A[0-9]\.[0-9]{1,2}\z", RegexOptions.CultureInvariant)]
    private static partial Regex Iv3Pattern();
}

internal sealed class BudgetLineConfiguration : IEntityTypeConfiguration<BudgetLine>
{
    // The same rule as BudgetLine.IsIv3TaskField, in SQL both engines speak, so no write path can get around it.
    private const string Iv3Check = """
        "Iv3TaskField" IS NULL OR (length("Iv3TaskField") IN (3, 4)
            AND substr("Iv3TaskField", 1, 1) BETWEEN '0' AND '9'
            AND substr("Iv3TaskField", 2, 1) = '.'
            AND substr("Iv3TaskField", 3, 1) BETWEEN '0' AND '9'
            AND (length("Iv3TaskField") = 3 OR substr("Iv3TaskField", 4, 1) BETWEEN '0' AND '9'))
        """;

    public void Configure(EntityTypeBuilder<BudgetLine> builder)
    {
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_BudgetLines_Iv3TaskField", Iv3Check);
            t.HasCheckConstraint("CK_BudgetLines_Amount", "\"AmountBudgetedCents\" >= 0");
        });
        builder.Property(b => b.Name).HasMaxLength(300);
        builder.Property(b => b.NameKey).HasMaxLength(300);
        builder.Property(b => b.Iv3TaskField).HasMaxLength(4);
        builder.Property(b => b.Column).HasMaxLength(300);
        builder.HasIndex(b => new { b.NameKey, b.Id });
        builder.HasIndex(b => new { b.FunderId, b.Year, b.Name }).IsUnique();
        builder.HasIndex(b => new { b.Year, b.Iv3TaskField });
        builder.HasOne(b => b.Funder).WithMany().HasForeignKey(b => b.FunderId).OnDelete(DeleteBehavior.Restrict);
    }
}
