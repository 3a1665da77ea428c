using System.Buffers;
using System.Data.Common;
using System.Text.Json;
using Infrastructuur.Api.Features.Search;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Bench;

/// <summary>
/// The floor of each benchmark scenario: the SQL a database expert would write for the scenario's answer, one prepared
/// statement per request, run with Npgsql or Microsoft.Data.Sqlite directly (no EF Core, no GraphQL) and streamed into
/// the API's JSON — same fields in the same order, the same global IDs, the same rows an anonymous caller may see
/// (drafts and the activities of draft initiatives hidden, as VisibilityRules has it). bench/run.sh checks that each
/// answer equals the API's before it times anything, so the ratio shows what the API costs above the best SQL.
/// </summary>
internal static class FloorEndpoints
{
    // An anonymous caller sees an activity that is no draft and is not run by a draft initiative (VisibilityRules.Activity);
    // "i" is the activity's providing initiative, left-joined.
    private const string VisibleActivity = """a."Status" <> 'Draft' AND (a."ProviderInitiativeId" IS NULL OR i."Status" <> 'Draft')""";

    private const string WithProvider = """
        LEFT JOIN "Organisations" AS o ON o."Id" = a."ProviderOrganisationId"
        LEFT JOIN "Initiatives" AS i ON i."Id" = a."ProviderInitiativeId"
        """;

    // Q1: the activity by key joined with its provider (at most one of the two joins finds a row).
    private static readonly FloorStatement Q1 = Both($"""
        SELECT a."Name", COALESCE(o."Name", i."Name")
        FROM "Activities" AS a
        {WithProvider}
        WHERE a."Id" = $1 AND {VisibleActivity}
        """);

    // Q2: the region and the regions directly inside it (index on ParentId) collected once; then visible activities in
    // (StartsOnKey, Id) order, each kept when one of its link rows names one of those regions (a key probe of the link
    // table) and joined with its provider's name, until 50 are found. On the synthetic set's SQLite database this beat
    // starting from the region's ~2,600 link rows and sorting them (about 5 ms against 10 ms); each engine's planner
    // may still start from the links where a region is rare.
    private static readonly FloorStatement Q2 = Both($"""
        WITH r AS MATERIALIZED (SELECT $1 AS "Id" UNION ALL SELECT n."Id" FROM "Neighbourhoods" AS n WHERE n."ParentId" = $1)
        SELECT a."Id", a."Name", COALESCE(o."Name", i."Name")
        FROM "Activities" AS a
        {WithProvider}
        WHERE EXISTS (SELECT 1 FROM "ActivityNeighbourhood" AS l WHERE l."ActivitiesId" = a."Id" AND l."NeighbourhoodsId" IN (SELECT "Id" FROM r))
            AND {VisibleActivity}
        ORDER BY a."StartsOnKey", a."Id"
        LIMIT 50
        """);

    // Q3: from the neighbourhood's row (none: no such region), its link rows, each activity's visibility checked once,
    // then that activity's themes, grouped; the few theme rows joined last for their code and sort key. A region without
    // visible activities gives one row of NULLs (an empty list).
    private static readonly FloorStatement Q3 = new(Q3Sql("COLLATE \"C\""), Q3Sql(""));

