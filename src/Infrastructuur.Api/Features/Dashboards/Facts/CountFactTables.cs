using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// How many activities of one scope (a municipality, or one of its working areas), running in one calendar year, fall in
/// one cell of Query.counts and state one capacity (ADR 0025). A cell names a theme, a target group, a region and a working
/// area, each rolled up and each 0 for "any" (<see cref="Shape"/> says which are named), plus the provider's kind and the
/// month of the first day, which every row names. Capacity is part of the key, so the row is also the value support of
/// min and max: a row whose count reaches 0 is deleted, and MIN/MAX over the rows left are exact after deletes.
/// Kept by <see cref="OfferingFacts"/> with the offering facts, from the same noted activities and states.
/// </summary>
public sealed class CountFact
{
    /// <summary>The municipality's fact key, or a working area's (then regions are the area's and the area is itself).</summary>
    public int Scope { get; set; }

    public int Year { get; set; }

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

    /// <summary>The capacity the activities state; <see cref="CountFacts.NoCapacity"/> for those that state none.</summary>
    public int Capacity { get; set; }

    public int Activities { get; set; }
}

internal sealed class CountFactConfiguration : IEntityTypeConfiguration<CountFact>
{
    public void Configure(EntityTypeBuilder<CountFact> builder)
    {
        builder.ToTable("CountFacts");
        builder.HasKey(f => new { f.Scope, f.Year, f.Shape, f.Theme, f.Group, f.Region, f.Area, f.Kind, f.StartMonth, f.Capacity });
    }
}

/// <summary>
/// DDL of the count facts that EF Core cannot declare: on SQLite the table is WITHOUT ROWID (a query reads one range of the
/// key, scope × year × shape, as in <see cref="FactTableLayout"/>), and a trigger on both engines notes the activities of
/// an organisation whose kind changes (PROVIDER_KIND). It must not change once released; a change is a new method.
/// </summary>
public static class CountFactDdl
{
    private const string Columns =
        "\"Scope\" INTEGER NOT NULL, \"Year\" INTEGER NOT NULL, \"Shape\" INTEGER NOT NULL, \"Theme\" INTEGER NOT NULL, \"Group\" INTEGER NOT NULL, \"Region\" INTEGER NOT NULL, "
        + "\"Area\" INTEGER NOT NULL, \"Kind\" INTEGER NOT NULL, \"StartMonth\" INTEGER NOT NULL, \"Capacity\" INTEGER NOT NULL, \"Activities\" INTEGER NOT NULL";

    private const string Key = "\"Scope\", \"Year\", \"Shape\", \"Theme\", \"Group\", \"Region\", \"Area\", \"Kind\", \"StartMonth\", \"Capacity\"";

    public static void WithoutRowidSqlite(MigrationBuilder migrationBuilder) => FactTableLayout.Rebuild(migrationBuilder, "CountFacts", Columns, Key, " WITHOUT ROWID");

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
