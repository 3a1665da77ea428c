using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// Database triggers that note every activity whose contribution to the offering facts may have changed, whatever wrote
/// it (SaveChanges, the bulk insert, SQL by hand): the activity's own row (the columns the facts read), its rolled-up
/// themes and groups (so a link or a term moved under another parent), its regions, its reach records, and its
/// initiative's status (a draft initiative hides its activities). A term moved under another parent also asks for a
/// rebuild, because a reach record's group is rolled up when its activity is kept. The migrations call this DDL; it must
/// not change once released — a change is a new method called from a new migration. A migration that rebuilds one of
/// these tables on SQLite must call <see cref="CreateSqlite"/> again.
/// </summary>
public static class OfferingFactTriggers
{
    private const string Dirty = "OfferingDirtyActivities";

    // The Activities columns the facts read.
    private static readonly string[] ActivityColumns =
        ["Status", "MunicipalityId", "ProviderOrganisationId", "ProviderInitiativeId", "Capacity", "LastVerifiedOn", "Schedule_StartsOn", "Schedule_EndsOn", "Schedule_Kind"];

    // Tables that name one activity per row, and the column naming it.
    private static readonly (string Table, string Column)[] Links =
    [
        ("ActivityThemeRollups", "ActivityId"),
        ("ActivityTargetGroupRollups", "ActivityId"),
        ("ActivityNeighbourhood", "ActivitiesId"),
        ("ReachRecords", "ActivityId"),
    ];