    // Q4: every searchable kind's match with its name in one statement, hidden kinds filtered per row, ranked as the API
    // ranks (the same rank expression per engine), ties by ID.
    private static readonly FloorStatement Q4 = new(
        $"""
        SELECT h."Kind", h."Name"
        FROM (
            SELECT 'Organisation' AS "Kind", o."Id", o."Name", ts_rank(o."SearchVector", to_tsquery('simple', $1), 1)::float8 AS "Rank"
            FROM "Organisations" AS o WHERE o."SearchVector" @@ to_tsquery('simple', $1)
            UNION ALL
            SELECT 'Initiative', i."Id", i."Name", ts_rank(i."SearchVector", to_tsquery('simple', $1), 1)::float8
            FROM "Initiatives" AS i WHERE i."SearchVector" @@ to_tsquery('simple', $1) AND i."Status" <> 'Draft'
            UNION ALL
            SELECT 'Activity', a."Id", a."Name", ts_rank(a."SearchVector", to_tsquery('simple', $1), 1)::float8
            FROM "Activities" AS a LEFT JOIN "Initiatives" AS i ON i."Id" = a."ProviderInitiativeId"
            WHERE a."SearchVector" @@ to_tsquery('simple', $1) AND {VisibleActivity}
            UNION ALL
            SELECT 'Programme', p."Id", p."Name", ts_rank(p."SearchVector", to_tsquery('simple', $1), 1)::float8
            FROM "Programmes" AS p WHERE p."SearchVector" @@ to_tsquery('simple', $1)) AS h
        ORDER BY h."Rank" DESC, h."Id"
        LIMIT 10
        """,
        // SQLite: one FTS5 index for all kinds; the visibility of each match is a key probe (a covering index for
        // activities), and the names are read for the 10 ranked matches only.
        $"""
        WITH h AS MATERIALIZED (
            SELECT k."Kind", k."EntityId", bm25("SearchIndex", 4.0, 1.0) AS "Rank"
            FROM "SearchIndex" AS x
            JOIN "SearchKeys" AS k ON k."RowId" = x.rowid
            WHERE "SearchIndex" MATCH $1
                AND (k."Kind" <> 'Initiative' OR EXISTS (SELECT 1 FROM "Initiatives" AS s WHERE s."Id" = k."EntityId" AND s."Status" <> 'Draft'))
                AND (k."Kind" <> 'Activity' OR EXISTS (
                    SELECT 1 FROM "Activities" AS a LEFT JOIN "Initiatives" AS i ON i."Id" = a."ProviderInitiativeId"
                    WHERE a."Id" = k."EntityId" AND {VisibleActivity}))
            ORDER BY "Rank", k."EntityId"
            LIMIT 10)
        SELECT h."Kind", COALESCE(o."Name", s."Name", a."Name", p."Name")
        FROM h
        LEFT JOIN "Organisations" AS o ON h."Kind" = 'Organisation' AND o."Id" = h."EntityId"
        LEFT JOIN "Initiatives" AS s ON h."Kind" = 'Initiative' AND s."Id" = h."EntityId"
        LEFT JOIN "Activities" AS a ON h."Kind" = 'Activity' AND a."Id" = h."EntityId"
        LEFT JOIN "Programmes" AS p ON h."Kind" = 'Programme' AND p."Id" = h."EntityId"
        ORDER BY h."Rank", h."EntityId"
        """);

    // Nested: the first 10 municipalities, per municipality its first 10 areas by an index range on (MunicipalityId,
    // NameKey, Id), per area its neighbourhood count and first 10 neighbourhoods from the link table: work per parent,
    // whatever the size of the child tables. One flat row per (municipality, area, neighbourhood), in output order.
    private static readonly FloorStatement Nested = new(
        """
        SELECT m."Id", m."Name", m."CbsCode", a."Id", a."Name", a."Total", n."Id", n."Name", n."CbsCode"
        FROM (SELECT "Id", "Name", "CbsCode", "NameKey" FROM "Municipalities" ORDER BY "NameKey", "Id" LIMIT 10) AS m
        LEFT JOIN LATERAL (
            SELECT x."Id", x."Name", x."NameKey", (SELECT count(*) FROM "AreaNeighbourhood" AS c WHERE c."AreasId" = x."Id") AS "Total"
            FROM "Areas" AS x WHERE x."MunicipalityId" = m."Id" ORDER BY x."NameKey", x."Id" LIMIT 10) AS a ON true
        LEFT JOIN LATERAL (
            SELECT y."Id", y."Name", y."CbsCode", y."NameKey"
            FROM "AreaNeighbourhood" AS l JOIN "Neighbourhoods" AS y ON y."Id" = l."NeighbourhoodsId"
            WHERE l."AreasId" = a."Id" ORDER BY y."NameKey", y."Id" LIMIT 10) AS n ON true
        ORDER BY m."NameKey", m."Id", a."NameKey", a."Id", n."NameKey", n."Id"
        """,
        // SQLite has no LATERAL: a correlated IN (… LIMIT 10) per parent is its per-parent index range; the areas are
        // materialised first so each area's count runs once, not once per neighbourhood row.
        """
        WITH m AS MATERIALIZED (SELECT "Id", "Name", "CbsCode", "NameKey" FROM "Municipalities" ORDER BY "NameKey", "Id" LIMIT 10),
        a AS MATERIALIZED (
            SELECT x."MunicipalityId", x."Id", x."Name", x."NameKey", (SELECT count(*) FROM "AreaNeighbourhood" AS c WHERE c."AreasId" = x."Id") AS "Total"
            FROM m JOIN "Areas" AS x ON x."Id" IN (
                SELECT y."Id" FROM "Areas" AS y WHERE y."MunicipalityId" = m."Id" ORDER BY y."NameKey", y."Id" LIMIT 10))
        SELECT m."Id", m."Name", m."CbsCode", a."Id", a."Name", a."Total", n."Id", n."Name", n."CbsCode"
        FROM m
        LEFT JOIN a ON a."MunicipalityId" = m."Id"
        LEFT JOIN "Neighbourhoods" AS n ON n."Id" IN (
            SELECT z."Id" FROM "AreaNeighbourhood" AS l JOIN "Neighbourhoods" AS z ON z."Id" = l."NeighbourhoodsId"
            WHERE l."AreasId" = a."Id" ORDER BY z."NameKey", z."Id" LIMIT 10)
        ORDER BY m."NameKey", m."Id", a."NameKey", a."Id", n."NameKey", n."Id"
        """);

