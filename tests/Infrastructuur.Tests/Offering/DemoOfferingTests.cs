using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Offering;

/// <summary>The demo offering tells the two cases of the source article, through the public API.</summary>
public abstract class DemoOfferingTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Nissewaard_nutrition_education_for_parents_at_school_is_found_under_healthy_families_for_families()
    {
        var ids = await IdsAsync();
        var response = await app().QueryAsync(
            """
            query($m: ID, $theme: ID!, $group: ID!) {
              activities(first: 50, filterBy: {municipality: $m, themes: [$theme], targetGroups: [$group], statuses: [ACTIVE]}) {
                nodes { name deliverySetting themes { code } targetGroups { code }
                  provider { ... on Organisation { name } } neighbourhoods(first: 5) { nodes { municipality { cbsCode } } } } } }
            """,
            new { m = ids["nissewaard"], theme = ids["healthyFamilies"], group = ids["families"] });

        response.AssertOk();
        var nutrition = response.Data!["activities"]!["nodes"]!.AsArray().Single(n => n!["name"]!.GetValue<string>() == DemoOffering.NutritionEducationTitle)!;
        Assert.Equal("AT_SCHOOL", nutrition["deliverySetting"]!.GetValue<string>());
        Assert.Equal("Voedingsteam Gezond Gezin (demo)", nutrition["provider"]!["name"]!.GetValue<string>());
        Assert.Equal([DemoTaxonomy.HealthyFood], nutrition["themes"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()));
        Assert.Equal(["parents"], nutrition["targetGroups"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()));
        Assert.All(nutrition["neighbourhoods"]!["nodes"]!.AsArray(), n => Assert.Equal("GM1930", n!["municipality"]!["cbsCode"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Nissewaard_has_about_twenty_activities_from_its_fifteen_providers_in_each_of_its_four_areas()
    {
        var ids = await IdsAsync();
        var response = await app().QueryAsync(
            """
            query($m: ID) {
              activities(first: 100, filterBy: {municipality: $m, providedByInitiative: false}) { totalCount nodes { provider { ... on Organisation { name } } } }
              municipality(cbsCode: "GM1930") { areas(first: 10) { nodes { id name } } } }
            """,
            new { m = ids["nissewaard"] });

        response.AssertOk();
        var activities = response.Data!["activities"]!;
        Assert.InRange(activities["totalCount"]!.GetValue<int>(), 18, 30);
        var providers = activities["nodes"]!.AsArray().Select(n => n!["provider"]!["name"]!.GetValue<string>()).Distinct().ToList();
        Assert.Equal(15, providers.Count);

        var areas = response.Data!["municipality"]!["areas"]!["nodes"]!.AsArray();
        Assert.Equal(4, areas.Count);
        foreach (var area in areas)
        {
            var perArea = await app().QueryAsync("query($a: ID) { activities(first: 1, filterBy: {area: $a}) { totalCount } }", new { a = area!["id"]!.GetValue<string>() });
            perArea.AssertOk();
            Assert.True(perArea.Data!["activities"]!["totalCount"]!.GetValue<int>() >= 3, $"{area["name"]} has too few activities");
        }
    }

    [SkippableFact]
    public async Task Team_Toekomst_summer_reached_a_thousand_children_from_Delfshaven()
    {
        var response = await app().QueryAsync(
            """
            { neighbourhood(cbsCode: "WK059903") { activities(first: 10) { nodes { name totalReach
                provider { ... on Organisation { name } }
                reach(first: 5) { nodes { count countingMethod startsOn endsOn targetGroup { code } neighbourhood { cbsCode } } } } } } }
            """);

        response.AssertOk();
        var summer = response.Data!["neighbourhood"]!["activities"]!["nodes"]!.AsArray().Single(n => n!["name"]!.GetValue<string>() == DemoOffering.SummerTitle)!;
        Assert.Equal("Team Toekomst (demo)", summer["provider"]!["name"]!.GetValue<string>());
        Assert.Equal(DemoOffering.SummerReach, summer["totalReach"]!.GetValue<int>());
        var record = summer["reach"]!["nodes"]![0]!;
        Assert.Equal(1000, record["count"]!.GetValue<int>());
        Assert.Equal("REGISTRATION", record["countingMethod"]!.GetValue<string>());
        Assert.Equal("children", record["targetGroup"]!["code"]!.GetValue<string>());
        Assert.Equal(("2026-07-01", "2026-08-31"), (record["startsOn"]!.GetValue<string>(), record["endsOn"]!.GetValue<string>()));
        Assert.Equal(DemoData.DelfshavenCode, record["neighbourhood"]!["cbsCode"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Huis_van_de_Wijk_initiatives_run_activities_in_Middelland_and_the_cafe_is_found_without_accents()
    {
        var ids = await IdsAsync();
        var response = await app().QueryAsync(
            """
            query($m: ID, $middelland: ID) {
              run: activities(first: 50, filterBy: {municipality: $m, neighbourhood: $middelland, providedByInitiative: true}) {
                totalCount nodes { provider { ... on Initiative { name hostOrganisation { name } } } } }
              cafe: activities(first: 5, filterBy: {municipality: $m, text: "cafe middellander"}) { nodes { name } }
            }
            """,
            new { m = ids["rotterdam"], middelland = ids["middelland"] });

        response.AssertOk();
        var run = response.Data!["run"]!;
        Assert.True(run["totalCount"]!.GetValue<int>() >= 5);
        var initiatives = run["nodes"]!.AsArray().Select(n => n!["provider"]!).ToList();
        Assert.All(initiatives, i => Assert.Contains(i!["name"]!.GetValue<string>(), DemoData.HuisVanDeWijkInitiatives));
        Assert.All(initiatives, i => Assert.Contains("Huis van de Wijk", i!["hostOrganisation"]!["name"]!.GetValue<string>(), StringComparison.Ordinal));
        Assert.Contains("Eettafel Middelland (demo)", initiatives.Select(i => i!["name"]!.GetValue<string>()));
        Assert.Equal([DemoOffering.CafeTitle], OfferingWorld.Titles(response.Data!["cafe"]!));
    }

    private async Task<Dictionary<string, string>> IdsAsync()
    {
        var response = await app().QueryAsync(
            """
            { nissewaard: municipality(cbsCode: "GM1930") { id } rotterdam: municipality(cbsCode: "GM0599") { id }
              middelland: neighbourhood(cbsCode: "BU05990325") { id }
              healthyFamilies: theme(code: "healthy-families") { id } families: targetGroup(code: "families") { id } }
            """);
        response.AssertOk();
        return response.Data!.AsObject().ToDictionary(p => p.Key, p => p.Value!["id"]!.GetValue<string>());
    }
}

public sealed class SqliteDemoOfferingTests(SqliteAppFixture fixture) : DemoOfferingTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDemoOfferingTests(PostgresAppFixture fixture) : DemoOfferingTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
