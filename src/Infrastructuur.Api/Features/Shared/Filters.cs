using System.Linq.Expressions;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Shared;

/// <summary>
/// The conditions every curated <c>filterBy</c> input shares: where (municipality, working area, region including the
/// regions inside it), what (folded text) and how recent. All conditions of a filter are combined with AND.
/// </summary>
public abstract class PlaceAndTextFilter
{
    public string? Municipality { get; set; }

    public string? MunicipalityCode { get; set; }

    public string? Area { get; set; }

    public string? Neighbourhood { get; set; }

    public string? NeighbourhoodCode { get; set; }

    public string? Text { get; set; }

    public DateTime? ModifiedSince { get; set; }

    /// <summary>The place codes given (checked for their shape and against their ID twins), for <see cref="Codes.EnsureKnownAsync"/>.</summary>
    public CodeSet PlaceCodes() => new(
        Codes.Municipality(Municipality, MunicipalityCode, "municipalityCode"),
        Codes.Neighbourhood(Neighbourhood, NeighbourhoodCode, "neighbourhoodCode"));
}

/// <summary>The input type of a <see cref="PlaceAndTextFilter"/>: the shared fields, described once.</summary>
public abstract class PlaceAndTextFilterType<TFilter> : InputObjectGraphType<TFilter>
    where TFilter : PlaceAndTextFilter
{
    /// <param name="items">The plural noun the filter selects, e.g. "activities".</param>
    /// <param name="municipality">What the municipality condition means for these items.</param>
    /// <param name="where">How the items relate to regions, e.g. "serving" or "working in".</param>
    /// <param name="name">What the items' name is called, e.g. "name".</param>
    protected PlaceAndTextFilterType(string items, string municipality, string where, string name = "name")
    {
        Field<IdGraphType>("municipality").Description(municipality);
        Field<StringGraphType>("municipalityCode").Description(Codes.MunicipalityCodeDescription("municipality"));
        Field<IdGraphType>("area").Description($"Only {items} {where} a region of this working area (Area ID), or a region inside one of them.");
        Field<IdGraphType>("neighbourhood").Description($"Only {items} {where} this region (Neighbourhood ID) or a region inside it: a district includes its neighbourhoods.");
        Field<StringGraphType>("neighbourhoodCode").Description(Codes.NeighbourhoodCodeDescription("neighbourhood"));
        Field<StringGraphType>("text").Description($"Only {items} whose {name} and description contain every word of this text, ignoring case and accents (\"cafe middellander\" finds \"Café de Middellander\"). At most {Filters.MaxTextLength} characters.");
        Field<DateTimeGraphType>("modifiedSince").Description($"Only {items} created or changed at or after this moment (HSDS modified_after).");
    }
}

/// <summary>Building blocks for curated filters, each translated to SQL (EXISTS / IN / LIKE), never evaluated in memory.</summary>
public static class Filters
{
    public const int MaxTextLength = 200;

    public const int MaxWords = 10;

    /// <summary>A global ID argument of the given type, or null when absent.</summary>
    public static Guid? Id(string? value, string typeName) => value is null ? null : GlobalId.Decode(value, typeName);

    /// <summary>A list of global IDs (null or empty: no condition), at most <see cref="NodeQueries.MaxIds"/>.</summary>
    public static List<Guid>? Ids(IReadOnlyCollection<string>? values, string typeName, string field) =>
        Values(values, field)?.Select(v => GlobalId.Decode(v, typeName)).Distinct().ToList();

    /// <summary>A list of values (null or empty: no condition), at most <see cref="NodeQueries.MaxIds"/>.</summary>
    public static List<T>? Values<T>(IReadOnlyCollection<T>? values, string field)
    {
        if (values is null || values.Count == 0)
        {
            return null;
        }

        if (values.Count > NodeQueries.MaxIds)
        {
            throw ApiException.BadRequest($"'{field}' takes at most {NodeQueries.MaxIds} values; {values.Count} were given.");
        }

        return [.. values.Distinct()];
    }

