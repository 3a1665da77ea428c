using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>How often the data behind one municipality's dashboards has changed (kept by the database, ADR 0014).</summary>
public sealed class DashboardVersion
{
    /// <summary>A municipality's ID, or <see cref="Guid.Empty"/> for data that belongs to no one municipality (terms, organisations, grants).</summary>
    public Guid Scope { get; set; }

    public long Version { get; set; }
}

internal sealed class DashboardVersionConfiguration : IEntityTypeConfiguration<DashboardVersion>
{
    public void Configure(EntityTypeBuilder<DashboardVersion> builder)
    {
        builder.ToTable("DashboardVersions");
        builder.HasKey(v => v.Scope);
        builder.Property(v => v.Scope).ValueGeneratedNever();
    }
}

/// <summary>
/// Dashboard figures are cached by the versions of the data they are computed from. The versions live in the database and
/// are moved by triggers on exactly the tables the dashboards read, in the transaction of the write, so every instance
/// over the database sees every write at once, whatever wrote it (SaveChanges, ExecuteUpdate/Delete, the bulk insert,
/// SQL by hand), and a write the dashboards cannot show (the access log of a read, idempotency records, change history,
/// people) moves nothing. A row names its municipality directly or through its parent's row (one primary-key lookup);
/// rows of tables shared by every municipality move the global version. PostgreSQL notes the scopes once per statement
/// and bumps them at commit (<see cref="BumpAtCommitPostgres"/>); SQLite has only row triggers (and one writer at a time). The migrations call this DDL; it must not change once released — a change is a new method called
/// from a new migration. EF Core rebuilds a SQLite table for some column changes and the rebuild drops that table's
/// triggers: such a migration must call <see cref="CreateSqliteTriggers"/> again (the version tests fail when one is missing).
/// </summary>
public static class DashboardVersions
{
    public const string Table = "DashboardVersions";

    /// <summary>The scope of data shared by every municipality.</summary>
    public static readonly Guid Global = Guid.Empty;

    // Table, and how a row names its municipality: a column of its own (Parent null), a column naming a row of Parent (which
    // has MunicipalityId), or nothing (global).
    private static readonly (string Table, string? Column, string? Parent)[] Feeds =
    [
        ("Municipalities", "Id", null),
        ("Activities", "MunicipalityId", null),
        ("Areas", "MunicipalityId", null),
        ("Neighbourhoods", "MunicipalityId", null),
        ("Initiatives", "MunicipalityId", null),
        ("Coalitions", "MunicipalityId", null),
        ("Collaborations", "MunicipalityId", null),
        ("NetworkMeetings", "MunicipalityId", null),
        ("Programmes", "MunicipalityId", null),
        ("Signals", "MunicipalityId", null),
        ("ActivityTheme", "ActivitiesId", "Activities"),
        ("ActivityTargetGroup", "ActivitiesId", "Activities"),
        ("ActivityNeighbourhood", "ActivitiesId", "Activities"),
        ("ActivityPartner", "PartnerActivitiesId", "Activities"),
        ("ReachRecords", "ActivityId", "Activities"),
        ("AreaNeighbourhood", "AreasId", "Areas"),
        ("InitiativeNeighbourhood", "InitiativesId", "Initiatives"),
        ("InitiativeTheme", "InitiativesId", "Initiatives"),
        ("CoalitionMembers", "CoalitionId", "Coalitions"),
        ("CoalitionRecognitions", "CoalitionId", "Coalitions"),
        ("CollaborationTheme", "CollaborationId", "Collaborations"),
        ("CollaborationParties", "CollaborationId", "Collaborations"),
        ("MeetingParticipants", "MeetingId", "NetworkMeetings"),
        ("NetworkMeetingCollaboration", "NetworkMeetingId", "NetworkMeetings"),
        ("NetworkMeetingTheme", "NetworkMeetingId", "NetworkMeetings"),
        ("NetworkMeetingSignal", "DiscussedAtId", "NetworkMeetings"),
        ("ProgrammeInitiative", "ProgrammesId", "Programmes"),
        ("ProgrammeOrganisation", "ProgrammesId", "Programmes"),
        ("ProgrammeNeighbourhood", "ProgrammeId", "Programmes"),
        ("ProgrammeTheme", "ProgrammeId", "Programmes"),
        ("SignalTheme", "SignalId", "Signals"),
        ("SignalResponses", "SignalId", "Signals"),
        ("OrganisationNeighbourhood", "NeighbourhoodsId", "Neighbourhoods"),
        ("GrantNeighbourhood", "BeneficiaryNeighbourhoodsId", "Neighbourhoods"),
        ("Themes", null, null),
        ("TargetGroups", null, null),
        ("Organisations", null, null),
        ("Grants", null, null),
        ("GrantTheme", null, null),
        ("GrantAllocations", null, null),
        ("BudgetLines", null, null),
        ("Disbursements", null, null),
        ("NeighbourhoodCompanies", null, null),
        ("ShareClasses", null, null),
        ("Shareholdings", null, null),
        ("Reinvestments", null, null),
        ("ReinvestmentAllocations", null, null),
    ];

