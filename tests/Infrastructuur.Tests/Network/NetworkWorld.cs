using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Network;

/// <summary>
/// A fresh municipality of its own for one test: a district with two buurten, a second district, an area, a theme
/// with a sub-theme and an unrelated theme, two organisations and two initiatives. Filtering by this municipality (or
/// by these records) keeps a test's assertions independent of the demo data and of other tests.
/// </summary>
public sealed class NetworkWorld
{
    private static int _next = 9000;

    public required Municipality Municipality { get; init; }

    public required Neighbourhood District { get; init; }

    public required Neighbourhood BuurtA { get; init; }

    public required Neighbourhood BuurtB { get; init; }

    public required Neighbourhood OtherDistrict { get; init; }

    public required Area Area { get; init; }

    public required Theme Theme { get; init; }

    public required Theme SubTheme { get; init; }

    public required Theme OtherTheme { get; init; }

    public required Organisation OrganisationA { get; init; }

    public required Organisation OrganisationB { get; init; }

    public required Initiative InitiativeA { get; init; }

    public required Initiative InitiativeB { get; init; }

    public static async Task<NetworkWorld> CreateAsync(TestApp app)
    {
        var n = Interlocked.Increment(ref _next);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var municipality = new Municipality { Name = $"Testgemeente {n}", CbsCode = $"GM{n}" };
        var district = new Neighbourhood { Name = $"Wijk {suffix}", Level = RegionLevel.District, Municipality = municipality };
        var buurtA = new Neighbourhood { Name = $"Buurt A {suffix}", Level = RegionLevel.Neighbourhood, Municipality = municipality, Parent = district };
        var buurtB = new Neighbourhood { Name = $"Buurt B {suffix}", Level = RegionLevel.Neighbourhood, Municipality = municipality, Parent = district };
        var otherDistrict = new Neighbourhood { Name = $"Andere wijk {suffix}", Level = RegionLevel.District, Municipality = municipality };
        var theme = new Theme { Code = $"t-{suffix}", NameNl = $"Thema {suffix}", NameEn = $"Theme {suffix}" };
        var subTheme = new Theme { Code = $"t-{suffix}-sub", NameNl = $"Subthema {suffix}", NameEn = $"Sub-theme {suffix}", Parent = theme };
        var world = new NetworkWorld
        {
            Municipality = municipality,
            District = district,
            BuurtA = buurtA,
            BuurtB = buurtB,
            OtherDistrict = otherDistrict,
            Area = new Area { Name = $"Gebied {suffix}", Municipality = municipality, Neighbourhoods = [buurtA] },
            Theme = theme,
            SubTheme = subTheme,
            OtherTheme = new Theme { Code = $"o-{suffix}", NameNl = $"Ander thema {suffix}", NameEn = $"Other theme {suffix}" },
            OrganisationA = new Organisation { Name = $"Organisatie A {suffix}", Kind = OrganisationKind.School },
            OrganisationB = new Organisation { Name = $"Organisatie B {suffix}", Kind = OrganisationKind.Welfare },
            InitiativeA = new Initiative { Name = $"Initiatief A {suffix}", Municipality = municipality, Status = InitiativeStatus.Active },
            InitiativeB = new Initiative { Name = $"Initiatief B {suffix}", Municipality = municipality, Status = InitiativeStatus.Active },
        };

        await using var db = await app.OpenDbAsync();
        db.AddRange(municipality, district, buurtA, buurtB, otherDistrict, world.Area, theme, subTheme, world.OtherTheme);
        db.AddRange(world.OrganisationA, world.OrganisationB, world.InitiativeA, world.InitiativeB);
        await db.SaveChangesAsync();
        return world;
    }

    /// <summary>Records of this world, tracked by <paramref name="db"/> (for many-to-many links), by ID.</summary>
    public static async Task<List<T>> Find<T>(InfrastructuurDb db, params Entity[] records)
        where T : Entity
    {
        var list = new List<T>();
        foreach (var record in records)
        {
            list.Add((await db.Set<T>().FindAsync(record.Id))!);
        }

        return list;
    }

    /// <summary>The global ID of a record, as the API encodes it.</summary>
    public static string Id<T>(T record)
        where T : Entity =>
        GlobalId.Encode(typeof(T).Name, record.Id);

    /// <summary>The values of one string field across a list of objects.</summary>
    public static List<string> Strings(JsonNode? list, string field) =>
        [.. list!.AsArray().Select(n => n![field]!.GetValue<string>())];

    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);
}
