using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Tests.Infrastructure;
using static Infrastructuur.Tests.Offering.OfferingWorld;

namespace Infrastructuur.Tests.Offering;

/// <summary>
/// Filters by code (CBS codes of places, codes of themes and target groups) next to filters by ID: the same rows, in one
/// request, with clear errors for codes that name nothing, are malformed or are given next to their ID twin.
/// </summary>
public abstract class CodeFilterTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Codes_select_the_same_activities_as_their_ids()
    {
        await using var world = await CodedWorldAsync();
        world.Activity("district food", a => (a.Neighbourhoods, a.Themes) = ([world.District], [world.SubTheme]));
        world.Activity("buurt group", a => (a.Neighbourhoods, a.TargetGroups) = ([world.Buurt], [world.SubGroup]));
        world.Activity("elsewhere other", a => a.Themes = [world.OtherTheme]);
        await world.SaveAsync();

        (object ById, object ByCode)[] pairs =
        [
            (new { neighbourhood = Id(world.District) }, new { neighbourhoodCode = world.District.CbsCode!.ToLowerInvariant() }),
            (new { neighbourhood = Id(world.Buurt) }, new { neighbourhoodCode = world.Buurt.CbsCode }),
            (new { themes = new[] { Id(world.Theme) } }, new { themeCodes = new[] { world.Theme.Code } }),
            (new { themes = new[] { Id(world.SubTheme), Id(world.OtherTheme) } }, new { themeCodes = new[] { world.SubTheme.Code, world.OtherTheme.Code } }),
            (new { targetGroups = new[] { Id(world.Group) } }, new { targetGroupCodes = new[] { world.Group.Code } }),
        ];
        foreach (var (byId, byCode) in pairs)
        {
            var expected = await world.TitlesAsync(byId);
            Assert.NotEmpty(expected);
            Assert.Equal(expected, await world.TitlesAsync(byCode));
        }

        // TitlesAsync narrows every list to the world's municipality by ID; by code alone it must give the same.
        var all = await world.TitlesAsync();
        Assert.Equal(3, all.Count);
        Assert.Equal(all, await NamesAsync("activities", new { municipalityCode = world.Municipality.CbsCode }));

        Assert.Equal(["district food"], await world.TitlesAsync(new { neighbourhoodCode = world.District.CbsCode, themeCodes = new[] { world.Theme.Code } }));
    }

    [SkippableFact]
    public async Task Codes_select_the_same_initiatives_and_organisations_as_their_ids()
    {
        await using var world = await CodedWorldAsync();
        world.Initiative.Themes = [world.SubTheme];
        world.Add(new Initiative { Name = "Moestuin", Municipality = world.Municipality, Status = InitiativeStatus.Active, Themes = [world.OtherTheme], Neighbourhoods = [world.District] });
        world.Add(new Organisation { Name = "Sportclub", Kind = OrganisationKind.SportsClub, Neighbourhoods = [world.District] });
        await world.SaveAsync();

        foreach (var list in new[] { "initiatives", "organisations" })
        {
            foreach (var (byId, byCode) in new (object, object)[]
            {
                (new { neighbourhood = Id(world.District) }, new { neighbourhoodCode = world.District.CbsCode }),
                (new { municipality = Id(world.Municipality) }, new { municipalityCode = world.Municipality.CbsCode }),
            })
            {
                var expected = await NamesAsync(list, byId);
                Assert.NotEmpty(expected);
                Assert.Equal(expected, await NamesAsync(list, byCode));
            }
        }

        var themed = await NamesAsync("initiatives", new { municipality = Id(world.Municipality), themes = new[] { Id(world.Theme) } });
        Assert.Equal([world.Initiative.Name], themed);
        Assert.Equal(themed, await NamesAsync("initiatives", new { municipality = Id(world.Municipality), themeCodes = new[] { world.Theme.Code } }));
    }

    [SkippableFact]
    public async Task A_deep_link_of_region_code_and_theme_code_is_one_request()
    {
        await using var world = await CodedWorldAsync();
        world.Activity("food in the buurt", a => (a.Neighbourhoods, a.Themes) = ([world.Buurt], [world.SubTheme]));
        world.Activity("other theme in the buurt", a => (a.Neighbourhoods, a.Themes) = ([world.Buurt], [world.OtherTheme]));
        world.Activity("food elsewhere", a => a.Themes = [world.SubTheme]);
        await world.SaveAsync();

        var response = await app().QueryAsync(
            "query($place: String!, $theme: String!) { neighbourhood(cbsCode: $place) { name } activities(first: 10, filterBy: {neighbourhoodCode: $place, themeCodes: [$theme]}) { totalCount nodes { name } } }",
            new { place = world.Buurt.CbsCode, theme = world.SubTheme.Code });
        response.AssertOk();
        Assert.Equal(world.Buurt.Name, response.Data!["neighbourhood"]!["name"]!.GetValue<string>());
        Assert.Equal(["food in the buurt"], Titles(response.Data["activities"]!));
        Assert.Equal(1, response.Data["activities"]!["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Codes_are_resolved_in_the_lists_own_sql_and_checked_in_one_statement_however_many()
    {
        await using var world = await CodedWorldAsync();
        world.Activity("food in the buurt", a => (a.Neighbourhoods, a.Themes, a.TargetGroups) = ([world.Buurt], [world.SubTheme], [world.SubGroup]));
        await world.SaveAsync();
        const string Query = "query($f: ActivityFilter) { activities(first: 10, filterBy: $f) { totalCount nodes { name } } }";

        async Task<IReadOnlyList<string>> StatementsAsync(object filter)
        {
            using var sql = await SqlStatements.RecordAsync(app());
            var response = await app().QueryAsync(Query, new { f = filter });
            Assert.Equal(["food in the buurt"], Titles(response.AssertOk().Data!["activities"]!));
            return sql.All;
        }

        var one = await StatementsAsync(new { neighbourhoodCode = world.Buurt.CbsCode, themeCodes = new[] { world.Theme.Code } });
        var many = await StatementsAsync(new
        {
            municipalityCode = world.Municipality.CbsCode,
            neighbourhoodCode = world.Buurt.CbsCode,
            themeCodes = new[] { world.Theme.Code, world.SubTheme.Code, world.OtherTheme.Code },
            targetGroupCodes = new[] { world.Group.Code, world.OtherGroup.Code },
        });

        // The page and the count each name the codes' columns themselves; one statement before them checks them all.
        Assert.Equal(one.Count, many.Count);
        Assert.Equal(3, many.Count(s => s.Contains("\"CbsCode\"", StringComparison.Ordinal)));
        Assert.Equal(2, many.Count(s => s.Contains("\"Activities\"", StringComparison.Ordinal) && s.Contains("\"CbsCode\"", StringComparison.Ordinal)));
    }

    [SkippableFact]
    public async Task By_code_the_newest_code_year_wins()
    {
        await using var world = await CodedWorldAsync();

        // The other district carries the buurt's code under a newer code year, as after a CBS redivision.
        world.OtherDistrict.CbsCode = world.Buurt.CbsCode;
        world.OtherDistrict.CbsCodeYear = 2025;
        world.Buurt.CbsCodeYear = 2023;
        world.Activity("in the old buurt", a => a.Neighbourhoods = [world.Buurt]);
        world.Activity("in the newer region", a => a.Neighbourhoods = [world.OtherDistrict]);
        await world.SaveAsync();

        Assert.Equal(["in the newer region"], await world.TitlesAsync(new { neighbourhoodCode = world.Buurt.CbsCode }));
    }

    [SkippableFact]
    public async Task Unknown_malformed_and_doubled_codes_are_bad_requests()
    {
        await using var world = await CodedWorldAsync();
        await world.SaveAsync();
        var digits = world.Municipality.CbsCode[2..];
        (object Filter, string Message)[] cases =
        [
            (new { neighbourhoodCode = $"BU{digits}9999" }, $"BU{digits}9999"),
            (new { municipalityCode = "GM0000" }, "GM0000"),
            (new { themeCodes = new[] { world.Theme.Code, "no-such-theme" } }, "no-such-theme"),
            (new { targetGroupCodes = new[] { "no-such-group" } }, "no-such-group"),
            (new { neighbourhoodCode = "Middelland" }, "neighbourhoodCode"),
            (new { municipalityCode = "GM19300" }, "municipalityCode"),
            (new { neighbourhood = Id(world.Buurt), neighbourhoodCode = world.Buurt.CbsCode }, "not both"),
            (new { municipality = Id(world.Municipality), municipalityCode = world.Municipality.CbsCode }, "not both"),
            (new { themes = new[] { Id(world.Theme) }, themeCodes = new[] { world.Theme.Code } }, "not both"),
            (new { themeCodes = Enumerable.Range(0, 101).Select(i => $"theme-{i}").ToArray() }, "100"),
        ];
        foreach (var (filter, message) in cases)
        {
            var response = await app().QueryAsync("query($f: ActivityFilter) { activities(first: 1, filterBy: $f) { totalCount } }", new { f = filter });
            Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
            Assert.Contains(message, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.True(response.Data is null || response.Data["activities"] is null);
        }

        var nested = await app().QueryAsync(
            "query($c: String!) { neighbourhood(cbsCode: $c) { activities(first: 1, filterBy: {themeCodes: [\"no-such-theme\"]}) { totalCount } } }",
            new { c = world.Buurt.CbsCode });
        Assert.Equal("BAD_REQUEST", nested.FirstErrorCode);
    }

    [SkippableFact]
    public async Task Neighbourhood_lists_take_the_root_lists_filter_and_order_within_the_region()
    {
        await using var world = await CodedWorldAsync();
        world.Activity("b food", a => (a.Neighbourhoods, a.Themes, a.MinimumAge) = ([world.Buurt], [world.SubTheme], 18));
        world.Activity("a food", a => (a.Neighbourhoods, a.Themes) = ([world.Buurt], [world.SubTheme]));
        world.Activity("c other", a => (a.Neighbourhoods, a.Themes) = ([world.Buurt], [world.OtherTheme]));
        world.Activity("food next door", a => (a.Neighbourhoods, a.Themes) = ([world.District], [world.SubTheme]));
        world.Initiative.Themes = [world.SubTheme];
        world.Add(new Initiative { Name = "Ander initiatief", Municipality = world.Municipality, Status = InitiativeStatus.Active, Themes = [world.OtherTheme], Neighbourhoods = [world.Buurt] });
        world.Add(new Initiative { Name = "Zomerschool", Municipality = world.Municipality, Status = InitiativeStatus.Active, Themes = [world.SubTheme], Neighbourhoods = [world.Buurt] });
        await world.SaveAsync();

        var response = await app().QueryAsync(
            """
            query($id: ID!, $theme: String!, $themeId: ID!) {
              neighbourhood(id: $id) {
                all: activities(first: 10) { totalCount nodes { name } }
                food: activities(first: 10, filterBy: {themeCodes: [$theme]}, orderBy: {field: NAME, direction: DESC}) { totalCount nodes { name } }
                foodById: activities(first: 10, filterBy: {themes: [$themeId]}, orderBy: {field: NAME, direction: DESC}) { totalCount nodes { name } }
                child: activities(first: 10, filterBy: {themes: [$themeId], age: 10}) { totalCount nodes { name } }
                initiatives(first: 10, filterBy: {themeCodes: [$theme]}) { totalCount nodes { name } }
                initiativesDesc: initiatives(first: 10, filterBy: {themeCodes: [$theme]}, orderBy: {field: NAME, direction: DESC}) { totalCount nodes { name } }
              }
            }
            """,
            new { id = Id(world.Buurt), theme = world.Theme.Code, themeId = Id(world.Theme) });
        response.AssertOk();
        var place = response.Data!["neighbourhood"]!;
        Assert.Equal(["a food", "b food", "c other"], Titles(place["all"]!));
        Assert.Equal(["b food", "a food"], Titles(place["food"]!));
        Assert.Equal(2, place["food"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(Titles(place["food"]!), Titles(place["foodById"]!));
        Assert.Equal(["a food"], Titles(place["child"]!));
        Assert.Equal([world.Initiative.Name, "Zomerschool"], Titles(place["initiatives"]!));
        Assert.Equal(2, place["initiatives"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["Zomerschool", world.Initiative.Name], Titles(place["initiativesDesc"]!)); // filter and order together
        Assert.Equal(2, place["initiativesDesc"]!["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Nissewaards_demo_regions_are_addressable_by_their_codes()
    {
        var regions = (await app().QueryAsync("""{ municipality(cbsCode: "GM1930") { neighbourhoods(first: 50) { nodes { id name cbsCode } } } }"""))
            .AssertOk().Data!["municipality"]!["neighbourhoods"]!["nodes"]!.AsArray().Select(n => (Id: n!["id"]!.GetValue<string>(), Name: n["name"]!.GetValue<string>(), Code: n["cbsCode"]?.GetValue<string>())).ToList();
        Assert.Equal(8, regions.Count);
        Assert.All(regions, r => Assert.Matches("^BU1930[0-9]{4}$", r.Code));
        Assert.Equal(regions.Count, regions.Select(r => r.Code).Distinct().Count());

        foreach (var (id, name, code) in regions)
        {
            var response = await app().QueryAsync(
                "query($id: ID!, $code: String!) { byCode: neighbourhood(cbsCode: $code) { name } byId: activities(first: 100, filterBy: {neighbourhood: $id}) { totalCount nodes { name } } viaCode: activities(first: 100, filterBy: {neighbourhoodCode: $code}) { totalCount nodes { name } } }",
                new { id, code });
            response.AssertOk();
            Assert.Equal(name, response.Data!["byCode"]!["name"]!.GetValue<string>());
            Assert.Equal(response.Data["byId"]!.ToJsonString(), response.Data["viaCode"]!.ToJsonString());
        }
    }

    [SkippableFact]
    public async Task Programmes_grants_and_signals_take_the_same_codes_on_the_demo_data()
    {
        var ids = (await app().QueryAsync(
            """{ r: municipality(cbsCode: "GM0599") { id } m: municipality(cbsCode: "GM1930") { id } b: neighbourhood(cbsCode: "BU05990325") { id } n: neighbourhood(cbsCode: "BU19300102") { id } t: theme(code: "healthy-families") { id } }""")).AssertOk().Data!;
        var (rotterdam, municipality, middelland, region, theme) = (ids["r"]!["id"]!.GetValue<string>(), ids["m"]!["id"]!.GetValue<string>(), ids["b"]!["id"]!.GetValue<string>(), ids["n"]!["id"]!.GetValue<string>(), ids["t"]!["id"]!.GetValue<string>());
        var admin = Tokens.Mint("admin-codes", "admin");
        (string List, string Type, object ById, object ByCode)[] cases =
        [
            ("programmes", "ProgrammeFilter", new { municipality = rotterdam }, new { municipalityCode = "GM0599" }),
            ("programmes", "ProgrammeFilter", new { neighbourhood = middelland }, new { neighbourhoodCode = "BU05990325" }),
            ("programmes", "ProgrammeFilter", new { themes = new[] { theme } }, new { themeCodes = new[] { "healthy-families" } }),
            ("grants", "GrantFilter", new { neighbourhood = region }, new { neighbourhoodCode = "BU19300102" }),
            ("grants", "GrantFilter", new { themes = new[] { theme } }, new { themeCodes = new[] { "healthy-families" } }),
            ("signals", "SignalFilter", new { municipality }, new { municipalityCode = "GM1930" }),
        ];
        var signalTheme = (await app().QueryAsync("""{ signals(first: 1, filterBy: { municipalityCode: "GM1930" }) { nodes { themes { id code } } } }""", token: admin))
            .AssertOk().Data!["signals"]!["nodes"]![0]!["themes"]![0]!;
        cases = [.. cases, ("signals", "SignalFilter", new { municipality, themes = new[] { signalTheme["id"]!.GetValue<string>() } }, new { municipalityCode = "gm1930", themeCodes = new[] { signalTheme["code"]!.GetValue<string>() } })];
        foreach (var (list, type, byId, byCode) in cases)
        {
            var query = $"query($f: {type}) {{ {list}(first: 100, filterBy: $f) {{ totalCount nodes {{ id }} }} }}";
            var expected = (await app().QueryAsync(query, new { f = byId }, admin)).AssertOk().Data![list]!;
            Assert.True(expected["totalCount"]!.GetValue<int>() > 0, $"{list} {byId}: nothing to compare");
            Assert.Equal(expected.ToJsonString(), (await app().QueryAsync(query, new { f = byCode }, admin)).AssertOk().Data![list]!.ToJsonString());
        }

        foreach (var (list, type) in new[] { ("programmes", "ProgrammeFilter"), ("grants", "GrantFilter"), ("signals", "SignalFilter") })
        {
            var unknown = await app().QueryAsync($"query($f: {type}) {{ {list}(first: 1, filterBy: $f) {{ totalCount }} }}", new { f = new { neighbourhoodCode = "BU19309999" } }, admin);
            Assert.Equal("BAD_REQUEST", unknown.FirstErrorCode);
            var both = await app().QueryAsync($"query($f: {type}) {{ {list}(first: 1, filterBy: $f) {{ totalCount }} }}", new { f = new { themes = new[] { theme }, themeCodes = new[] { "healthy-families" } } }, admin);
            Assert.Equal("BAD_REQUEST", both.FirstErrorCode);
        }
    }

    /// <summary>The test's own world with CBS codes under its municipality's code: WK…01 (district, its buurt BU…0101) and WK…02.</summary>
    private async Task<OfferingWorld> CodedWorldAsync()
    {
        var world = await CreateAsync(app());
        var digits = world.Municipality.CbsCode[2..];
        (world.District.CbsCode, world.District.CbsCodeYear) = ($"WK{digits}01", 2024);
        (world.Buurt.CbsCode, world.Buurt.CbsCodeYear) = ($"BU{digits}0101", 2024);
        (world.OtherDistrict.CbsCode, world.OtherDistrict.CbsCodeYear) = ($"WK{digits}02", 2024);
        return world;
    }

    private async Task<List<string>> NamesAsync(string list, object filter)
    {
        var type = list switch { "initiatives" => "InitiativeFilter", "activities" => "ActivityFilter", _ => "OrganisationFilter" };
        var response = await app().QueryAsync($"query($f: {type}) {{ {list}(first: 100, filterBy: $f) {{ totalCount nodes {{ name }} }} }}", new { f = filter });
        response.AssertOk();
        var connection = response.Data![list]!;
        var names = Titles(connection);
        Assert.Equal(names.Count, connection["totalCount"]!.GetValue<int>());
        return names;
    }
}

public sealed class SqliteCodeFilterTests(SqliteAppFixture fixture) : CodeFilterTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresCodeFilterTests(PostgresAppFixture fixture) : CodeFilterTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
