using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// The activities of one scope (a municipality, or one of its working areas) in one cell of Query.counts (ADR 0025). A
/// cell names a theme, a target group, a region and a working area, each rolled up and each 0 for "any" (<see cref="Shape"/>
/// says which are named), plus the provider's kind and the months of the first and last day, which every row names: a
/// period of whole months is a range of those two, so no row is kept per year. Kept by <see cref="OfferingFacts"/> with the offering facts, from the same noted activities and states.
/// </summary>
public sealed class CountFact
{
    /// <summary>The municipality's fact key, or a working area's (then regions are the area's and the area is itself).</summary>
    public int Scope { get; set; }

    /// <summary>Which of Theme (1), Group (2), Region (4) and Area (8) the row names; the others are 0.</summary>
    public int Shape { get; set; }

    public int Theme { get; set; }

    public int Group { get; set; }

    public int Region { get; set; }

    public int Area { get; set; }

    /// <summary>The provider's kind: an OrganisationKind value, or <see cref="CountFacts.InitiativeKind"/>.</summary>
    public int Kind { get; set; }

    /// <summary>The first day's month as yyyyMM; 0 without a first day.</summary>
    public int StartMonth { get; set; }

    /// <summary>The last day's month as yyyyMM (<see cref="CountFacts.EndMonthOf"/>); <see cref="CountFacts.OpenEnd"/> without an end.</summary>
    public int EndMonth { get; set; }

    public int Activities { get; set; }

    /// <summary>Activities that state a capacity, and the sum of those capacities.</summary>
    public int WithCapacity { get; set; }

    public long Capacity { get; set; }

    /// <summary>The smallest and largest capacity stated in the cell, from its <see cref="CountCapacity"/> rows; null when none.</summary>
    public int? MinCapacity { get; set; }

    public int? MaxCapacity { get; set; }
}

/// <summary>
/// The value support of a cell's minimum and maximum: how many of its activities state one capacity. A row whose count
/// reaches 0 is deleted, so the cell's MIN and MAX, read again from the rows left, are exact after any delete.
/// </summary>
public sealed class CountCapacity
{
    public int Scope { get; set; }

    public int Shape { get; set; }

    public int Theme { get; set; }

    public int Group { get; set; }

    public int Region { get; set; }

    public int Area { get; set; }

    public int Kind { get; set; }

    public int StartMonth { get; set; }

    public int EndMonth { get; set; }

    public int Capacity { get; set; }

    public int Activities { get; set; }
}

internal sealed class CountFactConfiguration : IEntityTypeConfiguration<CountFact>
{
    public void Configure(EntityTypeBuilder<CountFact> builder)
    {
        builder.ToTable("CountFacts");
        builder.HasKey(f => new { f.Scope, f.Shape, f.Theme, f.Group, f.Region, f.Area, f.Kind, f.StartMonth, f.EndMonth });
    }
}

internal sealed class CountCapacityConfiguration : IEntityTypeConfiguration<CountCapacity>
{
    public void Configure(EntityTypeBuilder<CountCapacity> builder)
    {
        builder.ToTable("CountCapacities");
        builder.HasKey(f => new { f.Scope, f.Shape, f.Theme, f.Group, f.Region, f.Area, f.Kind, f.StartMonth, f.EndMonth, f.Capacity });
    }
}

/// <summary>
/// DDL of the count facts that EF Core cannot declare: on SQLite both tables are WITHOUT ROWID (a query reads one range of
/// the key, scope × shape, as in <see cref="FactTableLayout"/>), and a trigger on both engines notes the activities of
/// an organisation whose kind changes (PROVIDER_KIND). It must not change once released; a change is a new method.
/// </summary>
public static class CountFactDdl
{
    private const string Cell =
        "\"Scope\" INTEGER NOT NULL, \"Shape\" INTEGER NOT NULL, \"Theme\" INTEGER NOT NULL, \"Group\" INTEGER NOT NULL, \"Region\" INTEGER NOT NULL, "
        + "\"Area\" INTEGER NOT NULL, \"Kind\" INTEGER NOT NULL, \"StartMonth\" INTEGER NOT NULL, \"EndMonth\" INTEGER NOT NULL";

    private const string CellKey = "\"Scope\", \"Shape\", \"Theme\", \"Group\", \"Region\", \"Area\", \"Kind\", \"StartMonth\", \"EndMonth\"";

    public static void WithoutRowidSqlite(MigrationBuilder migrationBuilder)
    {
        FactTableLayout.Rebuild(
            migrationBuilder, "CountFacts", Cell + ", \"Activities\" INTEGER NOT NULL, \"WithCapacity\" INTEGER NOT NULL, \"Capacity\" INTEGER NOT NULL, \"MinCapacity\" INTEGER NULL, \"MaxCapacity\" INTEGER NULL",
            CellKey, " WITHOUT ROWID");
        FactTableLayout.Rebuild(migrationBuilder, "CountCapacities", Cell + ", \"Capacity\" INTEGER NOT NULL, \"Activities\" INTEGER NOT NULL", CellKey + ", \"Capacity\"", " WITHOUT ROWID");
    }

    public static void CreateKindTriggerSqlite(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE TRIGGER "TR_Organisations_FactsKind" AFTER UPDATE OF "Kind" ON "Organisations" WHEN old."Kind" IS NOT new."Kind" BEGIN
            INSERT INTO "OfferingDirtyActivities" ("ActivityId") SELECT a."Id" FROM "Activities" AS a WHERE a."ProviderOrganisationId" = new."Id";
        END;
        """);

    public static void DropKindTriggerSqlite(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""DROP TRIGGER IF EXISTS "TR_Organisations_FactsKind";""");

    public static void CreateKindTriggerPostgres(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        CREATE FUNCTION "OfferingFacts_on_Organisations"() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            INSERT INTO "OfferingDirtyActivities" ("ActivityId") SELECT a."Id" FROM "Activities" AS a WHERE a."ProviderOrganisationId" = NEW."Id";
            RETURN NULL;
        END $fn$;
        CREATE TRIGGER "TR_Organisations_FactsKind" AFTER UPDATE OF "Kind" ON "Organisations"
            FOR EACH ROW WHEN (OLD."Kind" IS DISTINCT FROM NEW."Kind") EXECUTE FUNCTION "OfferingFacts_on_Organisations"();
        """);

    public static void DropKindTriggerPostgres(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER IF EXISTS "TR_Organisations_FactsKind" ON "Organisations";
        DROP FUNCTION IF EXISTS "OfferingFacts_on_Organisations"();
        """);
}
