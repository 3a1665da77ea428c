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

    public string? Area { get; set; }

    public string? Neighbourhood { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }
}

public sealed class DashboardScopeInputType : InputObjectGraphType<DashboardScopeInput>
{
    public DashboardScopeInputType()
    {
        Name = "DashboardScope";
        Description = "What a dashboard covers: exactly one place (a municipality, one of its working areas, or one CBS region) and a period of days, both ends included; without one, the current calendar year.";
        Field<IdGraphType>("municipality").Description("The whole municipality (Municipality ID): everything registered in it.");
        Field<IdGraphType>("area").Description("One working area (Area ID): its regions and the regions directly inside them (a district includes its buurten).");
        Field<IdGraphType>("neighbourhood").Description("One CBS region (Neighbourhood ID) and the regions directly inside it (a district includes its buurten).");
        Field<DateOnlyGraphType>("from").Description("The first day of the period. Give both from and to, or neither for the current calendar year (UTC); annualReview(year) reviews its own year and needs neither.");
        Field<DateOnlyGraphType>("to").Description($"The last day of the period; at most {Scope.MaxYears} years after 'from'. Give both from and to, or neither.");
    }
}

/// <summary>
/// A dashboard scope checked and resolved: the municipality it lies in, the regions it covers (every region of the
/// municipality for the whole municipality), the period, and whether the caller may see the records behind the figures (admin, or an official
/// serving the municipality). Figures are computed for exactly this, so it is also the cache key.
/// </summary>
public sealed record Scope(Guid MunicipalityId, Guid? AreaId, Guid? NeighbourhoodId, IReadOnlyList<Guid> Regions, DateOnly From, DateOnly To, bool SeesRecords)
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
    public string Key => $"{MunicipalityId:N}|{AreaId:N}|{NeighbourhoodId:N}|{From:yyyy-MM-dd}|{To:yyyy-MM-dd}|{(SeesRecords ? "all" : "public")}";

    /// <summary>The whole municipality: records count by the municipality they belong to, whether or not they name a region.</summary>
    public bool IsWholeMunicipality => AreaId is null && NeighbourhoodId is null;

    /// <summary>Checks the input (exactly one place, a sane period), finds the place and the caller's rights; NOT_FOUND when the place does not exist.</summary>
    public static async Task<Scope> ResolveAsync(IResolveFieldContext context, DashboardScopeInput input)
    {
        if (new[] { input.Municipality, input.Area, input.Neighbourhood }.Count(v => v is not null) != 1)
        {
            throw ApiException.BadRequest("Give exactly one of 'scope.municipality', 'scope.area' or 'scope.neighbourhood'.");
        }

        var (from, to) = PeriodOf(input);
        CheckPeriod(from, to, "scope");
        var place = (await Place.ResolveAsync(context, input.Municipality, input.Area, input.Neighbourhood, "scope"))!;
        var viewer = await context.Request().ViewerAsync(context.CancellationToken);
        return new Scope(place.MunicipalityId, place.AreaId, place.NeighbourhoodId, place.Regions, from, to, viewer.Serves(place.MunicipalityId));
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

/// <summary>A municipality, one of its working areas or one region, with the regions it covers.</summary>
public sealed record Place(Guid MunicipalityId, Guid? AreaId, Guid? NeighbourhoodId, IReadOnlyList<Guid> Regions)
{
    public bool IsWholeMunicipality => AreaId is null && NeighbourhoodId is null;

    /// <summary>
    /// The place named by at most one of three IDs (null when none is given): a municipality covers all its regions, an area
    /// its regions and the regions directly inside them, a region itself and the regions directly inside it. NOT_FOUND
    /// when it does not exist.
    /// </summary>
    public static async Task<Place?> ResolveAsync(IResolveFieldContext context, string? municipalityId, string? areaId, string? neighbourhoodId, string argument)
    {
        var given = new[] { municipalityId, areaId, neighbourhoodId }.Count(v => v is not null);
        if (given == 0)
        {
            return null;
        }

        if (given > 1)
        {
            throw ApiException.BadRequest($"Give at most one of '{argument}.municipality', '{argument}.area' or '{argument}.neighbourhood'.");
        }

        var municipality = municipalityId is null ? (Guid?)null : GlobalId.Decode(municipalityId, nameof(Municipality));
        var area = areaId is null ? (Guid?)null : GlobalId.Decode(areaId, nameof(Area));
        var region = neighbourhoodId is null ? (Guid?)null : GlobalId.Decode(neighbourhoodId, nameof(Neighbourhood));
        var cancellationToken = context.CancellationToken;
        await using var db = await context.OpenDbAsync();
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

        var r = region!.Value;
        var lies = await db.Neighbourhoods.Where(x => x.Id == r).Select(x => (Guid?)x.MunicipalityId).FirstOrDefaultAsync(cancellationToken) ?? throw ApiException.NotFound("The neighbourhood");
        return new Place(lies, null, r, await db.Neighbourhoods.Where(Filters.AtOrBelow(r)).Select(n => n.Id).ToListAsync(cancellationToken));
    }
}