    /// <summary>The tables whose writes move a version (for tests).</summary>
    public static IEnumerable<string> Tables => Feeds.Select(f => f.Table);

    // The scope a row of the table (alias r) moves, as SQL.
    private static string ScopeOf(string? column, string? parent, string row, string global) => (column, parent) switch
    {
        (null, _) => global,
        (_, null) => $"{row}.\"{column}\"",
        _ => $"(SELECT p.\"MunicipalityId\" FROM \"{parent}\" AS p WHERE p.\"Id\" = {row}.\"{column}\")",
    };

    private const string SqliteGlobal = "'00000000-0000-0000-0000-000000000000'";

    public static void CreateSqlite(MigrationBuilder migrationBuilder)
    {
        migrationBuilder.Sql($"""
            INSERT INTO "{Table}" ("Scope", "Version") VALUES ({SqliteGlobal}, 0);
            INSERT INTO "{Table}" ("Scope", "Version") SELECT "Id", 0 FROM "Municipalities";
            """);
        CreateSqliteTriggers(migrationBuilder);
    }

    public static void CreateSqliteTriggers(MigrationBuilder migrationBuilder)
    {
        foreach (var sql in SqliteTriggers())
        {
            migrationBuilder.Sql(sql);
        }
    }

    /// <summary>The SQLite triggers, so a bulk load can drop them and create them again (<see cref="BulkLoadAsync"/>).</summary>
    private static IEnumerable<string> SqliteTriggers()
    {
        foreach (var (table, column, parent) in Feeds)
        {
            foreach (var (verb, rows) in new[] { ("Insert", "SELECT {new} AS s"), ("Update", "SELECT {new} AS s UNION SELECT {old}"), ("Delete", "SELECT {old} AS s") })
            {
                var scopes = rows.Replace("{new}", ScopeOf(column, parent, "new", SqliteGlobal), StringComparison.Ordinal)
                    .Replace("{old}", ScopeOf(column, parent, "old", SqliteGlobal), StringComparison.Ordinal);
                // The WHERE also settles SQLite's parse of INSERT … SELECT … ON CONFLICT; a row whose parent is gone (a
                // cascade) moves nothing itself: the parent's own delete moved its municipality.
                yield return $"""
                    CREATE TRIGGER "TR_{table}_DashboardVersion{verb}" AFTER {verb.ToUpperInvariant()} ON "{table}" BEGIN
                        INSERT INTO "{Table}" ("Scope", "Version") SELECT s, 1 FROM ({scopes}) WHERE s IS NOT NULL
                        ON CONFLICT ("Scope") DO UPDATE SET "Version" = "Version" + 1;
                    END;
                    """;
            }
        }
    }

    private static string DropSqliteTriggers() => string.Join('\n', Feeds.SelectMany(f => new[] { "Insert", "Update", "Delete" }
        .Select(verb => $"DROP TRIGGER IF EXISTS \"TR_{f.Table}_DashboardVersion{verb}\";")));

    public static void DropSqlite(MigrationBuilder migrationBuilder) => migrationBuilder.Sql(DropSqliteTriggers());

