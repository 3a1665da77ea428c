using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>The dashboard(scope:) argument as the client sent it.</summary>
public sealed class DashboardScopeInput
{
    public string? Municipality { get; set; }

    public string? MunicipalityCode { get; set; }

    public string? Area { get; set; }

    public string? Neighbourhood { get; set; }

    public string? NeighbourhoodCode { get; set; }

    public List<string>? Neighbourhoods { get; set; }

    public List<string>? NeighbourhoodCodes { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public PlaceInput Place => new(Municipality, MunicipalityCode, Area, Neighbourhood, NeighbourhoodCode, Neighbourhoods, NeighbourhoodCodes);
}

public sealed class DashboardScopeInputType : InputObjectGraphType<DashboardScopeInput>
{
    public DashboardScopeInputType()
    {
        Name = "DashboardScope";
        Description = "What a dashboard covers: exactly one place (a municipality, one of its working areas, or one or more CBS regions of one municipality) and a period of days, both ends included; without one, the current calendar year.";
        Field<IdGraphType>("municipality").Description("The whole municipality (Municipality ID): everything registered in it.");
        Field<StringGraphType>("municipalityCode").Description(Codes.MunicipalityCodeDescription("municipality", ErrorCodes.NotFound));
        Field<IdGraphType>("area").Description("One working area (Area ID): its regions and the regions directly inside them (a district includes its buurten).");
        Field<IdGraphType>("neighbourhood").Description("One CBS region (Neighbourhood ID) and the regions directly inside it (a district includes its buurten).");
        Field<StringGraphType>("neighbourhoodCode").Description(Codes.NeighbourhoodCodeDescription("neighbourhood", ErrorCodes.NotFound));
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("neighbourhoods")
            .Description($"Several CBS regions (Neighbourhood IDs) of one municipality, each with the regions directly inside it: every section counts their union, a record serving two of them once. At most {NodeQueries.MaxIds}; regions of different municipalities are BAD_REQUEST.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("neighbourhoodCodes")
            .Description($"The same as 'neighbourhoods', by the regions' CBS codes (the newest code year wins). At most {NodeQueries.MaxIds}; an unknown code is NOT_FOUND, a malformed one BAD_REQUEST.");
        Field<DateOnlyGraphType>("from").Description("The first day of the period. Give both from and to, or neither for the current calendar year (UTC); annualReview(year) reviews its own year and needs neither.");
        Field<DateOnlyGraphType>("to").Description($"The last day of the period; at most {Scope.MaxYears} years after 'from'. Give both from and to, or neither.");
    }
}

/// <summary>
/// A dashboard scope checked and resolved: the municipality it lies in, the regions it covers (every region of the
/// municipality for the whole municipality), the period, and whether the caller may see the records behind the figures (admin, or an official
/// serving the municipality). Figures are computed for exactly this, so it is also the cache key.
/// </summary>
public sealed record Scope(Guid MunicipalityId, Guid? AreaId, IReadOnlyList<Guid>? NeighbourhoodIds, IReadOnlyList<Guid> Regions, DateOnly From, DateOnly To, bool SeesRecords)
{
    public const int MaxYears = 10;

    /// <summary>
    /// The period of equal length just before this one: as many calendar months back when the period is whole months (a
    /// calendar year's previous period is the year before, leap day or not), otherwise as many days.
    /// </summary>
    public Scope Previous()
    {
        if (From.Day == 1 && To.AddDays(1).Day == 1)
        {
            var months = ((To.Year - From.Year) * 12) + To.Month - From.Month + 1;
            return this with { From = From.AddMonths(-months), To = From.AddDays(-1) };
        }

        var days = To.DayNumber - From.DayNumber + 1;
        return this with { From = From.AddDays(-days), To = From.AddDays(-1) };
    }

    /// <summary>The same place over one calendar year.</summary>
    public Scope Year(int year) => this with { From = new DateOnly(year, 1, 1), To = new DateOnly(year, 12, 31) };

    /// <summary>The years the period from–to spans, counted in whole years of 366 days, from 1 to <see cref="MaxYears"/>.</summary>
    public static int YearsSpanned(DateOnly from, DateOnly to) => Math.Clamp((int)Math.Ceiling((to.DayNumber - from.DayNumber + 1) / 366.0), 1, MaxYears);

    /// <summary>A stable text naming this scope, for cache keys.</summary>
    public string Key => $"{MunicipalityId:N}|{AreaId:N}|{Place.KeyOf(NeighbourhoodIds)}|{From:yyyy-MM-dd}|{To:yyyy-MM-dd}|{(SeesRecords ? "all" : "public")}";

    /// <summary>The whole municipality: records count by the municipality they belong to, whether or not they name a region.</summary>
    public bool IsWholeMunicipality => AreaId is null && !IsRegions;

