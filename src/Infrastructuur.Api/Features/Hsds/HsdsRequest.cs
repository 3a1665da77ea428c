using System.Globalization;
using System.Text.RegularExpressions;
using Infrastructuur.Api.Features.Shared;

namespace Infrastructuur.Api.Features.Hsds;

/// <summary>A parameter HSDS's OpenAPI defines, for <see cref="HsdsRequest.Parse"/>: which endpoint takes which.</summary>
[Flags]
public enum HsdsParameter
{
    None = 0,
    Search = 1,
    Page = 2,
    PerPage = 4,
    TaxonomyTermId = 8,
    TaxonomyId = 16,
    OrganizationId = 32,
    ModifiedAfter = 64,
    Full = 128,
    FullService = 256,
    TopOnly = 512,
    ParentId = 1024,
    Paging = Page | PerPage,
}

/// <summary>The query parameters of an HSDS request, checked: a bad value is a <see cref="HsdsBadRequestException"/> (400) before any SQL runs.</summary>
public sealed partial record HsdsRequest
{
    public const int DefaultPerPage = 50;

    /// <summary>The largest page, as on every GraphQL connection.</summary>
    public const int MaxPerPage = 100;

    /// <summary>Pages beyond this are refused (OFFSET arithmetic stays within an int, and nobody pages a million deep).</summary>
    public const int MaxPage = 100_000;

    // Parameters of the OpenAPI we do not implement: refused, so a caller never takes an unfiltered list for a filtered one.
    private static readonly string[] Unsupported = ["minimal", "postcode", "proximity"];

    private static readonly (string Name, HsdsParameter Flag)[] Names =
    [
        ("search", HsdsParameter.Search), ("page", HsdsParameter.Page), ("per_page", HsdsParameter.PerPage),
        ("taxonomy_term_id", HsdsParameter.TaxonomyTermId), ("taxonomy_id", HsdsParameter.TaxonomyId),
        ("organization_id", HsdsParameter.OrganizationId), ("modified_after", HsdsParameter.ModifiedAfter),
        ("full", HsdsParameter.Full), ("full_service", HsdsParameter.FullService), ("top_only", HsdsParameter.TopOnly),
        ("parent_id", HsdsParameter.ParentId),
    ];

    public int Page { get; init; } = 1;

    public int PerPage { get; init; } = DefaultPerPage;

    /// <summary>The folded words of <c>search</c>; null when not searching.</summary>
    public List<string>? Words { get; init; }

    public Guid? TaxonomyTermId { get; init; }

    public Guid? TaxonomyId { get; init; }

    public Guid? OrganizationId { get; init; }

    public DateTime? ModifiedAfter { get; init; }

    public bool Full { get; init; }

    public bool FullService { get; init; }

    public bool TopOnly { get; init; }

    public Guid? ParentId { get; init; }

    public int Offset => (Page - 1) * PerPage;

    /// <summary>Reads the parameters <paramref name="allowed"/> for this endpoint; any other HSDS parameter is refused.</summary>
    public static HsdsRequest Parse(IQueryCollection query, HsdsParameter allowed)
    {
        foreach (var name in Unsupported)
        {
            if (query.ContainsKey(name) && !(name == "minimal" && Bool(query, name) == false))
            {
                throw new HsdsBadRequestException($"'{name}' is not supported by this API (docs/hsds-mapping.md).");
            }
        }

        if (query.TryGetValue("format", out var format) && !string.Equals(format.ToString(), "json", StringComparison.Ordinal))
        {
            throw new HsdsBadRequestException("'format' must be json: this API does not stream ndjson.");
        }

        foreach (var (name, flag) in Names)
        {
            if (query.TryGetValue(name, out var values))
            {
                if (!allowed.HasFlag(flag))
                {
                    throw new HsdsBadRequestException($"'{name}' is not a parameter of this endpoint.");
                }

                if (values.Count > 1)
                {
                    throw new HsdsBadRequestException($"'{name}' may be given once.");
                }
            }
        }

        var perPage = Int(query, "per_page") ?? DefaultPerPage;
        if (perPage is < 1 or > MaxPerPage)
        {
            throw new HsdsBadRequestException($"'per_page' must be from 1 to {MaxPerPage}.");
        }

        var page = Int(query, "page") ?? 1;
        if (page is < 1 or > MaxPage)
        {
            throw new HsdsBadRequestException($"'page' must be from 1 to {MaxPage}.");
        }

        return new HsdsRequest
        {
            Page = page,
            PerPage = perPage,
            Words = Search(query),
            TaxonomyTermId = Uuid(query, "taxonomy_term_id"),
            TaxonomyId = Uuid(query, "taxonomy_id"),
            OrganizationId = Uuid(query, "organization_id"),
            ParentId = Uuid(query, "parent_id"),
            ModifiedAfter = Moment(query, "modified_after"),
            Full = Bool(query, "full") ?? false,
            FullService = Bool(query, "full_service") ?? false,
            TopOnly = Bool(query, "top_only") ?? false,
        };
    }

    /// <summary>An ID in the path: a UUID in its usual 8-4-4-4-12 form.</summary>
    public static Guid PathId(string value) =>
        UuidPattern().IsMatch(value) && Guid.TryParseExact(value, "D", out var id) ? id : throw new HsdsBadRequestException($"'{value}' is not a UUID.");

    private static int? Int(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values.ToString();
        return text.Length is > 0 and <= 9 && text.All(char.IsAsciiDigit)
            ? int.Parse(text, CultureInfo.InvariantCulture)
            : throw new HsdsBadRequestException($"'{name}' must be a whole number.");
    }

    private static bool? Bool(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        return values.ToString() switch
        {
            "true" => true,
            "false" => false,
            _ => throw new HsdsBadRequestException($"'{name}' must be true or false."),
        };
    }

    private static Guid? Uuid(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values.ToString();
        return UuidPattern().IsMatch(text) && Guid.TryParseExact(text, "D", out var id) ? id : throw new HsdsBadRequestException($"'{name}' must be a UUID.");
    }

    // RFC 3339: a date-time with an offset or Z; a day alone means its start in UTC. Nothing locale-dependent.
    private static DateTime? Moment(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var values))
        {
            return null;
        }

        var text = values.ToString();
        if (DatePattern().IsMatch(text) && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc);
        }

        if (DateTimePattern().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var moment))
        {
            return moment.UtcDateTime;
        }

        throw new HsdsBadRequestException($"'{name}' must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z, or a date such as 2026-01-31.");
    }

    private static List<string>? Search(IQueryCollection query)
    {
        if (!query.TryGetValue("search", out var values))
        {
            return null;
        }

        var text = values.ToString();
        if (text.Length > Filters.MaxTextLength)
        {
            throw new HsdsBadRequestException($"'search' takes at most {Filters.MaxTextLength} characters.");
        }

        if (text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length > Filters.MaxWords)
        {
            throw new HsdsBadRequestException($"'search' takes at most {Filters.MaxWords} words.");
        }

        return Filters.Words(text);
    }

    [GeneratedRegex("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")]
    private static partial Regex UuidPattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}$")]
    private static partial Regex DatePattern();

    [GeneratedRegex("^[0-9]{4}-[0-9]{2}-[0-9]{2}[Tt][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]{1,7})?([Zz]|[+-][0-9]{2}:[0-9]{2})$")]
    private static partial Regex DateTimePattern();
}

/// <summary>A bad parameter: 400 BAD_REQUEST with this message.</summary>
public sealed class HsdsBadRequestException(string message) : Exception(message);