    /// <summary>
    /// Runs a bulk load of one municipality (returning its ID) on SQLite with the version triggers off, then moves that
    /// municipality's version and the global one once (a trigger per row made the synthetic generator about 40% slower).
    /// Call it inside a transaction: SQLite has one writer, so no other write can slip past the versions meanwhile, and a
    /// failure rolls the triggers back too. PostgreSQL bumps once per statement and keeps its triggers.
    /// </summary>
    public static async Task<Guid> BulkLoadAsync(Data.InfrastructuurDb db, Func<Task<Guid>> load, CancellationToken cancellationToken)
    {
        if (!db.Database.IsSqlite())
        {
            return await load();
        }

        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("A bulk load without the dashboard version triggers must run inside a transaction.");
        }

        await db.Database.ExecuteSqlRawAsync(DropSqliteTriggers(), cancellationToken);
        var municipality = await load();
        foreach (var trigger in SqliteTriggers())
        {
            await db.Database.ExecuteSqlRawAsync(trigger, cancellationToken);
        }

        foreach (var scope in new[] { Global, municipality })
        {
            // As EF Core stores a Guid on SQLite: upper-case text.
            var text = scope.ToString().ToUpperInvariant();
            await db.Database.ExecuteSqlAsync(
                $"""INSERT INTO "DashboardVersions" ("Scope", "Version") VALUES ({text}, 1) ON CONFLICT ("Scope") DO UPDATE SET "Version" = "Version" + 1""",
                cancellationToken);
        }

