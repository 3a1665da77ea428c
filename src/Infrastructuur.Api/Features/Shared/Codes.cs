using System.Text.RegularExpressions;
using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Shared;

/// <summary>
/// The code twins of filter IDs: a municipality or region by its CBS code, a theme or target group by its code, so a
/// deep link (<c>BU05990325</c> + <c>healthy-food</c>) is one request. Codes are resolved inside the list's own SQL (a
/// subquery on the code column); only the check that every code exists is a query of its own, one for all codes of a
/// filter, because an unknown code must be an error rather than an empty list.
/// </summary>
public static partial class Codes
{
    /// <summary>The description of a municipality's code twin, named after its ID field; <paramref name="unknown"/> is the error code of a code that names nothing.</summary>
    public static string MunicipalityCodeDescription(string idField, string unknown = ErrorCodes.BadRequest) =>
        $"The same as '{idField}', by the municipality's CBS code (GM + 4 digits, e.g. GM1930). Give '{idField}' or this, not both; an unknown code is {unknown}, a malformed one BAD_REQUEST.";

    /// <summary>The description of a region's code twin, named after its ID field.</summary>
    public static string NeighbourhoodCodeDescription(string idField, string unknown = ErrorCodes.BadRequest) =>
        $"The same as '{idField}', by the region's CBS code (WK + 6 digits or BU + 8 digits, e.g. BU05990325); the newest code year wins, as in Query.neighbourhood(cbsCode:). Give '{idField}' or this, not both; an unknown code is {unknown}, a malformed one BAD_REQUEST.";

    /// <summary>The description of a taxonomy list's code twin; <paramref name="type"/> is the GraphQL type whose code it takes.</summary>
    public static string TermCodesDescription(string idField, string type) =>
        $"The same as '{idField}', by their codes ({type}.code, e.g. from a link). At most {NodeQueries.MaxIds}. Give '{idField}' or this, not both; an unknown code is BAD_REQUEST.";

    /// <summary>Neither an ID and its code twin both, nor a malformed CBS code; returns the code upper-cased, or null.</summary>
    public static string? Municipality(string? id, string? code, string field) => Cbs(id, code, field, MunicipalityPattern(), "GM followed by four digits, e.g. GM1930");

    /// <summary>As <see cref="Municipality"/>, for a region's code (WK + 6 digits or BU + 8 digits).</summary>
    public static string? Neighbourhood(string? id, string? code, string field) => Cbs(id, code, field, RegionPattern(), "WK followed by six digits or BU followed by eight, e.g. BU05990325");

