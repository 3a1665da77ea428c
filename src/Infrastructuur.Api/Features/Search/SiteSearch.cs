using System.Buffers.Text;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Search;

/// <summary>One matching record: its GraphQL type, its id and how well it matches (higher is better; per engine).</summary>
public sealed class SearchHit
{
    public string Kind { get; set; } = string.Empty;

    public Guid Id { get; set; }

    public double Rank { get; set; }
}

/// <summary>A hit with the record it found.</summary>
public sealed record SearchResult(SearchHit Hit, Entity Node);

/// <summary>
/// The folded words of a search. Every word must occur; the last one, when it has at least <see cref="MinPrefixLength"/>
/// characters, also matches longer words ("middel" finds Middelland), so results appear while someone types.
/// Folded words hold letters and digits only; each is still quoted for its engine's query syntax.
/// </summary>
public sealed class SearchTerms
{
    public const int MinPrefixLength = 3;

    private SearchTerms(List<string> words) => Words = words;

    public IReadOnlyList<string> Words { get; }

    private bool LastIsPrefix => Words[^1].Length >= MinPrefixLength;

    /// <summary>Null when the text holds no letter or digit (nothing can match).</summary>
    public static SearchTerms? Parse(string text) => Filters.Words(text) is { } words ? new(words) : null;

    /// <summary>An FTS5 query: quoted strings, implicitly AND-ed, the last one a prefix.</summary>
    public string Fts5Query() => string.Join(' ', Words.Select((w, i) => $"\"{w.Replace("\"", "\"\"", StringComparison.Ordinal)}\"{(i == Words.Count - 1 && LastIsPrefix ? "*" : "")}"));

    /// <summary>A to_tsquery text: quoted lexemes joined by AND, the last one a prefix.</summary>
    public string TsQuery() => string.Join(" & ", Words.Select((w, i) => $"'{w.Replace("'", "''", StringComparison.Ordinal)}'{(i == Words.Count - 1 && LastIsPrefix ? ":*" : "")}"));
}

/// <summary>
/// Where a search page starts: the record the previous page ended (or started) on, by kind and id — nothing else. The
/// rank is looked up again when the cursor is used: a rank in the cursor would be read by the caller, and on SQLite
/// bm25 moves when rows the caller may not see (drafts) are added, so it would tell them those rows exist.
/// </summary>
public sealed record SearchCursor(string Kind, Guid Id)
{
    private const string Prefix = "search";

    public static SearchCursor Of(SearchHit hit) => new(hit.Kind, hit.Id);

    public string Encode() => Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{Prefix}\n{Kind}\n{Id:N}"));

    public static SearchCursor? Decode(string? cursor)
    {
        if (cursor is null)
        {
            return null;
        }

        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n');
            if (parts.Length == 3 && parts[0] == Prefix && SiteSearch.Kinds.Contains(parts[1]) && Guid.TryParseExact(parts[2], "N", out var id))
            {
                return new(parts[1], id);
            }
        }
        catch (FormatException)
        {
            // fall through to the one error message below
        }

        throw Invalid();
    }

    /// <summary>The one answer to any cursor we did not hand out for this search, whatever is wrong with it.</summary>
    internal static ApiException Invalid() => ApiException.BadRequest("The cursor is not valid for this search, or its result no longer matches. Use a cursor from a search result, or start again without one.");
}

/// <summary>
/// Query.search in SQL: the engine's full-text index (see <see cref="SearchIndex"/>) gives each match a rank, the
/// database orders and pages by (rank, id), and the page's records are then read in one query per kind found. Ranks
/// never leave the server.
/// </summary>
public static class SiteSearch
{
    public static readonly IReadOnlySet<string> Kinds = SearchIndex.Sources.Select(s => s.Kind).ToHashSet(StringComparer.Ordinal);

    /// <summary>
    /// Every match the viewer may see, with its rank, as a query the caller can still filter, order, page and count:
    /// hidden rows (drafts) neither appear nor count, as on every other path.
    /// </summary>
    public static IQueryable<SearchHit> Hits(InfrastructuurDb db, SearchTerms terms, Viewer viewer)
    {
        var hits = db.Database.IsNpgsql() ? PostgresHits(db, terms) : SqliteHits(db, terms);
        hits = Visible<Organisation>(hits, db, viewer);
        hits = Visible<Initiative>(hits, db, viewer);
        hits = Visible<Activity>(hits, db, viewer);
        return Visible<Programme>(hits, db, viewer);
    }

