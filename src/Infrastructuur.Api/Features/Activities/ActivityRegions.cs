using System.Linq.Expressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Activities;

/// <summary>
/// An activity listed once under every region it serves and under each such region's parent (the regions a
/// <c>neighbourhood</c> filter matches), with copies of its sort keys, kept by database triggers (ADR 0030).
/// </summary>
public sealed class ActivityRegion
{
    public Guid RegionId { get; set; }

    public Guid ActivityId { get; set; }

    public Activity? Activity { get; set; }

    /// <summary>A copy of <see cref="Activities.Activity.StartsOnKey"/>.</summary>
    public DateOnly StartsOnKey { get; set; }

    /// <summary>A copy of <see cref="Activities.Activity.NameKey"/>.</summary>
    public string NameKey { get; set; } = string.Empty;
}

internal sealed class ActivityRegionConfiguration : IEntityTypeConfiguration<ActivityRegion>
{
    public void Configure(EntityTypeBuilder<ActivityRegion> builder)
    {
        builder.ToTable("ActivityRegions");
        builder.HasKey(r => new { r.RegionId, r.ActivityId });
        builder.Property(r => r.NameKey).HasMaxLength(300);

        // A region's activities in the two orderings a front end lists them by: a page is one index range.
        builder.HasIndex(r => new { r.RegionId, r.StartsOnKey, r.ActivityId });
        builder.HasIndex(r => new { r.RegionId, r.NameKey, r.ActivityId });
        builder.HasIndex(r => r.ActivityId);
        builder.HasOne(r => r.Activity).WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Neighbourhood>().WithMany().HasForeignKey(r => r.RegionId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// The activities of one region in a keyset order, walked on <see cref="ActivityRegion"/>'s indexes: the page is an index
/// range of the region however many activities the municipality has, where the activities' own start-date or name index
/// would be walked until enough of them happen to serve the region.
/// </summary>
public static class ActivityRegions
{
    /// <summary>
    /// The region's activities sought past <paramref name="cursor"/> and ordered as <paramref name="order"/> says, on the
    /// region index; null when the ordering has no copy there (the caller then orders the activities themselves).
    /// </summary>
    public static IQueryable<Activity>? Walk(InfrastructuurDb db, Guid region, IKeysetOrder<Activity> order, string? cursor, bool backward)
    {
        var rows = db.Set<ActivityRegion>().Where(r => r.RegionId == region);
        return ActivityOrder.StartsOn(order) is { } byStart ? byStart.Walk(rows, r => r.StartsOnKey, r => r.ActivityId, r => r.Activity!, cursor, backward)
            : ActivityOrder.Name(order) is { } byName ? byName.Walk(rows, r => r.NameKey, r => r.ActivityId, r => r.Activity!, cursor, backward)
            : null;
    }

    /// <summary>Whether the activity serves the region or one of its children: one primary-key probe.</summary>
    public static Expression<Func<Activity, bool>> Serving(InfrastructuurDb db, Guid region) =>
        a => db.Set<ActivityRegion>().Any(r => r.RegionId == region && r.ActivityId == a.Id);

    // Every (region, activity) pair: each link's region and that region's parent, with the activity's sort keys.
    private const string Pairs = """
        SELECT DISTINCT x."RegionId", a."Id", a."StartsOnKey", a."NameKey"
        FROM "ActivityNeighbourhood" AS l
        JOIN "Activities" AS a ON a."Id" = l."ActivitiesId"
        JOIN "Neighbourhoods" AS n ON n."Id" = l."NeighbourhoodsId"
        JOIN (SELECT "Id", "Id" AS "RegionId" FROM "Neighbourhoods" UNION ALL SELECT "Id", "ParentId" FROM "Neighbourhoods" WHERE "ParentId" IS NOT NULL) AS x ON x."Id" = n."Id"
        """;

    private const string Columns = """("RegionId", "ActivityId", "StartsOnKey", "NameKey")""";

    private static string Rebuild => $"""
        DELETE FROM "ActivityRegions";
        INSERT INTO "ActivityRegions" {Columns} {Pairs};
        """;

    // One activity's pairs; the condition names the activity (new."ActivitiesId", OLD."ActivitiesId", …).
    private static string PairsOf(string activity) => $"""{Pairs} WHERE l."ActivitiesId" = {activity}""";

    /// <summary>
    /// Fills the table and creates its SQLite triggers. A migration that makes EF Core rebuild ActivityNeighbourhood,
    /// Activities or Neighbourhoods on SQLite drops their triggers and must call <see cref="CreateSqliteTriggers"/> again.
    /// </summary>
    public static void CreateSqlite(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql(Rebuild);
        CreateSqliteTriggers(migrationBuilder);
    }

    public static void CreateSqliteTriggers(MigrationBuilder migrationBuilder)
    {
        // A new link adds its region and the region's parent; a removed link recomputes the activity's rows from the links
        // left; new sort keys are copied; a region moved under another parent recomputes all (rare: CBS redivisions).
        migrationBuilder.Sql($"""
            CREATE TRIGGER "TR_ActivityNeighbourhood_RegionsInsert" AFTER INSERT ON "ActivityNeighbourhood" BEGIN
                INSERT OR IGNORE INTO "ActivityRegions" {Columns}
                    SELECT n."Id", a."Id", a."StartsOnKey", a."NameKey" FROM "Activities" AS a, "Neighbourhoods" AS n
                    WHERE a."Id" = new."ActivitiesId" AND n."Id" = new."NeighbourhoodsId"
                    UNION SELECT n."ParentId", a."Id", a."StartsOnKey", a."NameKey" FROM "Activities" AS a, "Neighbourhoods" AS n
                    WHERE a."Id" = new."ActivitiesId" AND n."Id" = new."NeighbourhoodsId" AND n."ParentId" IS NOT NULL;
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "TR_ActivityNeighbourhood_RegionsDelete" AFTER DELETE ON "ActivityNeighbourhood" BEGIN
                DELETE FROM "ActivityRegions" WHERE "ActivityId" = old."ActivitiesId";
                INSERT OR IGNORE INTO "ActivityRegions" {Columns} {PairsOf("old.\"ActivitiesId\"")};
            END;
            """);
        migrationBuilder.Sql("""
            CREATE TRIGGER "TR_Activities_RegionsKeys" AFTER UPDATE OF "StartsOnKey", "NameKey" ON "Activities"
            WHEN new."StartsOnKey" IS NOT old."StartsOnKey" OR new."NameKey" IS NOT old."NameKey" BEGIN
                UPDATE "ActivityRegions" SET "StartsOnKey" = new."StartsOnKey", "NameKey" = new."NameKey" WHERE "ActivityId" = new."Id";
            END;
            """);
        migrationBuilder.Sql($"""
            CREATE TRIGGER "TR_Neighbourhoods_RegionsParent" AFTER UPDATE OF "ParentId" ON "Neighbourhoods"
            WHEN new."ParentId" IS NOT old."ParentId" BEGIN
                {Rebuild}
            END;
            """);
    }

    public static void DropSqlite(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER IF EXISTS "TR_ActivityNeighbourhood_RegionsInsert";
        DROP TRIGGER IF EXISTS "TR_ActivityNeighbourhood_RegionsDelete";
        DROP TRIGGER IF EXISTS "TR_Activities_RegionsKeys";
        DROP TRIGGER IF EXISTS "TR_Neighbourhoods_RegionsParent";
        """);

    public static void CreatePostgres(MigrationBuilder migrationBuilder)
    {
        // Statistics now: until autovacuum comes by, the planner would guess the new table's size and pick a sort.
        migrationBuilder.Sql(Rebuild + "\nANALYZE \"ActivityRegions\";");
        migrationBuilder.Sql($$"""
            CREATE FUNCTION "ActivityRegions_on_link"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO "ActivityRegions" {{Columns}}
                        SELECT r."RegionId", a."Id", a."StartsOnKey", a."NameKey"
                        FROM "Activities" AS a, "Neighbourhoods" AS n, LATERAL (VALUES (n."Id"), (n."ParentId")) AS r ("RegionId")
                        WHERE a."Id" = NEW."ActivitiesId" AND n."Id" = NEW."NeighbourhoodsId" AND r."RegionId" IS NOT NULL
                    ON CONFLICT DO NOTHING;
                ELSE
                    DELETE FROM "ActivityRegions" WHERE "ActivityId" = OLD."ActivitiesId";
                    INSERT INTO "ActivityRegions" {{Columns}} {{PairsOf("OLD.\"ActivitiesId\"")}}
                    ON CONFLICT DO NOTHING;
                END IF;
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER "TR_ActivityNeighbourhood_Regions" AFTER INSERT OR DELETE ON "ActivityNeighbourhood" FOR EACH ROW EXECUTE FUNCTION "ActivityRegions_on_link"();
            CREATE FUNCTION "ActivityRegions_on_keys"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                UPDATE "ActivityRegions" SET "StartsOnKey" = NEW."StartsOnKey", "NameKey" = NEW."NameKey" WHERE "ActivityId" = NEW."Id";
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER "TR_Activities_RegionsKeys" AFTER UPDATE OF "StartsOnKey", "NameKey" ON "Activities" FOR EACH ROW
                WHEN (NEW."StartsOnKey" IS DISTINCT FROM OLD."StartsOnKey" OR NEW."NameKey" IS DISTINCT FROM OLD."NameKey")
                EXECUTE FUNCTION "ActivityRegions_on_keys"();
            CREATE FUNCTION "ActivityRegions_on_parent"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                {{Rebuild}}
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER "TR_Neighbourhoods_RegionsParent" AFTER UPDATE OF "ParentId" ON "Neighbourhoods" FOR EACH STATEMENT EXECUTE FUNCTION "ActivityRegions_on_parent"();
            """);
    }

    public static void DropPostgres(MigrationBuilder migrationBuilder) => migrationBuilder.Sql("""
        DROP TRIGGER IF EXISTS "TR_ActivityNeighbourhood_Regions" ON "ActivityNeighbourhood";
        DROP TRIGGER IF EXISTS "TR_Activities_RegionsKeys" ON "Activities";
        DROP TRIGGER IF EXISTS "TR_Neighbourhoods_RegionsParent" ON "Neighbourhoods";
        DROP FUNCTION IF EXISTS "ActivityRegions_on_link"();
        DROP FUNCTION IF EXISTS "ActivityRegions_on_keys"();
        DROP FUNCTION IF EXISTS "ActivityRegions_on_parent"();
        """);
}