    /// <summary>A list of taxonomy codes (null or empty: no condition), at most <see cref="NodeQueries.MaxIds"/>, never next to its ID twin.</summary>
    public static List<string>? Terms(IReadOnlyCollection<string>? ids, IReadOnlyCollection<string>? codes, string field)
    {
        Exclusive(ids is { Count: > 0 }, codes is { Count: > 0 }, field);
        return Filters.Values(codes, field)?.Select(c => c.Trim()).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>Refuses an ID field and its code twin given together.</summary>
    public static void Exclusive(bool id, bool code, string codeField)
    {
        if (id && code)
        {
            throw ApiException.BadRequest($"Give '{IdTwin(codeField)}' or '{codeField}', not both.");
        }
    }

    /// <summary>The municipality with this CBS code, as a subquery.</summary>
    public static IQueryable<Guid> MunicipalityIds(InfrastructuurDb db, string code) =>
        db.Municipalities.Where(m => m.CbsCode == code).Select(m => m.Id);

    /// <summary>The region with this CBS code, as a subquery: by code the newest code year wins, as Query.neighbourhood(cbsCode:).</summary>
    public static IQueryable<Guid> NeighbourhoodIds(InfrastructuurDb db, string code) =>
        db.Neighbourhoods
            .Where(n => n.CbsCode == code && !db.Neighbourhoods.Any(o => o.CbsCode == code && o.CbsCodeYear > n.CbsCodeYear))
            .Select(n => n.Id);

    /// <summary>The region with this CBS code and the regions directly inside it, as a subquery.</summary>
    public static IQueryable<Guid> AtOrBelow(InfrastructuurDb db, string code)
    {
        var named = NeighbourhoodIds(db, code);
        return db.Neighbourhoods.Where(n => named.Contains(n.Id) || (n.ParentId != null && named.Contains(n.ParentId.Value))).Select(n => n.Id);
    }

    /// <summary>The terms with these codes, as a subquery.</summary>
    public static IQueryable<Guid> TermIds<TTerm>(InfrastructuurDb db, List<string> codes)
        where TTerm : TaxonomyTerm =>
        db.Set<TTerm>().Where(t => codes.Contains(t.Code)).Select(t => t.Id);

    /// <summary>
    /// BAD_REQUEST naming the first code of <paramref name="codes"/> that names nothing, as a malformed ID is answered;
    /// one query for all of them, none when no code is given.
    /// </summary>
    public static async Task EnsureKnownAsync(this IResolveFieldContext context, CodeSet codes)
    {
        if (codes.IsEmpty)
        {
            return;
        }

        // Once per request for the same codes: a nested list asks for every parent of a page.
        var request = context.Request();
        var cancellationToken = context.CancellationToken;
        var unknown = await request.Shared($"codes:{codes.Key}", () => FirstUnknownAsync(request, codes, cancellationToken));
        if (unknown is not null)
        {
            throw ApiException.BadRequest(unknown);
        }
    }

    private static async Task<string?> FirstUnknownAsync(RequestContext request, CodeSet codes, CancellationToken cancellationToken)
    {
        await using var db = await request.DbFactory.CreateDbContextAsync(cancellationToken);
        var found = await codes.Known(db).ToListAsync(cancellationToken);
        return codes.FirstUnknown(found.ToHashSet(StringComparer.Ordinal));
    }

    private static string? Cbs(string? id, string? code, string field, Regex pattern, string shape)
    {
        Exclusive(id is not null, code is not null, field);
        if (code is null)
        {
            return null;
        }

        var normal = code.Trim().ToUpperInvariant();
        return pattern.IsMatch(normal) ? normal : throw ApiException.BadRequest($"'{field}' is a CBS code: {shape}.");
    }

    /// <summary>"neighbourhoodCode" → "neighbourhood", "themeCodes" → "themes", "filterBy.themeCodes" → "filterBy.themes".</summary>
    private static string IdTwin(string codeField) =>
        codeField.EndsWith("Codes", StringComparison.Ordinal) ? codeField[..^"Codes".Length] + "s"
        : codeField.EndsWith("Code", StringComparison.Ordinal) ? codeField[..^"Code".Length]
        : codeField;

    [GeneratedRegex("^GM[0-9]{4}$", RegexOptions.CultureInvariant)]
    private static partial Regex MunicipalityPattern();

    [GeneratedRegex("^(WK[0-9]{6}|BU[0-9]{8})$", RegexOptions.CultureInvariant)]
    private static partial Regex RegionPattern();
}

/// <summary>The codes one filter gives, checked together by <see cref="Codes.EnsureKnownAsync"/>.</summary>
public sealed record CodeSet(
    string? Municipality = null,
    string? Neighbourhood = null,
    IReadOnlyList<string>? Neighbourhoods = null,
    IReadOnlyList<string>? Themes = null,
    IReadOnlyList<string>? TargetGroups = null,
    string Prefix = "")
{
    /// <summary>A stable text naming these codes, for the per-request check.</summary>
    public string Key => $"{Prefix}|{Municipality}|{string.Join(',', Regions)}|{string.Join(',', Themes ?? [])}|{string.Join(',', TargetGroups ?? [])}";

    public bool IsEmpty => Municipality is null && Neighbourhood is null && Neighbourhoods is not { Count: > 0 } && Themes is not { Count: > 0 } && TargetGroups is not { Count: > 0 };

    private List<string> Regions => [.. Neighbourhoods ?? [], .. Neighbourhood is { } n ? [n] : Array.Empty<string>()];

    /// <summary>One UNION ALL over the code columns: each known code, tagged with its kind.</summary>
    public IQueryable<string> Known(InfrastructuurDb db)
    {
        var (municipality, regions) = (Municipality, Regions);
        List<string> themes = [.. Themes ?? []], groups = [.. TargetGroups ?? []];
        return db.Municipalities.Where(m => m.CbsCode == municipality).Select(m => "m:" + m.CbsCode)
            .Concat(db.Neighbourhoods.Where(n => regions.Contains(n.CbsCode!)).Select(n => "n:" + n.CbsCode))
            .Concat(db.Themes.Where(t => themes.Contains(t.Code)).Select(t => "t:" + t.Code))
            .Concat(db.TargetGroups.Where(t => groups.Contains(t.Code)).Select(t => "g:" + t.Code));
    }

    /// <summary>The message for the first code not among <paramref name="found"/>, or null when every code is known.</summary>
    public string? FirstUnknown(IReadOnlySet<string> found)
    {
        if (Municipality is { } m && !found.Contains("m:" + m))
        {
            return $"No municipality has the CBS code '{m}' ('{Prefix}municipalityCode').";
        }

        foreach (var n in Regions.Where(n => !found.Contains("n:" + n)))
        {
            return $"No region has the CBS code '{n}' ('{Prefix}{(Neighbourhoods is { Count: > 0 } ? "neighbourhoodCodes" : "neighbourhoodCode")}').";
        }

        foreach (var t in (Themes ?? []).Where(t => !found.Contains("t:" + t)))
        {
            return $"No theme has the code '{t}' ('{Prefix}themeCodes').";
        }

        foreach (var g in (TargetGroups ?? []).Where(g => !found.Contains("g:" + g)))
        {
            return $"No target group has the code '{g}' ('{Prefix}targetGroupCodes').";
        }

        return null;
    }
}
