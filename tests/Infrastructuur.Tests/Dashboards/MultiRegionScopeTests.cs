using System.Text.Json.Nodes;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// A dashboard scope of several regions of one municipality (by IDs or CBS codes), and places by code in scopes and
/// counts. The fixture is <see cref="DashboardWorld"/>: area A2 is exactly B2 and B3, so a scope of those two regions
/// must answer every section as A2 does (A2's calendar year is read from the facts, the regions' from the records).
/// </summary>
public abstract class MultiRegionScopeTests(Func<TestApp> app)
{
    private const string Sections =
        "baseline { totals { activities providers capacity reach } cells { theme { name } figures { activities } } overlapCount } "
        + "network { period { nodeCount edgeCount density componentCount componentSizes largestComponentShare isolatedCount } nodes(first: 100) { nodes { name } } } "
        + "funding { amountAwarded amountDisbursed grants programmes { amountAwarded } reinvestments { amountReinvested } } "
        + "needsVersusOffering { signals { value } summary { unmetNeeds offeringWithoutSignal matched overlapping } } "
        + "annualReview(year: 2025) { activities { value previous } }";

    [SkippableFact]
    public async Task Several_regions_answer_every_section_as_the_area_of_the_same_regions()
    {
        var w = await DashboardWorld.CreateAsync(app());
        var (b2, b3) = await CodesAsync(w);
        var area = await w.DashboardAsync(app(), Sections, place: w.Areas["A2"], token: w.AdminToken);

        var byIds = await ScopeAsync(w, "neighbourhoods: $p", new[] { w.Id(w.Regions["B2"]), w.Id(w.Regions["B3"]) }, Sections);
        var byCodes = await ScopeAsync(w, "neighbourhoodCodes: $p", new[] { b3, b2.ToLowerInvariant() }, Sections);

        Assert.Equal(area.ToJsonString(), byIds.AssertOk().Data!["dashboard"]!.ToJsonString());
        Assert.Equal(area.ToJsonString(), byCodes.AssertOk().Data!["dashboard"]!.ToJsonString());
        Assert.NotEqual(0, area["baseline"]!["totals"]!["activities"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task An_activity_serving_two_regions_of_the_scope_counts_once()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string Totals = "baseline { totals { activities providers } }";

        // 2025: B2 has X3 (X4 is a draft), B3 has X3 (X6 runs in 2026). X3 serves both: 1 + 1 apart, 1 together.
        var b2 = await w.DashboardAsync(app(), Totals, place: w.Regions["B2"]);
        var b3 = await w.DashboardAsync(app(), Totals, place: w.Regions["B3"]);
        var both = (await ScopeAsync(w, "neighbourhoods: $p", new[] { w.Id(w.Regions["B2"]), w.Id(w.Regions["B3"]) }, Totals)).AssertOk().Data!["dashboard"]!;
        Assert.Equal((1, 1, 1), (Activities(b2), Activities(b3), Activities(both)));

        // B1 and B3: X1, X2, X5 in B1 and X3 in B3 are four distinct activities, as B1 (3) and B3 (1) apart.
        var b1 = await w.DashboardAsync(app(), Totals, place: w.Regions["B1"]);
        var b1b3 = (await ScopeAsync(w, "neighbourhoods: $p", new[] { w.Id(w.Regions["B1"]), w.Id(w.Regions["B3"]) }, Totals)).AssertOk().Data!["dashboard"]!;
        Assert.Equal((3, 4), (Activities(b1), Activities(b1b3)));

        // One region in the list is the same scope as the single field.
        var one = (await ScopeAsync(w, "neighbourhoods: $p", new[] { w.Id(w.Regions["B1"]) }, Totals)).AssertOk().Data!["dashboard"]!;
        Assert.Equal(b1.ToJsonString(), one.ToJsonString());
    }

    [SkippableFact]
    public async Task The_dashboard_names_the_regions_of_its_scope()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string Place = "neighbourhood { name } neighbourhoods(first: 10) { totalCount nodes { name } } area { name }";

        var several = (await ScopeAsync(w, "neighbourhoods: $p", new[] { w.Id(w.Regions["B3"]), w.Id(w.Regions["B2"]) }, Place)).AssertOk().Data!["dashboard"]!;
        Assert.Null(several["neighbourhood"]);
        Assert.Equal(["B2", "B3"], several["neighbourhoods"]!["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>().Split(' ')[0]));

        var single = await w.DashboardAsync(app(), Place, place: w.Regions["B1"]);
        Assert.Equal(w.Regions["B1"].Name, single["neighbourhood"]!["name"]!.GetValue<string>());
        Assert.Equal([w.Regions["B1"].Name], single["neighbourhoods"]!["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()));

        var area = await w.DashboardAsync(app(), Place, place: w.Areas["A2"]);
        Assert.Empty(area["neighbourhoods"]!["nodes"]!.AsArray());
        Assert.Equal(0, area["neighbourhoods"]!["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Places_by_code_in_scopes_and_counts_answer_as_by_id()
    {
        var w = await DashboardWorld.CreateAsync(app());
        var (b2, _) = await CodesAsync(w);
        const string Totals = "baseline { totals { activities providers capacity reach } }";

        var byId = await w.DashboardAsync(app(), Totals, place: w.Regions["B2"]);
        var byCode = await app().QueryAsync($$"""query($c: String!) { dashboard(scope: { neighbourhoodCode: $c, from: "2025-01-01", to: "2025-12-31" }) { {{Totals}} } }""", new { c = b2 });
        Assert.Equal(byId.ToJsonString(), byCode.AssertOk().Data!["dashboard"]!.ToJsonString());

        var municipality = await w.DashboardAsync(app(), Totals);
        var municipalityByCode = await app().QueryAsync($$"""query($c: String!) { dashboard(scope: { municipalityCode: $c, from: "2025-01-01", to: "2025-12-31" }) { {{Totals}} } }""", new { c = w.Municipality.CbsCode });
        Assert.Equal(municipality.ToJsonString(), municipalityByCode.AssertOk().Data!["dashboard"]!.ToJsonString());

        const string Counts = "query($f: CountFilter) { counts(of: ACTIVITIES, groupBy: [THEME], filterBy: $f) { count keys { value } } }";
        var countsById = await app().QueryAsync(Counts, new { f = new { neighbourhood = w.Id(w.Regions["D1"]) } });
        var countsByCode = await app().QueryAsync(Counts, new { f = new { neighbourhoodCode = $"WK{w.Municipality.CbsCode[2..]}01" } });
        Assert.NotEmpty(countsById.AssertOk().Data!["counts"]!.AsArray());
        Assert.Equal(countsById.Data!["counts"]!.ToJsonString(), countsByCode.AssertOk().Data!["counts"]!.ToJsonString());
        var countsByMunicipalityCode = await app().QueryAsync(Counts, new { f = new { municipalityCode = w.Municipality.CbsCode } });
        var countsByMunicipality = await app().QueryAsync(Counts, new { f = new { municipality = w.Id(w.Municipality) } });
        Assert.Equal(countsByMunicipality.AssertOk().Data!["counts"]!.ToJsonString(), countsByMunicipalityCode.AssertOk().Data!["counts"]!.ToJsonString());
    }

    [SkippableFact]
    public async Task Unknown_malformed_doubled_and_cross_municipality_places_are_refused()
    {
        var w = await DashboardWorld.CreateAsync(app());
        var other = await DashboardWorld.CreateAsync(app());
        var (b2, _) = await CodesAsync(w);
        var digits = w.Municipality.CbsCode[2..];
        const string Totals = "baseline { totals { activities } }";
        (string Field, string Type, object Value, string Code, string Message)[] cases =
        [
            ("neighbourhoods: $p", "[ID!]", new[] { w.Id(w.Regions["B2"]), other.Id(other.Regions["B3"]) }, "BAD_REQUEST", "one municipality"),
            ("neighbourhoodCodes: $p", "[String!]", new[] { b2, $"BU{digits}9999" }, "NOT_FOUND", $"BU{digits}9999"),
            ("neighbourhoodCodes: $p", "[String!]", new[] { "Middelland" }, "BAD_REQUEST", "neighbourhoodCodes"),
            ("neighbourhoodCode: $p", "String", "GM0599", "BAD_REQUEST", "neighbourhoodCode"),
            ("municipalityCode: $p", "String", "GM0000", "NOT_FOUND", "GM0000"),
            ("neighbourhoods: $p", "[ID!]", Enumerable.Repeat(0, 101).Select(_ => w.Id(new Neighbourhood { Name = "x", Id = Guid.NewGuid() })).ToArray(), "BAD_REQUEST", "100"),
            ("neighbourhoods: $p", "[ID!]", new[] { w.Id(new Neighbourhood { Name = "x", Id = Guid.NewGuid() }) }, "NOT_FOUND", "neighbourhood"),
            ($"neighbourhood: \"{w.Id(w.Regions["B1"])}\", neighbourhoods: $p", "[ID!]", new[] { w.Id(w.Regions["B2"]) }, "BAD_REQUEST", "at most one"),
            ($"municipality: \"{w.Id(w.Municipality)}\", municipalityCode: $p", "String", w.Municipality.CbsCode, "BAD_REQUEST", "not both"),
        ];
        foreach (var (field, type, value, code, message) in cases)
        {
            var response = await app().QueryAsync($$"""query($p: {{type}}) { dashboard(scope: { {{field}}, from: "2025-01-01", to: "2025-12-31" }) { {{Totals}} } }""", new { p = value });
            Assert.True(code == response.FirstErrorCode, $"{field} {type}: {response.Text}");
            Assert.Contains(message, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    private static int Activities(JsonNode dashboard) => dashboard["baseline"]!["totals"]!["activities"]!.GetValue<int>();

    private Task<GraphQLResponse> ScopeAsync(DashboardWorld w, string field, string[] places, string selection) =>
        app().QueryAsync($$"""query($p: [{{(field.StartsWith("neighbourhoodCodes", StringComparison.Ordinal) ? "String" : "ID")}}!]) { dashboard(scope: { {{field}}, from: "2025-01-01", to: "2025-12-31" }) { {{selection}} } }""", new { p = places }, w.AdminToken);

    /// <summary>Gives the world's regions CBS codes under its municipality's code (D1 WK…01 with B1 BU…0101, B2 BU…0102; D2 WK…02 with B3 BU…0203, B4 BU…0204); returns B2's and B3's.</summary>
    private async Task<(string B2, string B3)> CodesAsync(DashboardWorld w)
    {
        var digits = w.Municipality.CbsCode[2..];
        var codes = new Dictionary<string, string>
        {
            ["D1"] = $"WK{digits}01", ["B1"] = $"BU{digits}0101", ["B2"] = $"BU{digits}0102",
            ["D2"] = $"WK{digits}02", ["B3"] = $"BU{digits}0203", ["B4"] = $"BU{digits}0204",
        };
        await using var db = await app().OpenDbAsync();
        foreach (var (key, code) in codes)
        {
            var id = w.Regions[key].Id;
            await db.Neighbourhoods.Where(n => n.Id == id).ExecuteUpdateAsync(s => s.SetProperty(n => n.CbsCode, code).SetProperty(n => n.CbsCodeYear, 2024));
        }

        return (codes["B2"], codes["B3"]);
    }
}

public sealed class SqliteMultiRegionScopeTests(SqliteAppFixture fixture) : MultiRegionScopeTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresMultiRegionScopeTests(PostgresAppFixture fixture) : MultiRegionScopeTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
