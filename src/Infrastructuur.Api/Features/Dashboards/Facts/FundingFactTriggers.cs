using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// Database triggers that note every grant whose contribution to the funding facts may have changed, whatever wrote it:
/// the grant's own row (the columns the facts read), its allocations, payments, themes and benefiting regions, its
/// initiative's status (a draft initiative hides its grants), a budget line's Iv3 task field, a programme or region moved
/// to another municipality. A theme moved under another parent already asks every fact table for a rebuild
/// (<see cref="OfferingFactTriggers"/>). The migrations call this DDL; it must not change once released — a change is a
/// new method called from a new migration. A migration that rebuilds one of these tables on SQLite must call
/// <see cref="CreateSqlite"/> again.
/// </summary>
public static class FundingFactTriggers
{
    private const string Dirty = "FundingDirtyGrants";

    // The Grants columns the facts read.
    private static readonly string[] GrantColumns =
        ["Status", "FunderId", "RecipientInitiativeId", "RecipientOrganisationId", "RecipientProgrammeId", "AmountAwardedCents", "AwardDate"];

    // Tables that name one grant per row (column GrantId); the first two are also updated in place.
    private static readonly string[] Links = ["GrantAllocations", "Disbursements", "GrantTheme", "GrantNeighbourhood"];

    // A change elsewhere that moves some grants: table, column, and the grants it names (@ is the changed row's Id).
    private static readonly (string Table, string Column, string Grants)[] Moves =
    [
        ("Initiatives", "Status", """SELECT g."Id" FROM "Grants" AS g WHERE g."RecipientInitiativeId" = @"""),
        ("BudgetLines", "Iv3TaskField", """SELECT a."GrantId" FROM "GrantAllocations" AS a WHERE a."BudgetLineId" = @ UNION SELECT d."GrantId" FROM "Disbursements" AS d WHERE d."BudgetLineId" = @"""),
        ("Programmes", "MunicipalityId", """SELECT g."Id" FROM "Grants" AS g WHERE g."RecipientProgrammeId" = @"""),
        ("Neighbourhoods", "MunicipalityId", """SELECT l."GrantId" FROM "GrantNeighbourhood" AS l WHERE l."BeneficiaryNeighbourhoodsId" = @"""),
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
        var columns = string.Join(", ", GrantColumns.Select(c => $"\"{c}\""));
        yield return $"""CREATE TRIGGER "TR_Grants_FundingInsert" AFTER INSERT ON "Grants" BEGIN INSERT INTO "{Dirty}" ("GrantId") VALUES (new."Id"); END;""";
        yield return $"""CREATE TRIGGER "TR_Grants_FundingUpdate" AFTER UPDATE OF {columns} ON "Grants" BEGIN INSERT INTO "{Dirty}" ("GrantId") VALUES (new."Id"); END;""";
        yield return $"""CREATE TRIGGER "TR_Grants_FundingDelete" AFTER DELETE ON "Grants" BEGIN INSERT INTO "{Dirty}" ("GrantId") VALUES (old."Id"); END;""";
        foreach (var table in Links)
        {
            yield return $"""CREATE TRIGGER "TR_{table}_FundingInsert" AFTER INSERT ON "{table}" BEGIN INSERT INTO "{Dirty}" ("GrantId") VALUES (new."GrantId"); END;""";
            yield return $"""CREATE TRIGGER "TR_{table}_FundingDelete" AFTER DELETE ON "{table}" BEGIN INSERT INTO "{Dirty}" ("GrantId") VALUES (old."GrantId"); END;""";
            yield return $"""
                CREATE TRIGGER "TR_{table}_FundingUpdate" AFTER UPDATE ON "{table}" BEGIN
                    INSERT INTO "{Dirty}" ("GrantId") SELECT new."GrantId" UNION SELECT old."GrantId";
                END;
                """;
        }

        foreach (var (table, column, grants) in Moves)
        {
            yield return $"""
                CREATE TRIGGER "TR_{table}_Funding{column}" AFTER UPDATE OF "{column}" ON "{table}" WHEN old."{column}" IS NOT new."{column}" BEGIN
                    INSERT INTO "{Dirty}" ("GrantId") {grants.Replace("@", "new.\"Id\"", StringComparison.Ordinal)};
                END;
                """;
        }
    }

    private static IEnumerable<string> SqliteTriggerNames() =>
        new[] { "TR_Grants_FundingInsert", "TR_Grants_FundingUpdate", "TR_Grants_FundingDelete" }
            .Concat(Links.SelectMany(t => new[] { $"TR_{t}_FundingInsert", $"TR_{t}_FundingDelete", $"TR_{t}_FundingUpdate" }))
            .Concat(Moves.Select(m => $"TR_{m.Table}_Funding{m.Column}"));

    public static string DropSqliteTriggers() => string.Join('\n', SqliteTriggerNames().Select(t => $"DROP TRIGGER IF EXISTS \"{t}\";"));

    public static void DropSqlite(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropSqliteTriggers());

