using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>What a <see cref="FundingFact"/> row sums over: the funding figures never cross two keys, so each is its own list.</summary>
public enum FundingDimension
{
    /// <summary>The whole municipality (key 0).</summary>
    Total = 0,

    /// <summary>Grants allocated to two or more budget lines (key 0); only Awarded.</summary>
    MultiLine = 1,

    /// <summary>The allocations of the awarded grants (key 0); Awarded holds their sum.</summary>
    Allocated = 2,

    Funder = 3,

    /// <summary>Per Iv3 task field (key: the field's <see cref="FundingFacts.Iv3Key"/>; 0 for none).</summary>
    Column = 4,

    /// <summary>Per recipient kind (key: <see cref="RecipientKind"/> as a number).</summary>
    Kind = 5,

    /// <summary>Per theme, rolled up.</summary>
    Theme = 6,

    /// <summary>Per benefiting region of the municipality.</summary>
    Region = 7,

    /// <summary>A programme's sources (key programme, key 2 funder, key 3 budget line or 0): allocations by award year, payments by year paid; every year, under the programme's municipality.</summary>
    ProgrammeSource = 8,

    /// <summary>The part of a programme's awards allocated to no line (key programme, key 2 funder), by award year.</summary>
    ProgrammeUnallocated = 9,
}

/// <summary>
/// Money of one municipality in one calendar year for one key of one dimension: awarded (by award date), paid (by payment
/// date), grants awarded, and the number of records summed (so a row whose amounts are zero still exists exactly when a
/// record falls in it, as a GROUP BY over the records would have it). Kept by <see cref="FundingFacts"/> in the
/// transaction of the write.
/// </summary>
public sealed class FundingFact
{
    public int Municipality { get; set; }

    public int Dimension { get; set; }

    public int Year { get; set; }

    public int Key { get; set; }

    public int Key2 { get; set; }

    public int Key3 { get; set; }

    public long Awarded { get; set; }

    public long Disbursed { get; set; }

    public int Grants { get; set; }

    public int Entries { get; set; }
}

/// <summary>What one grant contributed to the funding facts when they were last kept (JSON), so a change subtracts exactly that.</summary>
public sealed class FundingGrantState
{
    public Guid GrantId { get; set; }

    public string State { get; set; } = string.Empty;
}

/// <summary>A grant whose contribution may have changed: written by database triggers, emptied by <see cref="FundingFacts"/>.</summary>
public sealed class FundingDirtyGrant
{
    public long Seq { get; set; }

    public Guid GrantId { get; set; }
}

internal sealed class FundingFactConfiguration : IEntityTypeConfiguration<FundingFact>
{
    public void Configure(EntityTypeBuilder<FundingFact> builder)
    {
        builder.ToTable("FundingFacts");

        // Dimension before year: a programme's sources are read over all its years in one range.
        builder.HasKey(f => new { f.Municipality, f.Dimension, f.Year, f.Key, f.Key2, f.Key3 });
    }
}

internal sealed class FundingGrantStateConfiguration : IEntityTypeConfiguration<FundingGrantState>
{
    public void Configure(EntityTypeBuilder<FundingGrantState> builder)
    {
        builder.ToTable("FundingGrantStates");
        builder.HasKey(s => s.GrantId);
        builder.Property(s => s.GrantId).ValueGeneratedNever();
    }
}

internal sealed class FundingDirtyGrantConfiguration : IEntityTypeConfiguration<FundingDirtyGrant>
{
    public void Configure(EntityTypeBuilder<FundingDirtyGrant> builder)
    {
        builder.ToTable("FundingDirtyGrants");
        builder.HasKey(d => d.Seq);
        builder.HasIndex(d => d.GrantId);
    }
}
