using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// A small integer standing for a municipality, term, region or provider in the fact tables (ADR 0019): a support row
/// holds six keys, and six 36-character text GUIDs per row made SQLite's tables five times larger.
/// </summary>
public sealed class FactKey
{
    public int Id { get; set; }

    public Guid Key { get; set; }
}

/// <summary>
/// The offering of one municipality in one calendar year for one cell: a theme, a target group and a region, each
/// rolled up, where 0 means "any" (theme 0, group 0, region 0 is the whole municipality; theme T, group 0, region 0 the
/// theme across groups). Kept by <see cref="OfferingFacts"/> in the transaction of the write.
/// </summary>
public sealed class OfferingFact
{
    public int Municipality { get; set; }

    public int Year { get; set; }

    public int Theme { get; set; }

    public int Group { get; set; }

    public int Region { get; set; }

    /// <summary>Activities that ran in the year; 0 for a cell that only holds reach (a record naming a group its activity is not tagged with).</summary>
    public int Activities { get; set; }

    public long Capacity { get; set; }

    public int WithCapacity { get; set; }

    public int Verified { get; set; }

    public long Reach { get; set; }

    /// <summary>Distinct organisations among the providers: the support rows of the cell that are organisations.</summary>
    public int Organisations { get; set; }

    public int Initiatives { get; set; }
}

/// <summary>
/// How many of one provider's activities fall in one cell (<see cref="OfferingFact"/>): the cell's distinct provider
/// count moves exactly when this number moves between 0 and 1, which is what makes distinct counts maintainable.
/// </summary>
public sealed class OfferingSupport
{
    public int Municipality { get; set; }

    public int Year { get; set; }

    public int Theme { get; set; }

    public int Group { get; set; }

    public int Region { get; set; }

    public int Provider { get; set; }

    public bool Initiative { get; set; }

    public int Activities { get; set; }
}

/// <summary>What one activity contributed to the facts when they were last kept (JSON), so a change subtracts exactly that.</summary>
public sealed class OfferingActivityState
{
    public Guid ActivityId { get; set; }

    public string State { get; set; } = string.Empty;
}

/// <summary>An activity whose contribution may have changed: written by database triggers, emptied by <see cref="OfferingFacts"/>.</summary>
public sealed class OfferingDirtyActivity
{
    public long Seq { get; set; }

    public Guid ActivityId { get; set; }
}

/// <summary>The calendar years the facts cover (one row, Id 1); Stale asks for a rebuild (a term moved, a bulk load).</summary>
public sealed class OfferingFactWindow
{
    public int Id { get; set; }

    public int FirstYear { get; set; }

    public int LastYear { get; set; }

    public bool Stale { get; set; }
}

internal sealed class FactKeyConfiguration : IEntityTypeConfiguration<FactKey>
{
    public void Configure(EntityTypeBuilder<FactKey> builder)
    {
        builder.ToTable("FactKeys");
        builder.HasKey(k => k.Id);
        builder.Property(k => k.Id).ValueGeneratedNever();
        builder.HasIndex(k => k.Key).IsUnique();
    }
}

internal sealed class OfferingFactConfiguration : IEntityTypeConfiguration<OfferingFact>
{
    public void Configure(EntityTypeBuilder<OfferingFact> builder)
    {
        builder.ToTable("OfferingFacts");
        builder.HasKey(f => new { f.Municipality, f.Year, f.Theme, f.Group, f.Region });
    }
}

internal sealed class OfferingSupportConfiguration : IEntityTypeConfiguration<OfferingSupport>
{
    public void Configure(EntityTypeBuilder<OfferingSupport> builder)
    {
        builder.ToTable("OfferingSupport");
        builder.HasKey(s => new { s.Municipality, s.Year, s.Theme, s.Group, s.Region, s.Provider });
    }
}

