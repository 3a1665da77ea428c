using System.Globalization;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Search;

/// <summary>
/// The full-text index behind Query.search, in each engine's own form (ADR 0008). Both index the folded columns every
/// searchable record already keeps (NameKey with the higher weight, SearchText), so a word is the same token on SQLite
/// and PostgreSQL and matching ignores case and accents on both. The migrations call this DDL; it must not change once
/// released — a change is a new method called from a new migration.
/// </summary>
/// <remarks>
/// SQLite: one FTS5 table for all four kinds, kept in step by triggers. Its rowids come from SearchKeys, whose INTEGER
/// PRIMARY KEY survives VACUUM (the source tables' implicit rowids do not). EF Core rebuilds a SQLite table for some
/// column changes and the rebuild drops that table's triggers: a migration that rebuilds one of the tables below must
/// call <see cref="CreateSqliteTriggers"/> for it again (the search tests fail when a trigger is missing).
/// PostgreSQL: a generated tsvector column with a GIN index on each table; the database keeps it in step by itself.
/// </remarks>
public static class SearchIndex
{
    /// <summary>The searchable tables and the GraphQL type each row is; kind names are constants, never user input.</summary>
    public static readonly IReadOnlyList<(string Table, string Kind)> Sources =
    [
        ("Organisations", "Organisation"),
        ("Initiatives", "Initiative"),
        ("Activities", "Activity"),
        ("Programmes", "Programme"),
    ];

    public static void CreateSqlite(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql("""
            CREATE TABLE "SearchKeys" (
                "RowId" INTEGER PRIMARY KEY,
                "EntityId" TEXT NOT NULL UNIQUE,
                "Kind" TEXT NOT NULL
            );
            """);

        // Contentless: the text already lives in the source rows; contentless_delete lets the triggers delete entries.
        migrationBuilder.Sql("""
            CREATE VIRTUAL TABLE "SearchIndex" USING fts5(
                "Name", "Body",
                content = '', contentless_delete = 1,
                tokenize = 'unicode61 remove_diacritics 2'
            );
            """);

        foreach (var (table, kind) in Sources)
        {
            migrationBuilder.Sql($"""
                INSERT INTO "SearchKeys" ("EntityId", "Kind") SELECT "Id", '{kind}' FROM "{table}";
                INSERT INTO "SearchIndex" (rowid, "Name", "Body")
                    SELECT k."RowId", t."NameKey", t."SearchText" FROM "{table}" AS t JOIN "SearchKeys" AS k ON k."EntityId" = t."Id";
                """);
            CreateSqliteTriggers(migrationBuilder, table, kind);
        }
    }

    /// <summary>The three triggers that keep one table's rows in the SQLite index.</summary>
    public static void CreateSqliteTriggers(MigrationBuilder migrationBuilder, string table, string kind)
    {
        foreach (var trigger in SqliteTriggers(table, kind))
        {
            migrationBuilder.Sql(trigger);
        }
    }

    private static IEnumerable<string> SqliteTriggers(string table, string kind)
    {
        const string Key = "(SELECT \"RowId\" FROM \"SearchKeys\" WHERE \"EntityId\" = {0}.\"Id\")";
        var newKey = string.Format(CultureInfo.InvariantCulture, Key, "new");
        var oldKey = string.Format(CultureInfo.InvariantCulture, Key, "old");
        yield return $"""
            CREATE TRIGGER "TR_{table}_SearchInsert" AFTER INSERT ON "{table}" BEGIN
                INSERT INTO "SearchKeys" ("EntityId", "Kind") VALUES (new."Id", '{kind}');
                INSERT INTO "SearchIndex" (rowid, "Name", "Body") VALUES ({newKey}, new."NameKey", new."SearchText");
            END;
            """;

        // A contentless table updates by delete + insert of the same rowid.
        yield return $"""
            CREATE TRIGGER "TR_{table}_SearchUpdate" AFTER UPDATE OF "NameKey", "SearchText" ON "{table}" BEGIN
                DELETE FROM "SearchIndex" WHERE rowid = {oldKey};
                INSERT INTO "SearchIndex" (rowid, "Name", "Body") VALUES ({newKey}, new."NameKey", new."SearchText");
            END;
            """;
        yield return $"""
            CREATE TRIGGER "TR_{table}_SearchDelete" AFTER DELETE ON "{table}" BEGIN
                DELETE FROM "SearchIndex" WHERE rowid = {oldKey};
                DELETE FROM "SearchKeys" WHERE "EntityId" = old."Id";
            END;
            """;
    }