    // Hits of kind T only when the row passes T's visibility rule; nothing is added for types without one.
    private static IQueryable<SearchHit> Visible<T>(IQueryable<SearchHit> hits, InfrastructuurDb db, Viewer viewer)
        where T : Entity
    {
        if (Visibility.Rule<T>(viewer) is null)
        {
            return hits;
        }

        var kind = typeof(T).Name;
        // A correlated EXISTS: each hit looks up its row by key, rather than the engine building the whole visible set.
        var visible = db.Set<T>().VisibleTo(viewer);
        return hits.Where(h => h.Kind != kind || visible.Any(e => e.Id == h.Id));
    }

    // bm25 is lower for better matches; negated, so that higher is better on both engines. The name weighs 4×.
    private static IQueryable<SearchHit> SqliteHits(InfrastructuurDb db, SearchTerms terms) =>
        db.Database.SqlQuery<SearchHit>($"""
            SELECT k."Kind" AS "Kind", k."EntityId" AS "Id", -bm25("SearchIndex", 4.0, 1.0) AS "Rank"
            FROM "SearchIndex" JOIN "SearchKeys" AS k ON k."RowId" = "SearchIndex".rowid
            WHERE "SearchIndex" MATCH {terms.Fts5Query()}
            """);

    // One branch per table, each on its own GIN index; {0} is the one parameter (the tsquery text), the rest constants.
    private static readonly string PostgresFormat = string.Join("\nUNION ALL\n", SearchIndex.Sources.Select(s => $$"""
        SELECT '{{s.Kind}}' AS "Kind", "Id", ts_rank("SearchVector", to_tsquery('simple', {0}), 1)::float8 AS "Rank"
        FROM "{{s.Table}}" WHERE "SearchVector" @@ to_tsquery('simple', {0})
        """));

    private static IQueryable<SearchHit> PostgresHits(InfrastructuurDb db, SearchTerms terms) =>
        db.Database.SqlQuery<SearchHit>(FormattableStringFactory.Create(PostgresFormat, terms.TsQuery()));

    /// <summary>One page: <paramref name="take"/> hits after (or, backward, before) the cursor, with their records.</summary>
    public static async Task<List<SearchResult>> PageAsync(InfrastructuurDb db, SearchTerms terms, Viewer viewer, SearchCursor? cursor, bool backward, int take, CancellationToken cancellationToken)
    {
        var hits = Hits(db, terms, viewer);
        if (cursor is { Kind: var anchorKind, Id: var id })
        {
            // The cursor's record as this caller finds it now: gone, hidden from them or no longer matching all answer alike.
            var anchor = await hits.Where(h => h.Kind == anchorKind && h.Id == id).Select(h => (double?)h.Rank).FirstOrDefaultAsync(cancellationToken);
            if (anchor is not { } rank)
            {
                throw SearchCursor.Invalid();
            }

            hits = backward
                ? hits.Where(h => h.Rank > rank || (h.Rank == rank && h.Id.CompareTo(id) < 0))
                : hits.Where(h => h.Rank < rank || (h.Rank == rank && h.Id.CompareTo(id) > 0));
        }

        var ordered = backward ? hits.OrderBy(h => h.Rank).ThenByDescending(h => h.Id) : hits.OrderByDescending(h => h.Rank).ThenBy(h => h.Id);
        var rows = await ordered.Take(take).ToListAsync(cancellationToken);
        var nodes = new Dictionary<Guid, Entity>();
        foreach (var kind in rows.Select(r => r.Kind).Distinct())
        {
            List<Guid> ids = [.. rows.Where(r => r.Kind == kind).Select(r => r.Id)];
            var found = kind switch
            {
                nameof(Organisation) => await LoadAsync<Organisation>(db, ids, cancellationToken),
                nameof(Initiative) => await LoadAsync<Initiative>(db, ids, cancellationToken),
                nameof(Activity) => await LoadAsync<Activity>(db, ids, cancellationToken),
                nameof(Programme) => await LoadAsync<Programme>(db, ids, cancellationToken),
                _ => [],
            };
            foreach (var node in found)
            {
                nodes[node.Id] = node;
            }
        }

        // A record deleted between the two statements simply drops out of the page.
        return [.. rows.Where(r => nodes.ContainsKey(r.Id)).Select(r => new SearchResult(r, nodes[r.Id]))];
    }

    private static async Task<List<Entity>> LoadAsync<T>(InfrastructuurDb db, List<Guid> ids, CancellationToken cancellationToken)
        where T : Entity =>
        [.. await db.Set<T>().AsNoTracking().Where(e => ids.Contains(e.Id)).ToListAsync(cancellationToken)];
}