    /// <summary>PostgreSQL: statement triggers with transition tables, so a bulk insert notes its grants in one statement.</summary>
    public static void CreatePostgres(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($$"""
            CREATE FUNCTION "FundingFacts_on_Grants"() RETURNS trigger LANGUAGE plpgsql AS $fn$
            BEGIN
                IF TG_OP = 'INSERT' THEN
                    INSERT INTO "{{Dirty}}" ("GrantId") SELECT "Id" FROM n;
                ELSIF TG_OP = 'DELETE' THEN
                    INSERT INTO "{{Dirty}}" ("GrantId") SELECT "Id" FROM o;
                ELSE
                    INSERT INTO "{{Dirty}}" ("GrantId")
                        SELECT n."Id" FROM n JOIN o ON o."Id" = n."Id"
                        WHERE ({{string.Join(", ", GrantColumns.Select(c => $"n.\"{c}\""))}}) IS DISTINCT FROM ({{string.Join(", ", GrantColumns.Select(c => $"o.\"{c}\""))}});
                END IF;
                RETURN NULL;
            END $fn$;
            CREATE TRIGGER "TR_Grants_FundingInsert" AFTER INSERT ON "Grants" REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "FundingFacts_on_Grants"();
            CREATE TRIGGER "TR_Grants_FundingUpdate" AFTER UPDATE ON "Grants" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "FundingFacts_on_Grants"();
            CREATE TRIGGER "TR_Grants_FundingDelete" AFTER DELETE ON "Grants" REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION "FundingFacts_on_Grants"();
            """);
        foreach (var table in Links)
        {
            migrationBuilder.Sql($$"""
                CREATE FUNCTION "FundingFacts_on_{{table}}"() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        INSERT INTO "{{Dirty}}" ("GrantId") SELECT DISTINCT "GrantId" FROM n;
                    ELSIF TG_OP = 'DELETE' THEN
                        INSERT INTO "{{Dirty}}" ("GrantId") SELECT DISTINCT "GrantId" FROM o;
                    ELSE
                        INSERT INTO "{{Dirty}}" ("GrantId") SELECT "GrantId" FROM n UNION SELECT "GrantId" FROM o;
                    END IF;
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER "TR_{{table}}_FundingInsert" AFTER INSERT ON "{{table}}" REFERENCING NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "FundingFacts_on_{{table}}"();
                CREATE TRIGGER "TR_{{table}}_FundingDelete" AFTER DELETE ON "{{table}}" REFERENCING OLD TABLE AS o FOR EACH STATEMENT EXECUTE FUNCTION "FundingFacts_on_{{table}}"();
                CREATE TRIGGER "TR_{{table}}_FundingUpdate" AFTER UPDATE ON "{{table}}" REFERENCING OLD TABLE AS o NEW TABLE AS n FOR EACH STATEMENT EXECUTE FUNCTION "FundingFacts_on_{{table}}"();
                """);
        }

        foreach (var (table, column, grants) in Moves)
        {
            migrationBuilder.Sql($$"""
                CREATE FUNCTION "FundingFacts_on_{{table}}_{{column}}"() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    INSERT INTO "{{Dirty}}" ("GrantId") {{grants.Replace("@", "NEW.\"Id\"", StringComparison.Ordinal)}};
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER "TR_{{table}}_Funding{{column}}" AFTER UPDATE OF "{{column}}" ON "{{table}}"
                    FOR EACH ROW WHEN (OLD."{{column}}" IS DISTINCT FROM NEW."{{column}}") EXECUTE FUNCTION "FundingFacts_on_{{table}}_{{column}}"();
                """);
        }
    }

    public static void DropPostgres(MigrationBuilder migrationBuilder)
    {
        var sql = new List<string>
        {
            """DROP TRIGGER IF EXISTS "TR_Grants_FundingInsert" ON "Grants";""",
            """DROP TRIGGER IF EXISTS "TR_Grants_FundingUpdate" ON "Grants";""",
            """DROP TRIGGER IF EXISTS "TR_Grants_FundingDelete" ON "Grants";""",
            """DROP FUNCTION IF EXISTS "FundingFacts_on_Grants"();""",
        };
        foreach (var table in Links)
        {
            sql.Add($"""DROP TRIGGER IF EXISTS "TR_{table}_FundingInsert" ON "{table}";""");
            sql.Add($"""DROP TRIGGER IF EXISTS "TR_{table}_FundingDelete" ON "{table}";""");
            sql.Add($"""DROP TRIGGER IF EXISTS "TR_{table}_FundingUpdate" ON "{table}";""");
            sql.Add($"""DROP FUNCTION IF EXISTS "FundingFacts_on_{table}"();""");
        }

        foreach (var (table, column, _) in Moves)
        {
            sql.Add($"""DROP TRIGGER IF EXISTS "TR_{table}_Funding{column}" ON "{table}";""");
            sql.Add($"""DROP FUNCTION IF EXISTS "FundingFacts_on_{table}_{column}"();""");
        }

        migrationBuilder.Sql(string.Join('\n', sql));
    }
}