    private static string DropSqliteTriggers(string table) => $"""
        DROP TRIGGER IF EXISTS "TR_{table}_SearchInsert";
        DROP TRIGGER IF EXISTS "TR_{table}_SearchUpdate";
        DROP TRIGGER IF EXISTS "TR_{table}_SearchDelete";
        """;

    /// <summary>
    /// Runs a bulk load on SQLite with the index triggers off, then indexes the new rows in one statement per table and
    /// puts the triggers back (a trigger per row costs several times more). Call it inside a transaction: SQLite has
    /// one writer, so no other write can slip past the index meanwhile, and a failure rolls the triggers back too.
    /// On PostgreSQL the generated columns keep up by themselves and <paramref name="load"/> simply runs.
    /// </summary>
    public static async Task BulkLoadAsync(InfrastructuurDb db, Func<Task> load, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            await load();
            return;
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk load without the search triggers must run inside a transaction.");
        }

        foreach (var (table, _) in Sources)
        {
            await db.Database.ExecuteSqlRawAsync(DropSqliteTriggers(table), cancellationToken);
        }

        await load();
        foreach (var (table, kind) in Sources)
        {
            var indexed = await db.Database.SqlQueryRaw<long>("SELECT COALESCE(MAX(\"RowId\"), 0) AS \"Value\" FROM \"SearchKeys\"").SingleAsync(cancellationToken);
            await db.Database.ExecuteSqlRawAsync(IndexNewRows(table, kind), [indexed], cancellationToken);
            foreach (var trigger in SqliteTriggers(table, kind))
            {
                await db.Database.ExecuteSqlRawAsync(trigger, cancellationToken);
            }
        }
    }

    // New keys get row ids above every existing one ({0}), so the rows to index are exactly those above it.
    private static string IndexNewRows(string table, string kind) => $$"""
        INSERT INTO "SearchKeys" ("EntityId", "Kind")
            SELECT t."Id", '{{kind}}' FROM "{{table}}" AS t WHERE NOT EXISTS (SELECT 1 FROM "SearchKeys" AS k WHERE k."EntityId" = t."Id");
        INSERT INTO "SearchIndex" (rowid, "Name", "Body")
            SELECT k."RowId", t."NameKey", t."SearchText" FROM "SearchKeys" AS k JOIN "{{table}}" AS t ON t."Id" = k."EntityId"
            WHERE k."RowId" > {0};
        """;

    public static void DropSqlite(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, _) in Sources)
        {
            migrationBuilder.Sql(DropSqliteTriggers(table));
        }

        migrationBuilder.Sql("DROP TABLE IF EXISTS \"SearchIndex\";");
        migrationBuilder.Sql("DROP TABLE IF EXISTS \"SearchKeys\";");
    }

    public static void CreatePostgres(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, _) in Sources)
        {
            migrationBuilder.Sql($"""
                ALTER TABLE "{table}" ADD COLUMN "SearchVector" tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple'::regconfig, "NameKey"), 'A')
                    || setweight(to_tsvector('simple'::regconfig, "SearchText"), 'B')) STORED;
                CREATE INDEX "IX_{table}_SearchVector" ON "{table}" USING GIN ("SearchVector");
                """);
        }
    }

    public static void DropPostgres(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, _) in Sources)
        {
            migrationBuilder.Sql($"""
                DROP INDEX IF EXISTS "IX_{table}_SearchVector";
                ALTER TABLE "{table}" DROP COLUMN IF EXISTS "SearchVector";
                """);
        }
    }

    /// <summary>
    /// Programmes had no SearchText before the index: fill it from the name (already folded) and the lower-cased
    /// description, which is exact for ASCII text and becomes exact for all text on the programme's next save.
    /// </summary>
    public static void BackfillProgrammeSearchText(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql("""UPDATE "Programmes" SET "SearchText" = trim("NameKey" || ' ' || lower(COALESCE("Description", '')));""");
}