internal sealed class OfferingActivityStateConfiguration : IEntityTypeConfiguration<OfferingActivityState>
{
    public void Configure(EntityTypeBuilder<OfferingActivityState> builder)
    {
        builder.ToTable("OfferingActivityStates");
        builder.HasKey(s => s.ActivityId);
        builder.Property(s => s.ActivityId).ValueGeneratedNever();
    }
}

internal sealed class OfferingDirtyActivityConfiguration : IEntityTypeConfiguration<OfferingDirtyActivity>
{
    public void Configure(EntityTypeBuilder<OfferingDirtyActivity> builder)
    {
        builder.ToTable("OfferingDirtyActivities");
        builder.HasKey(d => d.Seq);
        builder.HasIndex(d => d.ActivityId);
    }
}

internal sealed class OfferingFactWindowConfiguration : IEntityTypeConfiguration<OfferingFactWindow>
{
    public void Configure(EntityTypeBuilder<OfferingFactWindow> builder)
    {
        builder.ToTable("OfferingFactWindow");
        builder.HasKey(w => w.Id);
        builder.Property(w => w.Id).ValueGeneratedNever();
    }
}

/// <summary>
/// On SQLite the two fact tables are WITHOUT ROWID: their rows live in the primary key's b-tree, so reading a cell's
/// support rows is one range scan instead of an index range plus a table lookup per row (measured: 5 ms instead of
/// 16–27 ms for the 6,000 support rows of twenty overlap cells). EF Core cannot declare this; a migration that makes EF
/// rebuild one of these tables must call <see cref="WithoutRowidSqlite"/> again.
/// </summary>
public static class FactTableLayout
{
    private static readonly (string Table, string Columns, string Key)[] Tables =
    [
        ("OfferingSupport",
            "\"Municipality\" INTEGER NOT NULL, \"Year\" INTEGER NOT NULL, \"Theme\" INTEGER NOT NULL, \"Group\" INTEGER NOT NULL, \"Region\" INTEGER NOT NULL, \"Provider\" INTEGER NOT NULL, \"Initiative\" INTEGER NOT NULL, \"Activities\" INTEGER NOT NULL",
            "\"Municipality\", \"Year\", \"Theme\", \"Group\", \"Region\", \"Provider\""),
        ("OfferingFacts",
            "\"Municipality\" INTEGER NOT NULL, \"Year\" INTEGER NOT NULL, \"Theme\" INTEGER NOT NULL, \"Group\" INTEGER NOT NULL, \"Region\" INTEGER NOT NULL, \"Activities\" INTEGER NOT NULL, \"Capacity\" INTEGER NOT NULL, \"WithCapacity\" INTEGER NOT NULL, \"Verified\" INTEGER NOT NULL, \"Reach\" INTEGER NOT NULL, \"Organisations\" INTEGER NOT NULL, \"Initiatives\" INTEGER NOT NULL",
            "\"Municipality\", \"Year\", \"Theme\", \"Group\", \"Region\""),
    ];

    public static void WithoutRowidSqlite(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, " WITHOUT ROWID");

    public static void WithRowidSqlite(MigrationBuilder migrationBuilder) => Rebuild(migrationBuilder, string.Empty);

    private static void Rebuild(MigrationBuilder migrationBuilder, string layout)
    {
        foreach (var (table, columns, key) in Tables)
        {
            Rebuild(migrationBuilder, table, columns, key, layout);
        }
    }

    /// <summary>Rebuilds one SQLite table with its rows, in the layout given (" WITHOUT ROWID" or empty).</summary>
    internal static void Rebuild(MigrationBuilder migrationBuilder, string table, string columns, string key, string layout)
    {
        var names = string.Join(", ", columns.Split(", ").Select(c => c.Split(' ')[0]));
        migrationBuilder.Sql($"""
            CREATE TABLE "{table}_new" ({columns}, CONSTRAINT "PK_{table}" PRIMARY KEY ({key})){layout};
            INSERT INTO "{table}_new" ({names}) SELECT {names} FROM "{table}";
            DROP TABLE "{table}";
            ALTER TABLE "{table}_new" RENAME TO "{table}";
            """);
    }
}