    /// <summary>The folded words of a text condition; null when there is nothing to match.</summary>
    public static List<string>? Words(string? text)
    {
        if (text is null)
        {
            return null;
        }

        if (text.Length > MaxTextLength)
        {
            throw ApiException.BadRequest($"'text' takes at most {MaxTextLength} characters.");
        }

        var words = TextKey.Fold(text).Split(' ', StringSplitOptions.RemoveEmptyEntries).Distinct(StringComparer.Ordinal).ToList();
        if (words.Count > MaxWords)
        {
            throw ApiException.BadRequest($"'text' takes at most {MaxWords} words.");
        }

        return words.Count == 0 ? null : words;
    }

    /// <summary>Rows whose folded name and description contain every one of the folded <paramref name="words"/> (<see cref="Words"/>).</summary>
    public static IQueryable<T> ContainingWords<T>(this IQueryable<T> query, List<string>? words)
        where T : ISearchable
    {
        foreach (var word in words ?? [])
        {
            // Folded words hold letters and digits only, so they need no LIKE escaping; SearchText is folded the same way.
            var pattern = $"%{word}%";
            query = query.Where(x => EF.Functions.Like(x.SearchText, pattern));
        }

        return query;
    }

    /// <summary>A moment as UTC (timestamps are stored in UTC; a value without offset is taken as UTC).</summary>
    public static DateTime? Utc(DateTime? value) => value switch
    {
        null => null,
        { Kind: DateTimeKind.Unspecified } v => DateTime.SpecifyKind(v, DateTimeKind.Utc),
        { } v => v.ToUniversalTime(),
    };

    /// <summary>
    /// Compiles the shared conditions into a query step; arguments are checked now, so a bad ID fails before any SQL runs.
    /// <paramref name="regions"/> are the regions an item serves; <paramref name="inMunicipality"/> says what belonging to a
    /// municipality means for it; <paramref name="inRegion"/>, when given, tests "serves the region or one inside it" on a
    /// table the database keeps for that instead of on the links. <paramref name="regionWalked"/> leaves that test out for a
    /// source that holds only the region's items already (it would only mislead the planner's estimates).
    /// </summary>
    public static Func<InfrastructuurDb, IQueryable<T>, IQueryable<T>> PlaceAndText<T>(
        PlaceAndTextFilter? filter,
        Expression<Func<T, IEnumerable<Neighbourhood>>> regions,
        Func<Guid, Expression<Func<T, bool>>> inMunicipality,
        Func<IQueryable<Guid>, Expression<Func<T, bool>>> inMunicipalities,
        Func<InfrastructuurDb, Guid, Expression<Func<T, bool>>>? inRegion = null,
        bool regionWalked = false)
        where T : Entity, ISearchable
    {
        if (filter is null)
        {
            return (_, q) => q;
        }

        var codes = filter.PlaceCodes();
        var municipality = Id(filter.Municipality, nameof(Geography.Municipality));
        var area = Id(filter.Area, nameof(Geography.Area));
        var region = Id(filter.Neighbourhood, nameof(Geography.Neighbourhood));
        var words = Words(filter.Text);
        var since = Utc(filter.ModifiedSince);
        var links = ((MemberExpression)regions.Body).Member.Name;
        return (db, q) =>
        {
            if (municipality is { } m)
            {
                q = q.Where(inMunicipality(m));
            }

            if (area is { } a)
            {
                q = q.Where(Serving<T>(db, links, null, db.Neighbourhoods.Where(InOrBelowArea(a)).Select(n => n.Id)));
            }

            if (region is { } r && !regionWalked)
            {
                q = q.Where(inRegion?.Invoke(db, r) ?? Serving<T>(db, links, r, db.Neighbourhoods.Where(n => n.ParentId == r).Select(n => n.Id)));
            }

            if (codes.Municipality is { } municipalityCode)
            {
                q = q.Where(inMunicipalities(Codes.MunicipalityIds(db, municipalityCode)));
            }

            if (codes.Neighbourhood is { } regionCode)
            {
                q = q.Where(Serving<T>(db, links, null, Codes.AtOrBelow(db, regionCode)));
            }

            q = q.ContainingWords(words);
            if (since is { } s)
            {
                q = q.Where(x => x.ModifiedAt >= s);
            }

            return q;
        };
    }

