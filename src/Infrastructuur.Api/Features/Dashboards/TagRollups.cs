using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>An activity linked once to every theme it is tagged with and every theme above those (kept by the database, ADR 0011).</summary>
public sealed class ActivityThemeRollup
{
    public Guid ActivityId { get; set; }

    public Guid ThemeId { get; set; }
}

/// <summary>An activity linked once to every target group it is tagged with and every group above those.</summary>
public sealed class ActivityTargetGroupRollup
{
    public Guid ActivityId { get; set; }

    public Guid TargetGroupId { get; set; }
}

internal sealed class ActivityThemeRollupConfiguration : IEntityTypeConfiguration<ActivityThemeRollup>
{
    public void Configure(EntityTypeBuilder<ActivityThemeRollup> builder)
    {
        builder.ToTable("ActivityThemeRollups");
        builder.HasKey(r => new { r.ActivityId, r.ThemeId });
        builder.HasIndex(r => new { r.ThemeId, r.ActivityId });
        builder.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Theme>().WithMany().HasForeignKey(r => r.ThemeId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ActivityTargetGroupRollupConfiguration : IEntityTypeConfiguration<ActivityTargetGroupRollup>
{
    public void Configure(EntityTypeBuilder<ActivityTargetGroupRollup> builder)
    {
        builder.ToTable("ActivityTargetGroupRollups");
        builder.HasKey(r => new { r.ActivityId, r.TargetGroupId });
        builder.HasIndex(r => new { r.TargetGroupId, r.ActivityId });
        builder.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<TargetGroup>().WithMany().HasForeignKey(r => r.TargetGroupId).OnDelete(DeleteBehavior.Cascade);
    }
}

/// <summary>
/// Every dashboard figure per theme or target group counts an activity under each term it is tagged with and each term
/// above those, once. Deriving that per query (link table × term closure, de-duplicated) cost seconds on a municipality
/// with 100,000 activities; these tables hold it, written by database triggers on the link tables and the term tables,
/// so no write path (mutations, seeding, the generator, SQL by hand) can leave them behind. Three levels, as the
/// depth filters. The migrations call this DDL; it must not change once released — a change is a new method called
/// from a new migration. EF Core rebuilds a SQLite table for some column changes and the rebuild drops that table's
/// triggers: a migration that rebuilds ActivityTheme, ActivityTargetGroup, Themes or TargetGroups must call
/// <see cref="CreateSqliteTriggers"/> again (the roll-up tests fail when a trigger is missing).
/// </summary>
public static class TagRollups
{
    private static readonly (string Rollup, string TermColumn, string Link, string LinkTerm, string Terms)[] Kinds =
    [
        ("ActivityThemeRollups", "ThemeId", "ActivityTheme", "ThemesId", "Themes"),
        ("ActivityTargetGroupRollups", "TargetGroupId", "ActivityTargetGroup", "TargetGroupsId", "TargetGroups"),
    ];

    private static string Rebuild(string rollup, string termColumn, string link, string linkTerm, string terms) => $"""
        DELETE FROM "{rollup}";
        INSERT INTO "{rollup}" ("ActivityId", "{termColumn}")
            SELECT DISTINCT l."ActivitiesId", k."Id" FROM "{link}" AS l, "{terms}" AS t
            LEFT JOIN "{terms}" AS p ON p."Id" = t."ParentId"
            JOIN "{terms}" AS k ON k."Id" = t."Id" OR k."Id" = t."ParentId" OR k."Id" = p."ParentId"
            WHERE t."Id" = l."{linkTerm}";
        """;

    public static void CreateSqlite(MigrationBuilder migrationBuilder)
    {
        foreach (var (rollup, termColumn, link, linkTerm, terms) in Kinds)
        {
            migrationBuilder.Sql(Rebuild(rollup, termColumn, link, linkTerm, terms));
        }

        CreateSqliteTriggers(migrationBuilder);
    }

    public static void CreateSqliteTriggers(MigrationBuilder migrationBuilder)
    {
        foreach (var (rollup, termColumn, link, linkTerm, terms) in Kinds)
        {
            // A new link adds its terms; a removed link recomputes the activity's rows from its remaining links (unless the
            // activity itself is being deleted: its rows go with it). A term moved under another parent recomputes all.
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_{link}_RollupInsert" AFTER INSERT ON "{link}" BEGIN
                    INSERT OR IGNORE INTO "{rollup}" ("ActivityId", "{termColumn}")
                        SELECT new."ActivitiesId", k."Id" FROM (SELECT new."{linkTerm}" AS "{linkTerm}") AS l, "{terms}" AS t
                        LEFT JOIN "{terms}" AS p ON p."Id" = t."ParentId"
                        JOIN "{terms}" AS k ON k."Id" = t."Id" OR k."Id" = t."ParentId" OR k."Id" = p."ParentId"
                        WHERE t."Id" = l."{linkTerm}";
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_{link}_RollupDelete" AFTER DELETE ON "{link}" BEGIN
                    DELETE FROM "{rollup}" WHERE "ActivityId" = old."ActivitiesId";
                    INSERT OR IGNORE INTO "{rollup}" ("ActivityId", "{termColumn}")
                        SELECT l."ActivitiesId", k."Id" FROM "{link}" AS l, "{terms}" AS t
                        LEFT JOIN "{terms}" AS p ON p."Id" = t."ParentId"
                        JOIN "{terms}" AS k ON k."Id" = t."Id" OR k."Id" = t."ParentId" OR k."Id" = p."ParentId"
                        WHERE t."Id" = l."{linkTerm}" AND l."ActivitiesId" = old."ActivitiesId"
                          AND EXISTS (SELECT 1 FROM "Activities" AS a WHERE a."Id" = old."ActivitiesId");
                END;
                """);
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_{terms}_RollupParent" AFTER UPDATE OF "ParentId" ON "{terms}" BEGIN
                    {Rebuild(rollup, termColumn, link, linkTerm, terms)}
                END;
                """);
        }
    }

    public static void DropSqlite(MigrationBuilder migrationBuilder)
    {
        foreach (var (_, _, link, _, terms) in Kinds)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER IF EXISTS "TR_{link}_RollupInsert";
                DROP TRIGGER IF EXISTS "TR_{link}_RollupDelete";
                DROP TRIGGER IF EXISTS "TR_{terms}_RollupParent";
                """);
        }
    }

    public static void CreatePostgres(MigrationBuilder migrationBuilder)
    {
        foreach (var (rollup, termColumn, link, linkTerm, terms) in Kinds)
        {
            migrationBuilder.Sql(Rebuild(rollup, termColumn, link, linkTerm, terms));
            migrationBuilder.Sql($$"""
                CREATE FUNCTION "{{rollup}}_on_link"() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO "{{rollup}}" ("ActivityId", "{{termColumn}}")
                            SELECT NEW."ActivitiesId", k."Id" FROM (SELECT NEW."{{linkTerm}}" AS "{{linkTerm}}") AS l, "{{terms}}" AS t
                            LEFT JOIN "{{terms}}" AS p ON p."Id" = t."ParentId"
                            JOIN "{{terms}}" AS k ON k."Id" = t."Id" OR k."Id" = t."ParentId" OR k."Id" = p."ParentId"
                            WHERE t."Id" = l."{{linkTerm}}"
                        ON CONFLICT DO NOTHING;
                    ELSE
                        DELETE FROM "{{rollup}}" WHERE "ActivityId" = OLD."ActivitiesId";
                        INSERT INTO "{{rollup}}" ("ActivityId", "{{termColumn}}")
                            SELECT l."ActivitiesId", k."Id" FROM "{{link}}" AS l, "{{terms}}" AS t
                            LEFT JOIN "{{terms}}" AS p ON p."Id" = t."ParentId"
                            JOIN "{{terms}}" AS k ON k."Id" = t."Id" OR k."Id" = t."ParentId" OR k."Id" = p."ParentId"
                            WHERE t."Id" = l."{{linkTerm}}" AND l."ActivitiesId" = OLD."ActivitiesId"
                              AND EXISTS (SELECT 1 FROM "Activities" AS a WHERE a."Id" = OLD."ActivitiesId")
                        ON CONFLICT DO NOTHING;
                    END IF;
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER "TR_{{link}}_Rollup" AFTER INSERT OR DELETE ON "{{link}}" FOR EACH ROW EXECUTE FUNCTION "{{rollup}}_on_link"();
                CREATE FUNCTION "{{rollup}}_on_parent"() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    {{Rebuild(rollup, termColumn, link, linkTerm, terms)}}
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER "TR_{{terms}}_RollupParent" AFTER UPDATE OF "ParentId" ON "{{terms}}" FOR EACH STATEMENT EXECUTE FUNCTION "{{rollup}}_on_parent"();
                """);
        }
    }

    public static void DropPostgres(MigrationBuilder migrationBuilder)
    {
        foreach (var (rollup, _, link, _, terms) in Kinds)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER IF EXISTS "TR_{link}_Rollup" ON "{link}";
                DROP TRIGGER IF EXISTS "TR_{terms}_RollupParent" ON "{terms}";
                DROP FUNCTION IF EXISTS "{rollup}_on_link"();
                DROP FUNCTION IF EXISTS "{rollup}_on_parent"();
                """);
        }
    }
}
