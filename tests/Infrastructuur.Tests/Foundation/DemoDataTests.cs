using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>The demo data answers the foundation's acceptance query, on each engine.</summary>
public abstract class DemoDataTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Middelland_has_its_cbs_code_and_the_twelve_Huis_van_de_Wijk_initiatives()
    {
        var response = await app().QueryAsync("""
            { neighbourhood(cbsCode: "BU05990325") {
                name cbsCode level localLabel parent { name cbsCode }
                initiatives(first: 20) { totalCount nodes { name hostOrganisation { name } } } } }
            """);

        response.AssertOk();
        var place = response.Data!["neighbourhood"]!;
        Assert.Equal("Middelland", place["name"]!.GetValue<string>());
        Assert.Equal(DemoData.MiddellandCode, place["cbsCode"]!.GetValue<string>());
        Assert.Equal("NEIGHBOURHOOD", place["level"]!.GetValue<string>());
        Assert.Equal("WK059903", place["parent"]!["cbsCode"]!.GetValue<string>());
        Assert.Equal(12, place["initiatives"]!["totalCount"]!.GetValue<int>());
        var names = place["initiatives"]!["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal);
        Assert.Equal(DemoData.HuisVanDeWijkInitiatives.Order(StringComparer.Ordinal), names);
        Assert.All(place["initiatives"]!["nodes"]!.AsArray(), n => Assert.Contains("Huis van de Wijk", n!["hostOrganisation"]!["name"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Nissewaard_has_four_working_areas()
    {
        var response = await app().QueryAsync("""{ municipality(cbsCode: "GM1930") { name areas(first: 10) { totalCount nodes { name } } } }""");

        response.AssertOk();
        Assert.Equal(4, response.Data!["municipality"]!["areas"]!["totalCount"]!.GetValue<int>());
    }
}

public sealed class SqliteDemoDataTests(SqliteAppFixture fixture) : DemoDataTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDemoDataTests(PostgresAppFixture fixture) : DemoDataTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
