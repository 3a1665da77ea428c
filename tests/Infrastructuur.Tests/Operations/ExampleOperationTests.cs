using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Operations;

/// <summary>
/// Every example operation in schema/operations runs against the demo data without errors and answers what its
/// audience needs. Each file holds one named operation, named like the file, and has its variables and expectations here.
/// </summary>
public abstract partial class ExampleOperationTests(Func<TestApp> app)
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepoRoot, "schema", "operations");

    /// <summary>Variables (from the demo records looked up once) and what the answer must show, per file.</summary>
    private static readonly Dictionary<string, (Func<Demo, object> Variables, Action<JsonNode> Expect)> Cases = new()
    {
        ["NeighbourhoodAgenda"] = (
            demo => new { neighbourhood = demo.Middelland, on = "2026-11-24" }, // a Tuesday
            data =>
            {
                var nodes = Nodes(data["activities"]);
                var cafe = Assert.Single(nodes, n => Text(n, "name") == DemoOffering.CafeTitle);
                Assert.Equal("Taalcafé Middelland (demo)", Text(cafe["provider"], "name"));
                Assert.Equal("TUESDAY", Text(cafe["schedule"], "weekday"));
                Assert.Equal("3021 BT", Text(cafe["location"], "postcode"));
                Assert.DoesNotContain(nodes, n => Text(n, "name") == "Wekelijkse buurtmaaltijd (demo)"); // Wednesdays
                Assert.DoesNotContain(nodes, n => Text(n, "name") == DemoOffering.SummerTitle); // ended
            }),
        ["SchoolPortalOffering"] = (
            demo => new { municipality = demo.Nissewaard, targetGroups = new[] { demo.Children }, age = 10 },
            data =>
            {
                var titles = Nodes(data["activities"]).Select(n => Text(n, "name")).ToList();
                Assert.Contains("Ontbijtclub De Regenboog (demo)", titles); // children 4–12, a group below "children"
                Assert.Contains("Sportief Fit na school (demo)", titles);
                Assert.DoesNotContain("Budgetcursus voor jongeren (demo)", titles); // young people, 16–23
                Assert.DoesNotContain("Weerbaarheidstraining groep 8 (demo)", titles); // ages 11–12
                Assert.All(Nodes(data["activities"]), n => Assert.Contains(n["targetGroups"]!.AsArray(), g => Text(g, "code").StartsWith("children", StringComparison.Ordinal)));
            }),
        ["InitiativeCoordinatorView"] = (
            demo => new { initiative = demo.Eettafel },
            data =>
            {
                var initiative = data["initiative"]!;
                Assert.Equal("Eettafel Middelland (demo)", Text(initiative, "name"));
                Assert.Equal(["Coördinator Eettafel (demo)", "Penningmeester Eettafel (demo)"], initiative["coordinators"]!.AsArray().Select(c => Text(c!["person"], "displayName")));
                var meal = Assert.Single(Nodes(initiative["activities"]));
                Assert.Equal(2300, meal["totalReach"]!.GetValue<int>());
                Assert.Contains(Nodes(initiative["coalitions"]), c => Text(c, "name").StartsWith("Huis van de Wijk", StringComparison.Ordinal));
                var grant = Assert.Single(Nodes(initiative["grants"]));
                Assert.Equal("360G-INFRA-demo-0004", Text(grant, "identifier"));
                Assert.Equal(4850m, grant["amountDisbursed"].Exact());
            }),
        ["DashboardRawLists"] = (
            demo => new { area = demo.DelfshavenArea, neighbourhood = demo.Delfshaven },
            data =>
            {
                Assert.Equal("Gebied Delfshaven", Text(data["area"], "name"));
                var middelland = Assert.Single(Nodes(data["area"]!["neighbourhoods"]), n => Text(n, "name") == "Middelland");
                var food = Assert.Single(middelland["activityCountsByTheme"]!.AsArray(), c => Text(c!["theme"], "code") == DemoTaxonomy.HealthyFood);
                Assert.Equal(3, food!["count"]!.GetValue<int>()); // the meal, cooking with children, the vegetable garden
                var titles = Nodes(data["activities"]).Select(n => Text(n, "name")).ToList();
                Assert.Contains(DemoOffering.SummerTitle, titles);
                Assert.Contains(DemoOffering.CafeTitle, titles);
                var programmeGrant = Assert.Single(Nodes(data["grants"]), g => Text(g, "identifier") == DemoFunding.ProgrammeGrantIdentifier);
                Assert.Equal(3, programmeGrant["allocations"]!.AsArray().Count);
                Assert.Equal(152_437.50m, programmeGrant["allocations"]!.AsArray().Sum(a => a!["amount"].Exact()));
                Assert.Contains(Nodes(data["grants"]), g => Text(g, "identifier") == "360G-INFRA-demo-0008"); // Delfshaven itself
            }),
        ["DashboardBaseline"] = (
            demo => new { municipality = demo.Nissewaard },
            data =>
            {
                var baseline = data["dashboard"]!["baseline"]!;
                Assert.True(baseline["totals"]!["activities"]!.GetValue<int>() > 0);
                Assert.True(baseline["overlapCount"]!.GetValue<int>() > 0); // fifteen providers in four areas overlap somewhere
                Assert.All(baseline["overlaps"]!.AsArray(), o => Assert.True(o!["providers"]!.AsArray().Count >= 2));
            }),
        ["DashboardNeeds"] = (
            demo => new { municipality = demo.Nissewaard },
            data =>
            {
                var needs = data["dashboard"]!["needsVersusOffering"]!;
                Assert.False(data["dashboard"]!["seesRecords"]!.GetValue<bool>()); // asked anonymously
                Assert.True(needs["summary"]!["matched"]!.GetValue<int>() > 0);   // the signal chain, met by the nutrition education
                Assert.All(needs["cells"]!.AsArray(), c => Assert.Equal(c!["signals"] is null, c["suppressed"]!.GetValue<bool>()));
            }),
        ["DashboardNetwork"] = (
            demo => new { neighbourhood = demo.Middelland },
            data =>
            {
                var network = data["dashboard"]!["network"]!;
                Assert.Equal("Middelland", Text(data["dashboard"]!["neighbourhood"], "name"));
                Assert.NotEmpty(network["edges"]!["nodes"]!.AsArray());
                Assert.Equal(network["period"]!["nodeCount"]!.GetValue<int>(), network["nodes"]!["totalCount"]!.GetValue<int>());
                Assert.Equal(network["period"]!["nodeCount"]!.GetValue<int>(), network["nodes"]!["nodes"]!.AsArray().Count);
            }),
        ["DashboardFunding"] = (
            demo => new { neighbourhood = demo.Middelland },
            data =>
            {
                var funding = data["dashboard"]!["funding"]!;
                var programme = Assert.Single(funding["programmes"]!.AsArray(), p => Text(p!["programme"], "name").StartsWith("Mooi Mooier Middelland", StringComparison.Ordinal));
                Assert.True(programme!["budgetLineCount"]!.GetValue<int>() >= 2); // funded across budget columns
            }),
        ["DashboardAnnualReview"] = (
            demo => new { area = demo.NissewaardArea },
            data =>
            {
                var review = data["dashboard"]!["annualReview"]!;
                Assert.Equal(2026, review["year"]!.GetValue<int>());
                Assert.Equal(review["activities"]!["value"].Long() - review["activities"]!["previous"].Long(), review["activities"]!["change"].Long());
            }),
        ["DashboardCounts"] = (
            demo => new { municipality = demo.Nissewaard },
            data =>
            {
                var rows = data["counts"]!.AsArray();
                Assert.NotEmpty(rows);
                Assert.All(rows, r => Assert.Equal(["THEME", "QUARTER"], r!["keys"]!.AsArray().Select(k => Text(k, "dimension"))));
                Assert.All(rows, r => Assert.True(r!["count"]!.GetValue<int>() > 0)); // activities: never suppressed
            }),
        ["Search"] = (
            _ => new { text = "cafe middellander" },
            data =>
            {
                var first = data["search"]!["edges"]!.AsArray()[0]!["node"]!;
                Assert.Equal("Activity", Text(first, "__typename"));
                Assert.Equal(DemoOffering.CafeTitle, Text(first, "name"));
            }),
    };

    public static TheoryData<string> Files() => [.. FileNames()];

    private static IEnumerable<string> FileNames() =>
        Directory.GetFiles(Folder, "*.graphql").Select(f => Path.GetFileNameWithoutExtension(f)).Order(StringComparer.Ordinal);

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public async Task Runs_against_the_demo_data_and_answers_what_its_audience_needs(string file)
    {
        var document = await File.ReadAllTextAsync(Path.Combine(Folder, file + ".graphql"));
        var operations = OperationPattern().Matches(document).Select(m => m.Groups[1].Value).ToList();
        Assert.Equal([file], operations);
        Assert.True(Cases.TryGetValue(file, out var @case), $"schema/operations/{file}.graphql has no variables and expectations in {nameof(ExampleOperationTests)}.");

        var response = (await app().QueryAsync(document, @case.Variables(await Demo.LookUpAsync(app())))).AssertOk();
        @case.Expect(response.Data!);
    }

    [Fact]
    public void Every_case_has_its_file() =>
        Assert.Empty(Cases.Keys.Except(FileNames(), StringComparer.Ordinal));

    private static List<JsonNode> Nodes(JsonNode? connection) => [.. connection!["nodes"]!.AsArray().Select(n => n!)];

    private static string Text(JsonNode? node, string field) => node![field]!.GetValue<string>();

    [GeneratedRegex(@"^\s*(?:query|mutation|subscription)\s+(\w+)", RegexOptions.Multiline)]
    private static partial Regex OperationPattern();

    /// <summary>The global IDs of the demo records the operations take as variables.</summary>
    private sealed record Demo(string Middelland, string Delfshaven, string DelfshavenArea, string Nissewaard, string NissewaardArea, string Children, string Eettafel)
    {
        public static async Task<Demo> LookUpAsync(TestApp app)
        {
            var data = (await app.QueryAsync("""
                {
                  middelland: neighbourhood(cbsCode: "BU05990325") { id }
                  delfshaven: neighbourhood(cbsCode: "WK059903") { id }
                  rotterdam: municipality(cbsCode: "GM0599") { areas(first: 10) { nodes { id name } } }
                  nissewaard: municipality(cbsCode: "GM1930") { id areas(first: 1) { nodes { id } } }
                  children: targetGroup(code: "children") { id }
                  eettafel: initiatives(first: 1, filterBy: { text: "Eettafel Middelland" }) { nodes { id } }
                }
                """)).AssertOk().Data!;
            return new Demo(
                Text(data["middelland"], "id"),
                Text(data["delfshaven"], "id"),
                Text(Nodes(data["rotterdam"]!["areas"]).Single(a => Text(a, "name") == "Gebied Delfshaven"), "id"),
                Text(data["nissewaard"], "id"),
                Text(Nodes(data["nissewaard"]!["areas"])[0], "id"),
                Text(data["children"], "id"),
                Text(Nodes(data["eettafel"]).Single(), "id"));
        }
    }
}

public sealed class SqliteExampleOperationTests(SqliteAppFixture fixture) : ExampleOperationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresExampleOperationTests(PostgresAppFixture fixture) : ExampleOperationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