    public static void Map(WebApplication app)
    {
        app.MapGet("/floor/typename", () => Results.Json(new { data = new { __typename = "Query" } }));

        // { municipalities(first: 10) { nodes { id name cbsCode areas(first: 10) { nodes { id name neighbourhoods(first: 10) { totalCount nodes { id name cbsCode } } } } } } }
        app.MapGet("/floor/nested", (FloorDatabase db, HttpContext http) => Answer(http, db, Nested, [], (rows, json) =>
        {
            json.WriteStartObject();
            json.WriteStartObject("municipalities");
            json.WriteStartArray("nodes");
            Guid? municipality = null, area = null;
            while (rows.Read())
            {
                var m = rows.GetGuid(0);
                if (m != municipality)
                {
                    if (area is not null)
                    {
                        CloseArea(json);
                    }

                    if (municipality is not null)
                    {
                        CloseMunicipality(json);
                    }

                    municipality = m;
                    area = null;
                    json.WriteStartObject();
                    json.WriteString("id", GlobalId.Encode("Municipality", m));
                    json.WriteString("name", rows.GetString(1));
                    json.WriteString("cbsCode", rows.GetString(2));
                    json.WriteStartObject("areas");
                    json.WriteStartArray("nodes");
                }

                if (rows.IsDBNull(3))
                {
                    continue;
                }

                var a = rows.GetGuid(3);
                if (a != area)
                {
                    if (area is not null)
                    {
                        CloseArea(json);
                    }

                    area = a;
                    json.WriteStartObject();
                    json.WriteString("id", GlobalId.Encode("Area", a));
                    json.WriteString("name", rows.GetString(4));
                    json.WriteStartObject("neighbourhoods");
                    json.WriteNumber("totalCount", rows.GetInt64(5));
                    json.WriteStartArray("nodes");
                }

                if (!rows.IsDBNull(6))
                {
                    json.WriteStartObject();
                    json.WriteString("id", GlobalId.Encode("Neighbourhood", rows.GetGuid(6)));
                    json.WriteString("name", rows.GetString(7));
                    WriteNullable(json, "cbsCode", rows, 8);
                    json.WriteEndObject();
                }
            }

            if (area is not null)
            {
                CloseArea(json);
            }

            if (municipality is not null)
            {
                CloseMunicipality(json);
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }));

        // Q1 — { activity(id: $id) { title: name provider { ... on Organisation { name } ... on Initiative { name } } } }
        app.MapGet("/floor/q1", (string id, FloorDatabase db, HttpContext http) => Answer(http, db, Q1, [GlobalId.Decode(id, "Activity")], (rows, json) =>
        {
            json.WriteStartObject();
            if (rows.Read())
            {
                json.WriteStartObject("activity");
                json.WriteString("title", rows.GetString(0));
                json.WriteStartObject("provider");
                json.WriteString("name", rows.GetString(1));
                json.WriteEndObject();
                json.WriteEndObject();
            }
            else
            {
                json.WriteNull("activity");
            }

            json.WriteEndObject();
        }));

        // Q2 — { activities(first: 50, filterBy: { neighbourhood: $neighbourhood }, orderBy: { field: STARTS_ON }) { nodes { id title: name provider { ...name } } } }
        app.MapGet("/floor/q2", (string neighbourhood, FloorDatabase db, HttpContext http) => Answer(http, db, Q2, [GlobalId.Decode(neighbourhood, "Neighbourhood")], (rows, json) =>
        {
            json.WriteStartObject();
            json.WriteStartObject("activities");
            json.WriteStartArray("nodes");
            while (rows.Read())
            {
                json.WriteStartObject();
                json.WriteString("id", GlobalId.Encode("Activity", rows.GetGuid(0)));
                json.WriteString("title", rows.GetString(1));
                json.WriteStartObject("provider");
                json.WriteString("name", rows.GetString(2));
                json.WriteEndObject();
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }));

        // Q3 — { neighbourhood(id: $neighbourhood) { activityCountsByTheme { theme { code } count } } }
        app.MapGet("/floor/q3", (string neighbourhood, FloorDatabase db, HttpContext http) => Answer(http, db, Q3, [GlobalId.Decode(neighbourhood, "Neighbourhood")], (rows, json) =>
        {
            json.WriteStartObject();
            if (!rows.Read())
            {
                json.WriteNull("neighbourhood");
                json.WriteEndObject();
                return;
            }

            json.WriteStartObject("neighbourhood");
            json.WriteStartArray("activityCountsByTheme");
            if (!rows.IsDBNull(0))
            {
                do
                {
                    json.WriteStartObject();
                    json.WriteStartObject("theme");
                    json.WriteString("code", rows.GetString(0));
                    json.WriteEndObject();
                    json.WriteNumber("count", rows.GetInt64(1));
                    json.WriteEndObject();
                }
                while (rows.Read());
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndObject();
        }));

        // Q4 — { search(text: $text, first: 10) { nodes { __typename ... on Organisation { name } ... on Initiative { name } ... on Activity { name } ... on Programme { name } } } }
        app.MapGet("/floor/q4", async (string text, FloorDatabase db, HttpContext http) =>
        {
            // The API's own parse of the search text into each engine's query syntax (folding, quoting, prefix).
            var terms = SearchTerms.Parse(text);
            if (terms is null)
            {
                await WriteAsync(http, json => json.WriteRawValue("""{"search":{"nodes":[]}}"""));
                return;
            }

            await Answer(http, db, Q4, [db.IsPostgres ? terms.TsQuery() : terms.Fts5Query()], (rows, json) =>
            {
                json.WriteStartObject();
                json.WriteStartObject("search");
                json.WriteStartArray("nodes");
                while (rows.Read())
                {
                    var kind = rows.GetString(0);
                    json.WriteStartObject();
                    json.WriteString("__typename", kind);
                    json.WriteString("name", rows.GetString(1));
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteEndObject();
                json.WriteEndObject();
            });
        });
    }

    private static string Q3Sql(string ordinal) => $"""
        SELECT t."Code", c."Count"
        FROM "Neighbourhoods" AS r
        LEFT JOIN (
            SELECT th."ThemesId", count(*) AS "Count"
            FROM "ActivityNeighbourhood" AS l
            JOIN "Activities" AS a ON a."Id" = l."ActivitiesId"
            LEFT JOIN "Initiatives" AS i ON i."Id" = a."ProviderInitiativeId"
            JOIN "ActivityTheme" AS th ON th."ActivitiesId" = l."ActivitiesId"
            WHERE l."NeighbourhoodsId" = $1 AND {VisibleActivity}
            GROUP BY th."ThemesId") AS c ON TRUE
        LEFT JOIN "Themes" AS t ON t."Id" = c."ThemesId"
        WHERE r."Id" = $1
        ORDER BY c."Count" DESC, t."NameKey" {ordinal}, t."Id"
        """;

    private static FloorStatement Both(string sql) => new(sql, sql);

    /// <summary>Runs the statement and streams its rows as the response's <c>data</c>.</summary>
    private static async Task Answer(HttpContext http, FloorDatabase db, FloorStatement statement, object[] arguments, Action<DbDataReader, Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(4096);
        await db.QueryAsync(statement, arguments, rows =>
        {
            using var json = Start(buffer);
            write(rows, json);
            json.WriteEndObject();
            return 0;
        }, http.RequestAborted);
        await Send(http, buffer);
    }

    private static async Task WriteAsync(HttpContext http, Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var json = Start(buffer))
        {
            write(json);
            json.WriteEndObject();
        }

        await Send(http, buffer);
    }

    private static Utf8JsonWriter Start(ArrayBufferWriter<byte> buffer)
    {
        var json = new Utf8JsonWriter(buffer);
        json.WriteStartObject();
        json.WritePropertyName("data");
        return json;
    }

    private static async Task Send(HttpContext http, ArrayBufferWriter<byte> buffer)
    {
        http.Response.ContentType = "application/json; charset=utf-8";
        http.Response.ContentLength = buffer.WrittenCount;
        await http.Response.Body.WriteAsync(buffer.WrittenMemory, http.RequestAborted);
    }

    private static void CloseArea(Utf8JsonWriter json)
    {
        json.WriteEndArray();   // neighbourhoods.nodes
        json.WriteEndObject();  // neighbourhoods
        json.WriteEndObject();  // the area
    }

    private static void CloseMunicipality(Utf8JsonWriter json)
    {
        json.WriteEndArray();   // areas.nodes
        json.WriteEndObject();  // areas
        json.WriteEndObject();  // the municipality
    }

    private static void WriteNullable(Utf8JsonWriter json, string name, DbDataReader rows, int ordinal)
    {
        if (rows.IsDBNull(ordinal))
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, rows.GetString(ordinal));
        }
    }
}