    /// <summary>One or more regions (not an area or the whole municipality): figures are computed from the records, never from the facts.</summary>
    public bool IsRegions => NeighbourhoodIds is { Count: > 0 };

    /// <summary>Checks the input (exactly one place, a sane period), finds the place and the caller's rights; NOT_FOUND when the place does not exist.</summary>
    public static async Task<Scope> ResolveAsync(IResolveFieldContext context, DashboardScopeInput input)
    {
        if (input.Place.Given.Count == 0)
        {
            throw ApiException.BadRequest($"Give exactly one of {PlaceInput.Names("scope")}.");
        }

        var (from, to) = PeriodOf(input);
        CheckPeriod(from, to, "scope");
        var place = (await Place.ResolveAsync(context, input.Place, "scope"))!;
        var viewer = await context.Request().ViewerAsync(context.CancellationToken);
        return new Scope(place.MunicipalityId, place.AreaId, place.NeighbourhoodIds, place.Regions, from, to, viewer.Serves(place.MunicipalityId));
    }

    /// <summary>The period given, or the current calendar year when neither end is: annualReview(year) alone needs none.</summary>
    private static (DateOnly From, DateOnly To) PeriodOf(DashboardScopeInput input) => (input.From, input.To) switch
    {
        ({ } from, { } to) => (from, to),
        (null, null) => (new DateOnly(DateTime.UtcNow.Year, 1, 1), new DateOnly(DateTime.UtcNow.Year, 12, 31)),
        _ => throw ApiException.BadRequest("Give both 'scope.from' and 'scope.to', or neither for the current calendar year."),
    };

    public static void CheckPeriod(DateOnly from, DateOnly to, string argument)
    {
        if (from > to)
        {
            throw ApiException.BadRequest($"'{argument}.from' may not be after '{argument}.to'.");
        }

        if (to > from.AddYears(MaxYears))
        {
            throw ApiException.BadRequest($"'{argument}' may span at most {MaxYears} years.");
        }
    }
}

/// <summary>
/// A place as a filter or scope names it: a municipality (by ID or CBS code), a working area, or one or more regions (by ID
/// or CBS code, one or a list); at most one of them.
/// </summary>
public sealed record PlaceInput(
    string? Municipality,
    string? MunicipalityCode = null,
    string? Area = null,
    string? Neighbourhood = null,
    string? NeighbourhoodCode = null,
    IReadOnlyList<string>? Neighbourhoods = null,
    IReadOnlyList<string>? NeighbourhoodCodes = null)
{
    private static readonly string[] Fields = ["municipality", "municipalityCode", "area", "neighbourhood", "neighbourhoodCode", "neighbourhoods", "neighbourhoodCodes"];

    /// <summary>The names of the fields given (an empty list counts as not given).</summary>
    public List<string> Given =>
    [
        .. new object?[] { Municipality, MunicipalityCode, Area, Neighbourhood, NeighbourhoodCode, Neighbourhoods is { Count: > 0 } ? Neighbourhoods : null, NeighbourhoodCodes is { Count: > 0 } ? NeighbourhoodCodes : null }
            .Select((value, i) => (value, i)).Where(x => x.value is not null).Select(x => Fields[x.i]),
    ];

    /// <summary>"'scope.municipality', 'scope.municipalityCode', … or 'scope.neighbourhoodCodes'", for messages.</summary>
    public static string Names(string argument) =>
        string.Join(", ", Fields[..^1].Select(f => $"'{argument}.{f}'")) + $" or '{argument}.{Fields[^1]}'";
}

/// <summary>A municipality, one of its working areas or one or more regions of one municipality, with the regions it covers.</summary>
public sealed record Place(Guid MunicipalityId, Guid? AreaId, IReadOnlyList<Guid>? NeighbourhoodIds, IReadOnlyList<Guid> Regions)
{
    public bool IsWholeMunicipality => AreaId is null && NeighbourhoodIds is not { Count: > 0 };

    /// <summary>The regions of a scope in a stable order, for cache keys: the same set is the same figure.</summary>
    public static string KeyOf(IReadOnlyList<Guid>? regions) => regions is null ? string.Empty : string.Join(',', regions.Order().Select(r => r.ToString("N")));