    /// <summary>
    /// Rows linked to <paramref name="region"/> or any of <paramref name="others"/> through the many-to-many
    /// <paramref name="navigation"/>, tested on its link table alone: <c>row.Neighbourhoods.Any(…)</c> would join the
    /// regions table for every row even when only the key is compared. The OR keeps PostgreSQL from turning the
    /// uncorrelated subquery back into that join: it runs once, as a hashed set.
    /// </summary>
    public static Expression<Func<T, bool>> Serving<T>(InfrastructuurDb db, string navigation, Guid? region, IQueryable<Guid> others)
        where T : Entity
    {
        var skip = db.Model.FindEntityType(typeof(T))?.FindSkipNavigation(navigation)
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{navigation} is not a many-to-many navigation.");
        var owner = skip.ForeignKey.Properties.Single().Name;
        var target = skip.Inverse.ForeignKey.Properties.Single().Name;
        var table = db.Set<Dictionary<string, object>>(skip.JoinEntityType.Name);
        return region is { } r
            ? x => table.Any(l => EF.Property<Guid>(l, owner) == x.Id && (EF.Property<Guid>(l, target) == r || others.Contains(EF.Property<Guid>(l, target))))
            : x => table.Any(l => EF.Property<Guid>(l, owner) == x.Id && others.Contains(EF.Property<Guid>(l, target)));
    }

    /// <summary>The region itself or one directly inside it (CBS regions are two levels: wijk → buurt).</summary>
    public static Expression<Func<Neighbourhood, bool>> AtOrBelow(Guid region) => n => n.Id == region || n.ParentId == region;

    /// <summary>A region of the area, or a region inside one of them.</summary>
    public static Expression<Func<Neighbourhood, bool>> InOrBelowArea(Guid area) =>
        n => n.Areas.Any(a => a.Id == area) || (n.Parent != null && n.Parent.Areas.Any(a => a.Id == area));

    /// <summary>
    /// Items tagged with any of the terms or a term below one of them. The taxonomies are two levels deep in practice;
    /// three are covered (term, child, grandchild) by comparing parent and grandparent: no path column to keep up to date.
    /// </summary>
    public static IQueryable<T> WithTermAtOrBelow<T, TTerm>(this IQueryable<T> query, InfrastructuurDb db, Expression<Func<T, IEnumerable<TTerm>>> terms, List<Guid>? ids)
        where TTerm : TaxonomyTerm
    {
        if (ids is null)
        {
            return query;
        }

        var children = db.Set<TTerm>().Where(t => t.ParentId != null && ids.Contains(t.ParentId.Value)).Select(t => t.Id);
        var below = db.Set<TTerm>()
            .Where(t => ids.Contains(t.Id) || (t.ParentId != null && (ids.Contains(t.ParentId.Value) || children.Contains(t.ParentId.Value))))
            .Select(t => t.Id);
        return query.Where(AnyOf(terms, (Expression<Func<TTerm, bool>>)(t => below.Contains(t.Id))));
    }

    /// <summary>
    /// As above, for terms given as a subquery (by code, <see cref="Codes.TermIds{TTerm}"/>), resolved in the same SQL. The
    /// same lines as above on purpose: EF Core translates a captured list and a captured subquery differently, and one
    /// body over both would need a hand-built expression tree.
    /// </summary>
    public static IQueryable<T> WithTermAtOrBelow<T, TTerm>(this IQueryable<T> query, InfrastructuurDb db, Expression<Func<T, IEnumerable<TTerm>>> terms, IQueryable<Guid>? roots)
        where TTerm : TaxonomyTerm
    {
        if (roots is null)
        {
            return query;
        }

        var children = db.Set<TTerm>().Where(t => t.ParentId != null && roots.Contains(t.ParentId.Value)).Select(t => t.Id);
        var below = db.Set<TTerm>()
            .Where(t => roots.Contains(t.Id) || (t.ParentId != null && (roots.Contains(t.ParentId.Value) || children.Contains(t.ParentId.Value))))
            .Select(t => t.Id);
        return query.Where(AnyOf(terms, (Expression<Func<TTerm, bool>>)(t => below.Contains(t.Id))));
    }

    /// <summary>x => children(x).Any(predicate), as one expression EF translates to EXISTS.</summary>
    public static Expression<Func<T, bool>> AnyOf<T, TChild>(Expression<Func<T, IEnumerable<TChild>>> children, Expression<Func<TChild, bool>> predicate) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.Call(typeof(Enumerable), nameof(Enumerable.Any), [typeof(TChild)], children.Body, predicate),
            children.Parameters);
}