    public static void CreateSqlite(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in SqliteTriggers())
        {
            migrationBuilder.Sql(sql);
        }
    }

    public static IEnumerable<string> SqliteTriggers()
    {
        var columns = string.Join(", ", ActivityColumns.Select(c => $"\"{c}\""));
        yield return $"""CREATE TRIGGER "TR_Activities_FactsInsert" AFTER INSERT ON "Activities" BEGIN INSERT INTO "{Dirty}" ("ActivityId") VALUES (new."Id"); END;""";
        yield return $"""CREATE TRIGGER "TR_Activities_FactsUpdate" AFTER UPDATE OF {columns} ON "Activities" BEGIN INSERT INTO "{Dirty}" ("ActivityId") VALUES (new."Id"); END;""";
        yield return $"""CREATE TRIGGER "TR_Activities_FactsDelete" AFTER DELETE ON "Activities" BEGIN INSERT INTO "{Dirty}" ("ActivityId") VALUES (old."Id"); END;""";
        foreach (var (table, column) in Links)
        {
            yield return $"""CREATE TRIGGER "TR_{table}_FactsInsert" AFTER INSERT ON "{table}" BEGIN INSERT INTO "{Dirty}" ("ActivityId") VALUES (new."{column}"); END;""";
            yield return $"""CREATE TRIGGER "TR_{table}_FactsDelete" AFTER DELETE ON "{table}" BEGIN INSERT INTO "{Dirty}" ("ActivityId") VALUES (old."{column}"); END;""";
            if (table == "ReachRecords")
            {
                yield return $"""
                    CREATE TRIGGER "TR_{table}_FactsUpdate" AFTER UPDATE ON "{table}" BEGIN
                        INSERT INTO "{Dirty}" ("ActivityId") SELECT new."{column}" UNION SELECT old."{column}";
                    END;
                    """;
            }
        }

        yield return $"""
            CREATE TRIGGER "TR_Initiatives_FactsStatus" AFTER UPDATE OF "Status" ON "Initiatives" WHEN old."Status" IS NOT new."Status" BEGIN
                INSERT INTO "{Dirty}" ("ActivityId") SELECT a."Id" FROM "Activities" AS a WHERE a."ProviderInitiativeId" = new."Id";
            END;
            """;
        foreach (var terms in new[] { "Themes", "TargetGroups" })
        {
            yield return $"""
                CREATE TRIGGER "TR_{terms}_FactsParent" AFTER UPDATE OF "ParentId" ON "{terms}" WHEN old."ParentId" IS NOT new."ParentId" BEGIN
                    UPDATE "OfferingFactWindow" SET "Stale" = TRUE;
                END;
                """;
        }
    }

    public static string DropSqliteTriggers() => string.Join('\n',
        new[] { "TR_Activities_FactsInsert", "TR_Activities_FactsUpdate", "TR_Activities_FactsDelete", "TR_Initiatives_FactsStatus", "TR_Themes_FactsParent", "TR_TargetGroups_FactsParent" }
            .Concat(Links.SelectMany(l => new[] { $"TR_{l.Table}_FactsInsert", $"TR_{l.Table}_FactsDelete", $"TR_{l.Table}_FactsUpdate" }))
            .Select(t => $"DROP TRIGGER IF EXISTS \"{t}\";"));

    public static void DropSqlite(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropSqliteTriggers());

    /// <summary>
    /// Runs a bulk load on SQLite with the fact triggers off (offering and funding: a row per inserted link would be
    /// noted), then asks for a rebuild, which the caller runs (<see cref="DashboardFacts.CatchUpAsync"/>). Inside the
    /// caller's transaction.
    /// </summary>
    public static async Task<T> BulkLoadAsync<T>(Data.InfrastructuurDb db, Func<Task<T>> load, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return await load();
        }

        var funding = await FundingFacts.ExistHereAsync(db, cancellationToken);
        await db.Database.ExecuteSqlRawAsync(DropSqliteTriggers(), cancellationToken);
        if (funding)
        {
            await db.Database.ExecuteSqlRawAsync(FundingFactTriggers.DropSqliteTriggers(), cancellationToken);
        }

        var result = await load();
        foreach (var trigger in SqliteTriggers().Concat(funding ? FundingFactTriggers.SqliteTriggers() : []))
        {
            await db.Database.ExecuteSqlRawAsync(trigger, cancellationToken);
        }

        // Both rows of the window table: the offering's and the funding's.
        await db.Database.ExecuteSqlRawAsync("""UPDATE "OfferingFactWindow" SET "Stale" = TRUE""", cancellationToken);
        return result;
    }

    /// <summary>PostgreSQL: statement triggers with transition tables, so a bulk insert notes its activities in one statement.</summary>
    public static void CreatePostgres(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($$"""
            CREATE FUNCTION "OfferingFacts_on_Activities"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO "{{Dirty}}" ("ActivityId") SELECT "Id" FROM n;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO "{{Dirty}}" ("ActivityId") SELECT "Id" FROM o;
                ELSE
                    INSERT INTO "{{Dirty}}" ("ActivityId")
                        SELECT n."Id" FROM n JOIN o ON o."Id" = n."Id"
                        WHERE ({{string.Join(", ", ActivityColumns.Select(c => $"n.\"{c}\""))}}) IS DISTINCT FROM ({{string.Join(", ", ActivityColumns.Select(c => $"o.\"{c}\""))}});
                END IF;
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER "TR_Activities_FactsInsert" AFTER INSERT ON "Activities" REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "OfferingFacts_on_Activities"();
            CREATE TRIGGER "TR_Activities_FactsUpdate" AFTER UPDATE ON "Activities" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "OfferingFacts_on_Activities"();
            CREATE TRIGGER "TR_Activities_FactsDelete" AFTER DELETE ON "Activities" REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION "OfferingFacts_on_Activities"();
            """);
        foreach (var (table, column) in Links)
        {
            migrationBuilder.Sql($$"""
                CREATE FUNCTION "OfferingFacts_on_{{table}}"() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO "{{Dirty}}" ("ActivityId") SELECT DISTINCT "{{column}}" FROM n;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO "{{Dirty}}" ("ActivityId") SELECT DISTINCT "{{column}}" FROM o;
                    ELSE
                        INSERT INTO "{{Dirty}}" ("ActivityId") SELECT "{{column}}" FROM n UNION SELECT "{{column}}" FROM o;
                    END IF;
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER "TR_{{table}}_FactsInsert" AFTER INSERT ON "{{table}}" REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "OfferingFacts_on_{{table}}"();
                CREATE TRIGGER "TR_{{table}}_FactsDelete" AFTER DELETE ON "{{table}}" REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION "OfferingFacts_on_{{table}}"();
                """);
            if (table == "ReachRecords")
            {
                migrationBuilder.Sql($"""
                    CREATE TRIGGER "TR_{table}_FactsUpdate" AFTER UPDATE ON "{table}" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "OfferingFacts_on_{table}"();
                    """);
            }
        }

        migrationBuilder.Sql($$"""
            CREATE FUNCTION "OfferingFacts_on_Initiatives"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                INSERT INTO "{{Dirty}}" ("ActivityId") SELECT a."Id" FROM "Activities" AS a WHERE a."ProviderInitiativeId" = NEW."Id";
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER "TR_Initiatives_FactsStatus" AFTER UPDATE OF "Status" ON "Initiatives"
                FOR EACH ROW WHEN (OLD."Status" IS DISTINCT FROM NEW."Status") EXECUTE FUNCTION "OfferingFacts_on_Initiatives"();
            CREATE FUNCTION "OfferingFacts_on_term_parent"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                UPDATE "OfferingFactWindow" SET "Stale" = TRUE;
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER "TR_Themes_FactsParent" AFTER UPDATE OF "ParentId" ON "Themes"
                FOR EACH ROW WHEN (OLD."ParentId" IS DISTINCT FROM NEW."ParentId") EXECUTE FUNCTION "OfferingFacts_on_term_parent"();
            CREATE TRIGGER "TR_TargetGroups_FactsParent" AFTER UPDATE OF "ParentId" ON "TargetGroups"
                FOR EACH ROW WHEN (OLD."ParentId" IS DISTINCT FROM NEW."ParentId") EXECUTE FUNCTION "OfferingFacts_on_term_parent"();
            """);
    }

    public static void DropPostgres(MigrationBuilder migrationBuilder)
    {
        var sql = new List<string>
        {
            """DROP TRIGGER IF EXISTS "TR_Activities_FactsInsert" ON "Activities";""",
            """DROP TRIGGER IF EXISTS "TR_Activities_FactsUpdate" ON "Activities";""",
            """DROP TRIGGER IF EXISTS "TR_Activities_FactsDelete" ON "Activities";""",
            """DROP FUNCTION IF EXISTS "OfferingFacts_on_Activities"();""",
            """DROP TRIGGER IF EXISTS "TR_Initiatives_FactsStatus" ON "Initiatives";""",
            """DROP FUNCTION IF EXISTS "OfferingFacts_on_Initiatives"();""",
            """DROP TRIGGER IF EXISTS "TR_Themes_FactsParent" ON "Themes";""",
            """DROP TRIGGER IF EXISTS "TR_TargetGroups_FactsParent" ON "TargetGroups";""",
            """DROP FUNCTION IF EXISTS "OfferingFacts_on_term_parent"();""",
        };
        foreach (var (table, _) in Links)
        {
            sql.Add($"""DROP TRIGGER IF EXISTS "TR_{table}_FactsInsert" ON "{table}";""");
            sql.Add($"""DROP TRIGGER IF EXISTS "TR_{table}_FactsDelete" ON "{table}";""");
            sql.Add($"""DROP TRIGGER IF EXISTS "TR_{table}_FactsUpdate" ON "{table}";""");
            sql.Add($"""DROP FUNCTION IF EXISTS "OfferingFacts_on_{table}"();""");
        }

        migrationBuilder.Sql(string.Join('\n', sql));
    }

    // What makes a region lie in another working area: a link added or removed, a region moved under another district, an
    // area moved to another municipality. Rare; each asks every fact table for a rebuild (ADR 0019 and 0021: areas).
    private static readonly (string Table, string Event, string? Column)[] AreaChanges =
    [
        ("AreaNeighbourhood", "INSERT", null),
        ("AreaNeighbourhood", "DELETE", null),
        ("Neighbourhoods", "UPDATE", "ParentId"),
        ("Areas", "UPDATE", "MunicipalityId"),
    ];

    public static void CreateAreaSqlite(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, change, column) in AreaChanges)
        {
            var on = column is null ? $"{change} ON \"{table}\"" : $"UPDATE OF \"{column}\" ON \"{table}\" WHEN old.\"{column}\" IS NOT new.\"{column}\"";
            migrationBuilder.Sql($"""
                CREATE TRIGGER "TR_{table}_Facts{change}{column}" AFTER {on} BEGIN
                    UPDATE "OfferingFactWindow" SET "Stale" = TRUE;
                END;
                """);
        }
    }

    public static void DropAreaSqlite(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(string.Join('\n', AreaChanges.Select(c => $"DROP TRIGGER IF EXISTS \"TR_{c.Table}_Facts{c.Event}{c.Column}\";")));

    public static void CreateAreaPostgres(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($$"""
            CREATE FUNCTION "OfferingFacts_on_area_change"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                UPDATE "OfferingFactWindow" SET "Stale" = TRUE;
                RETURN NULL;
            END $fn$;
            """);
        foreach (var (table, change, column) in AreaChanges)
        {
            var on = column is null ? $"{change} ON \"{table}\" FOR EACH STATEMENT" : $"UPDATE OF \"{column}\" ON \"{table}\" FOR EACH ROW WHEN (OLD.\"{column}\" IS DISTINCT FROM NEW.\"{column}\")";
            migrationBuilder.Sql($"""CREATE TRIGGER "TR_{table}_Facts{change}{column}" AFTER {on} EXECUTE FUNCTION "OfferingFacts_on_area_change"();""");
        }
    }

    public static void DropAreaPostgres(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(string.Join('\n', AreaChanges.Select(c => $"DROP TRIGGER IF EXISTS \"TR_{c.Table}_Facts{c.Event}{c.Column}\" ON \"{c.Table}\";"))
            + "\nDROP FUNCTION IF EXISTS \"OfferingFacts_on_area_change\"();");
}
