using System.Globalization;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Offering;

/// <summary>
/// A small municipality of a test's own, written straight into the app's database: a district with a neighbourhood
/// inside it and a second district, an area over the first district, two organisations, an initiative, and a
/// three-level theme and target group taxonomy. Filtering on its municipality keeps every test's lists its own.
/// </summary>
public sealed class OfferingWorld : IAsyncDisposable
{
    // CBS codes are unique and six characters long: each world takes the next free test number in this process.
    private static int _nextCode = 9000;

    private readonly TestApp _app;
    private readonly InfrastructuurDb _db;

    private OfferingWorld(TestApp app, InfrastructuurDb db)
    {
        _app = app;
        _db = db;
        var tag = Guid.NewGuid().ToString("N")[..8];
        Municipality = new Municipality { Name = $"Testgemeente {tag}", CbsCode = $"GM{Interlocked.Increment(ref _nextCode).ToString(CultureInfo.InvariantCulture)}" };
        District = new Neighbourhood { Name = $"Wijk {tag}", Level = RegionLevel.District, Municipality = Municipality };
        Buurt = new Neighbourhood { Name = $"Buurt {tag}", Level = RegionLevel.Neighbourhood, Municipality = Municipality, Parent = District };
        OtherDistrict = new Neighbourhood { Name = $"Andere wijk {tag}", Level = RegionLevel.District, Municipality = Municipality };
        Area = new Area { Name = $"Gebied {tag}", Municipality = Municipality, Neighbourhoods = [District] };
        School = new Organisation { Name = $"School {tag}", Kind = OrganisationKind.School, Neighbourhoods = [Buurt] };
        Welfare = new Organisation { Name = $"Welzijn {tag}", Kind = OrganisationKind.Welfare, Neighbourhoods = [OtherDistrict] };
        Initiative = new Initiative { Name = $"Initiatief {tag}", Municipality = Municipality, Status = InitiativeStatus.Active, Neighbourhoods = [Buurt] };
        Theme = new Theme { Code = $"top-{tag}", NameNl = "Boventhema", NameEn = "Top theme" };
        SubTheme = new Theme { Code = $"sub-{tag}", NameNl = "Subthema", NameEn = "Sub-theme", Parent = Theme };
        SubSubTheme = new Theme { Code = $"subsub-{tag}", NameNl = "Subsubthema", NameEn = "Sub-sub-theme", Parent = SubTheme };
        OtherTheme = new Theme { Code = $"other-{tag}", NameNl = "Ander thema", NameEn = "Other theme" };
        Group = new TargetGroup { Code = $"group-{tag}", NameNl = "Groep", NameEn = "Group" };
        SubGroup = new TargetGroup { Code = $"subgroup-{tag}", NameNl = "Subgroep", NameEn = "Sub-group", Parent = Group };
        OtherGroup = new TargetGroup { Code = $"othergroup-{tag}", NameNl = "Andere groep", NameEn = "Other group" };
        db.AddRange(Municipality, District, Buurt, OtherDistrict, Area, School, Welfare, Initiative, Theme, SubTheme, SubSubTheme, OtherTheme, Group, SubGroup, OtherGroup);
    }

    public Municipality Municipality { get; }

    public Neighbourhood District { get; }

    public Neighbourhood Buurt { get; }

    public Neighbourhood OtherDistrict { get; }

    public Area Area { get; }

    public Organisation School { get; }

    public Organisation Welfare { get; }

    public Initiative Initiative { get; }

    public Theme Theme { get; }

    public Theme SubTheme { get; }

    public Theme SubSubTheme { get; }

    public Theme OtherTheme { get; }

    public TargetGroup Group { get; }

    public TargetGroup SubGroup { get; }

    public TargetGroup OtherGroup { get; }

    public static async Task<OfferingWorld> CreateAsync(TestApp app) => new(app, await app.OpenDbAsync());

    public static string Id<T>(T entity)
        where T : Entity => GlobalId.Encode(typeof(T).Name, entity.Id);

    /// <summary>An active activity of this world, provided by its school, running always, serving the other district.</summary>
    public Activity Activity(string title, Action<Activity>? configure = null)
    {
        var activity = new Activity
        {
            Name = title,
            Status = ActivityStatus.Active,
            Municipality = Municipality,
            ProviderOrganisation = School,
            Neighbourhoods = [OtherDistrict],
            Schedule = ActivitySchedule.Period(null, null),
        };
        configure?.Invoke(activity);
        _db.Add(activity);
        return activity;
    }

    public void Add(object entity) => _db.Add(entity);

    public Task SaveAsync() => _db.SaveChangesAsync();

    /// <summary>The titles Query.activities returns for this world's activities with the given extra conditions, in order.</summary>
    public async Task<List<string>> TitlesAsync(object? filter = null, object? orderBy = null, string? token = null)
    {
        var conditions = filter is null ? new JsonObject() : JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(filter))!.AsObject();
        conditions["municipality"] = Id(Municipality);
        var response = await _app.QueryAsync(
            "query($f: ActivityFilter, $o: ActivityOrder) { activities(first: 100, filterBy: $f, orderBy: $o) { totalCount nodes { name } } }",
            new { f = conditions, o = orderBy },
            token);
        response.AssertOk();
        var connection = response.Data!["activities"]!;
        var titles = Titles(connection);
        Assert.Equal(titles.Count, connection["totalCount"]!.GetValue<int>());
        return titles;
    }

    public static List<string> Titles(JsonNode connection) =>
        [.. connection["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>())];

    public async ValueTask DisposeAsync() => await _db.DisposeAsync();
}