    /// <summary>
    /// The place named by at most one field of <paramref name="input"/> (null when none is given): a municipality covers
    /// all its regions, an area its regions and the regions directly inside them, a region itself and the regions directly
    /// inside it, and several regions the union of that. NOT_FOUND when a place (by ID or code) does not exist;
    /// BAD_REQUEST for two fields, a malformed code, more than <see cref="NodeQueries.MaxIds"/> regions, or regions of
    /// different municipalities.
    /// </summary>
    public static async Task<Place?> ResolveAsync(IResolveFieldContext context, PlaceInput input, string argument)
    {
        var given = input.Given;
        if (given.Count == 0)
        {
            return null;
        }

        if (given.Count > 1)
        {
            throw ApiException.BadRequest(given is [var id, var code] && code == id + "Code"
                ? $"Give '{argument}.{id}' or '{argument}.{code}', not both."
                : $"Give at most one of {PlaceInput.Names(argument)}.");
        }

        var municipality = input.Municipality is null ? (Guid?)null : GlobalId.Decode(input.Municipality, nameof(Municipality));
        var municipalityCode = Codes.Municipality(null, input.MunicipalityCode, $"{argument}.municipalityCode");
        var area = input.Area is null ? (Guid?)null : GlobalId.Decode(input.Area, nameof(Area));
        var regionIds = Filters.Ids(input.Neighbourhood is { } one ? [one] : input.Neighbourhoods, nameof(Neighbourhood), $"{argument}.neighbourhoods");
        var regionCodes = Filters.Values(input.NeighbourhoodCode is { } oneCode ? [oneCode] : input.NeighbourhoodCodes, $"{argument}.neighbourhoodCodes")
            ?.Select(c => Codes.Neighbourhood(null, c, input.NeighbourhoodCode is null ? $"{argument}.neighbourhoodCodes" : $"{argument}.neighbourhoodCode")!).Distinct().ToList();
        var cancellationToken = context.CancellationToken;
        await using var db = await context.OpenDbAsync();
        if (municipalityCode is { } c)
        {
            municipality = await Codes.MunicipalityIds(db, c).Select(m => (Guid?)m).FirstOrDefaultAsync(cancellationToken)
                ?? throw ApiException.NotFound($"The municipality with CBS code '{c}'");
        }

        if (municipality is { } m)
        {
            if (!await db.Municipalities.AnyAsync(x => x.Id == m, cancellationToken))
            {
                throw ApiException.NotFound("The municipality");
            }

            return new Place(m, null, null, await db.Neighbourhoods.Where(n => n.MunicipalityId == m).Select(n => n.Id).ToListAsync(cancellationToken));
        }

        if (area is { } a)
        {
            var owner = await db.Areas.Where(x => x.Id == a).Select(x => (Guid?)x.MunicipalityId).FirstOrDefaultAsync(cancellationToken) ?? throw ApiException.NotFound("The area");
            return new Place(owner, a, null, await db.Neighbourhoods.Where(Filters.InOrBelowArea(a)).Select(n => n.Id).ToListAsync(cancellationToken));
        }

        var named = regionIds is not null
            ? await RegionsAsync(db.Neighbourhoods.Where(n => regionIds.Contains(n.Id)), regionIds.Count, _ => "The neighbourhood", cancellationToken)
            : await RegionsByCodeAsync(db, regionCodes!, cancellationToken);
        var lies = named.Select(r => r.MunicipalityId).Distinct().ToList();
        if (lies.Count > 1)
        {
            throw ApiException.BadRequest($"The regions of '{argument}' must lie in one municipality; these lie in {lies.Count}.");
        }

        List<Guid> ids = [.. named.Select(r => r.Id).Order()];
        var regions = ids is [var r]
            ? db.Neighbourhoods.Where(Filters.AtOrBelow(r))
            : db.Neighbourhoods.Where(n => ids.Contains(n.Id) || (n.ParentId != null && ids.Contains(n.ParentId.Value)));
        return new Place(lies[0], null, ids, await regions.Select(n => n.Id).ToListAsync(cancellationToken));
    }

    private sealed record Region(Guid Id, Guid MunicipalityId, string? CbsCode);

    private static async Task<List<Region>> RegionsAsync(IQueryable<Neighbourhood> regions, int expected, Func<List<Region>, string> missing, CancellationToken cancellationToken)
    {
        var found = await regions.OrderBy(n => n.Id).Select(n => new Region(n.Id, n.MunicipalityId, n.CbsCode)).ToListAsync(cancellationToken);
        return found.Count == expected ? found : throw ApiException.NotFound(missing(found));
    }

    // By code the newest code year wins, as Query.neighbourhood(cbsCode:); the message names the first code that names nothing.
    private static Task<List<Region>> RegionsByCodeAsync(InfrastructuurDb db, List<string> codes, CancellationToken cancellationToken) =>
        RegionsAsync(
            db.Neighbourhoods.Where(n => codes.Contains(n.CbsCode!) && !db.Neighbourhoods.Any(o => o.CbsCode == n.CbsCode && o.CbsCodeYear > n.CbsCodeYear)),
            codes.Count,
            found => $"The region with CBS code '{codes.First(c => !found.Any(f => f.CbsCode == c))}'",
            cancellationToken);
}
