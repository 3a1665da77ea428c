using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>The dashboards tell the two real cases of the article, on the demo data; and the example operations run.</summary>
public abstract class DemoDashboardTests(Func<TestApp> app)
{
    private const string HuisVanDeWijkHost = "Stichting Huis van de Wijk Middelland (demo)";

    [SkippableFact]
    public async Task Middelland_shows_the_Huis_van_de_Wijk_as_one_connected_whole()
    {
        var middelland = await IdAsync("""{ x: neighbourhood(cbsCode: "BU05990325") { id } }""");

        var response = await app().QueryAsync("""
            query($n: ID!) { dashboard(scope: { neighbourhood: $n, from: "2026-01-01", to: "2026-12-31" }) {
              network { period { nodeCount componentSizes isolated { ... on Organisation { name } ... on Initiative { name } } } nodes(first: 100) { nodes { id name } } edges(first: 100) { nodes { from to kind } } } } }
            """, new { n = middelland });

        response.AssertOk();
        var network = response.Data!["dashboard"]!["network"]!;
        string[] members = [HuisVanDeWijkHost, .. DemoData.HuisVanDeWijkInitiatives];
        var ids = network["nodes"]!["nodes"]!.AsArray().ToDictionary(n => n!["name"]!.GetValue<string>(), n => n!["id"]!.GetValue<string>());
        Assert.All(members, m => Assert.Contains(m, ids.Keys));

        // Walk the drawn edges from one member: every other member is reached, so they form one component. The demo has
        // no collaborations or meetings in Middelland; shared coalition membership (COALITION edges) ties them.
        var neighbours = network["edges"]!["nodes"]!.AsArray()
            .SelectMany(e => new[] { (e!["from"]!.GetValue<string>(), e["to"]!.GetValue<string>()), (e["to"]!.GetValue<string>(), e["from"]!.GetValue<string>()) })
            .ToLookup(p => p.Item1, p => p.Item2);
        var reached = new HashSet<string> { ids[HuisVanDeWijkHost] };
        var frontier = new Queue<string>(reached);
        while (frontier.TryDequeue(out var node))
        {
            foreach (var next in neighbours[node].Where(reached.Add))
            {
                frontier.Enqueue(next);
            }
        }

        Assert.All(members, m => Assert.Contains(ids[m], reached));
        Assert.Contains(network["edges"]!["nodes"]!.AsArray(), e => e!["kind"]!.GetValue<string>() == "COALITION");
        Assert.True(network["period"]!["componentSizes"]![0]!.GetValue<int>() >= members.Length);
        var isolated = network["period"]!["isolated"]!.AsArray().Select(i => i!["name"]!.GetValue<string>()).ToList();
        Assert.DoesNotContain(isolated, members.Contains);
    }

    [SkippableFact]
    public async Task Mooi_Mooier_Middelland_is_funded_from_more_than_one_budget_line()
    {
        var middelland = await IdAsync("""{ x: neighbourhood(cbsCode: "BU05990325") { id } }""");

        var response = await app().QueryAsync("""
            query($n: ID!) { dashboard(scope: { neighbourhood: $n, from: "2025-01-01", to: "2025-12-31" }) {
              funding { multiLineAmountAwarded multiLineShare byIv3TaskField { iv3TaskField amountAwarded }
                programmes { programme { name } budgetLineCount sources { budgetLine { iv3TaskField } amountAwarded } } } } }
            """, new { n = middelland });

        response.AssertOk();
        var funding = response.Data!["dashboard"]!["funding"]!;
        var programme = funding["programmes"]!.AsArray().Single(p => p!["programme"]!["name"]!.GetValue<string>() == DemoFunding.ProgrammeName)!;
        Assert.True(programme["budgetLineCount"]!.GetValue<int>() > 1);
        var columns = programme["sources"]!.AsArray().Where(s => s!["amountAwarded"].Exact() > 0).Select(s => s!["budgetLine"]?["iv3TaskField"]?.GetValue<string>()).Distinct().ToList();
        Assert.True(columns.Count > 1, string.Join(",", columns));

        // The 2025 award of 152,437.50 draws on three columns (6.1, 6.2, 7.1): ontschotting in the period's figures too.
        Assert.True(funding["multiLineAmountAwarded"].Exact() >= 152_437.50m);
        Assert.Contains(funding["byIv3TaskField"]!.AsArray(), c => c!["iv3TaskField"]?.GetValue<string>() == "6.2" && c["amountAwarded"].Exact() == 46_187.50m);
    }

    [SkippableFact]
    public async Task Nissewaard_sees_the_signal_chain_as_a_matched_need()
    {
        var nissewaard = await IdAsync("""{ x: municipality(cbsCode: "GM1930") { id } }""");

        var response = await app().QueryAsync("""
            query($m: ID!) { dashboard(scope: { municipality: $m, from: "2025-01-01", to: "2026-12-31" }) {
              needsVersusOffering { cells(first: 1000) { theme { code } targetGroup { code } neighbourhood { name } signals suppressed activities classification } } } }
            """, new { m = nissewaard });

        response.AssertOk();
        var cells = response.Data!["dashboard"]!["needsVersusOffering"]!["cells"]!.AsArray();

        // Teachers signalled concentration problems in children (4–12); the network traced them to debt and poverty, and
        // the nutrition education for parents at school is recorded as the response: the need is met, and visible to all
        // because a school, not a resident, raised it.
        var chain = cells.Single(c => Code(c!["theme"]) == DemoTaxonomy.DebtPoverty && Code(c!["targetGroup"]) == "children-4-12" && c!["signals"]?.GetValue<int>() == 1)!;
        Assert.Contains(chain["classification"]!.GetValue<string>(), new[] { "MATCHED", "OVERLAPPING" });
        Assert.True(chain["activities"]!.GetValue<int>() >= 1);
        Assert.False(chain["suppressed"]!.GetValue<bool>());

        // Traced signals count under their underlying theme, not the theme they were raised with.
        Assert.DoesNotContain(cells, c => Code(c!["theme"]) == DemoTaxonomy.Concentration && c!["signals"]?.GetValue<int>() > 0);

        // In 2025 alone the response had not started yet: then the need was unmet.
        var before = await app().QueryAsync("""
            query($m: ID!) { dashboard(scope: { municipality: $m, from: "2025-01-01", to: "2025-12-31" }) {
              needsVersusOffering { cells(first: 1000, classifications: [UNMET_NEED]) { theme { code } targetGroup { code } } } } }
            """, new { m = nissewaard });
        before.AssertOk();
        Assert.Contains(before.Data!["dashboard"]!["needsVersusOffering"]!["cells"]!.AsArray(), c => Code(c!["theme"]) == DemoTaxonomy.DebtPoverty && Code(c!["targetGroup"]) == "children-4-12");
    }

    private static string? Code(JsonNode? term) => term?["code"]?.GetValue<string>();

    private async Task<string> IdAsync(string query, string? connection = null)
    {
        var response = await app().QueryAsync(query);
        response.AssertOk();
        var x = response.Data!["x"]!;
        return (connection is null ? x["id"] : x[connection]!["nodes"]![0]!["id"])!.GetValue<string>();
    }
}

public sealed class SqliteDemoDashboardTests(SqliteAppFixture fixture) : DemoDashboardTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDemoDashboardTests(PostgresAppFixture fixture) : DemoDashboardTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