        return municipality;
    }

    public static void CreatePostgres(MigrationBuilder migrationBuilder)
    {
        const string global = "'00000000-0000-0000-0000-000000000000'::uuid";
        // In the order of the scopes, the global one first, so two statements bumping the same rows lock them in one order.
        migrationBuilder.Sql($"""
            INSERT INTO "{Table}" ("Scope", "Version") VALUES ({global}, 0);
            INSERT INTO "{Table}" ("Scope", "Version") SELECT "Id", 0 FROM "Municipalities";
            CREATE FUNCTION "{Table}_bump"(scopes uuid[]) RETURNS void LANGUAGE sql AS $fn$
                INSERT INTO "{Table}" ("Scope", "Version")
                    SELECT DISTINCT s, 1::bigint FROM unnest(scopes) AS s WHERE s IS NOT NULL ORDER BY s
                ON CONFLICT ("Scope") DO UPDATE SET "Version" = "{Table}"."Version" + 1;
            $fn$;
            """);
        foreach (var (table, column, parent) in Feeds)
        {
            var n = ScopeOf(column, parent, "r", global);
            migrationBuilder.Sql($"""
                CREATE FUNCTION "{Table}_on_{table}"() RETURNS trigger LANGUAGE plpgsql AS $fn$
                BEGIN
                    IF TG_OP = 'INSERT' THEN
                        PERFORM "{Table}_bump"(ARRAY(SELECT {n} FROM n AS r));
                    ELSIF TG_OP = 'DELETE' THEN
                        PERFORM "{Table}_bump"(ARRAY(SELECT {n} FROM o AS r));
                    ELSE
                        PERFORM "{Table}_bump"(ARRAY(SELECT {n} FROM n AS r UNION SELECT {n} FROM o AS r));
                    END IF;
                    RETURN NULL;
                END $fn$;
                CREATE TRIGGER "TR_{table}_DashboardVersionInsert" AFTER INSERT ON "{table}" REFERENCING NEW TABLE AS n
                    FOR EACH STATEMENT EXECUTE FUNCTION "{Table}_on_{table}"();
                CREATE TRIGGER "TR_{table}_DashboardVersionUpdate" AFTER UPDATE ON "{table}" REFERENCING OLD TABLE AS o NEW TABLE AS n
                    FOR EACH STATEMENT EXECUTE FUNCTION "{Table}_on_{table}"();
                CREATE TRIGGER "TR_{table}_DashboardVersionDelete" AFTER DELETE ON "{table}" REFERENCING OLD TABLE AS o
                    FOR EACH STATEMENT EXECUTE FUNCTION "{Table}_on_{table}"();
                """);
        }
    }

    public static void DropPostgres(MigrationBuilder migrationBuilder)
    {
        foreach (var (table, _, _) in Feeds)
        {
            migrationBuilder.Sql($"""
                DROP TRIGGER IF EXISTS "TR_{table}_DashboardVersionInsert" ON "{table}";
                DROP TRIGGER IF EXISTS "TR_{table}_DashboardVersionUpdate" ON "{table}";
                DROP TRIGGER IF EXISTS "TR_{table}_DashboardVersionDelete" ON "{table}";
                DROP FUNCTION IF EXISTS "{Table}_on_{table}"();
                """);
        }

        migrationBuilder.Sql($"""DROP FUNCTION IF EXISTS "{Table}_bump"(uuid[]);""");
    }

    /// <summary>
    /// Moves the versions at commit instead of at each statement (PostgreSQL). A version row bumped mid-transaction stays
    /// locked until commit, so two writers of one municipality that lock their own rows in opposite orders (one deletes a
    /// theme link, then updates the initiative another has just updated) deadlocked on it, and one of them failed instead of
    /// getting CONFLICT. Now a statement only notes its scopes in <c>DashboardVersionsPending</c>, keyed by transaction so
    /// writers never wait on each other there; a deferred trigger empties the transaction's notes at commit and bumps the
    /// versions in scope order, when the writer holds every other lock it will take. The notes never outlive their
    /// transaction (UNLOGGED: nothing to recover after a crash), and the table is not in the EF model.
    /// </summary>
    public static void BumpAtCommitPostgres(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        CREATE UNLOGGED TABLE "{Table}Pending" ("Tx" xid8 NOT NULL, "Scope" uuid NOT NULL, PRIMARY KEY ("Tx", "Scope"));
        CREATE OR REPLACE FUNCTION "{Table}_bump"(scopes uuid[]) RETURNS void LANGUAGE sql AS $fn$
            INSERT INTO "{Table}Pending" ("Tx", "Scope")
                SELECT DISTINCT pg_current_xact_id(), s FROM unnest(scopes) AS s WHERE s IS NOT NULL
            ON CONFLICT DO NOTHING;
        $fn$;
        CREATE FUNCTION "{Table}_flush"() RETURNS trigger LANGUAGE plpgsql AS $fn$
        BEGIN
            -- The first note of the transaction to fire takes them all; the others find none.
            WITH noted AS (DELETE FROM "{Table}Pending" WHERE "Tx" = pg_current_xact_id() RETURNING "Scope")
            INSERT INTO "{Table}" ("Scope", "Version") SELECT DISTINCT "Scope", 1::bigint FROM noted ORDER BY "Scope"
            ON CONFLICT ("Scope") DO UPDATE SET "Version" = "{Table}"."Version" + 1;
            RETURN NULL;
        END $fn$;
        CREATE CONSTRAINT TRIGGER "TR_{Table}Pending_Flush" AFTER INSERT ON "{Table}Pending"
            DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION "{Table}_flush"();
        """);

    /// <summary>Back to bumping at each statement (the <see cref="CreatePostgres"/> function).</summary>
    public static void BumpAtStatementPostgres(MigrationBuilder migrationBuilder) => migrationBuilder.Sql($"""
        DROP TABLE "{Table}Pending";
        DROP FUNCTION "{Table}_flush"();
        CREATE OR REPLACE FUNCTION "{Table}_bump"(scopes uuid[]) RETURNS void LANGUAGE sql AS $fn$
            INSERT INTO "{Table}" ("Scope", "Version")
                SELECT DISTINCT s, 1::bigint FROM unnest(scopes) AS s WHERE s IS NOT NULL ORDER BY s
            ON CONFLICT ("Scope") DO UPDATE SET "Version" = "{Table}"."Version" + 1;
        $fn$;
        """);

    /// <summary>The versions of every scope, in one statement: a dashboard request reads them once and keeps them.</summary>
    public static Task<Dictionary<Guid, long>> ReadAsync(Data.InfrastructuurDb db, CancellationToken cancellationToken) =>
        db.Set<DashboardVersion>().AsNoTracking().ToDictionaryAsync(v => v.Scope, v => v.Version, cancellationToken);
}
