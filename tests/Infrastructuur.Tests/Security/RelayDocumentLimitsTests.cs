using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Security;

/// <summary>
/// Ordinary Relay documents pass the depth and cost limits (ADR 0020): an edge's node is one item of its page, as an
/// item of nodes is, and a page of a list the data bounds (taxonomy terms) is priced by what the data holds. Documents
/// that are deep or expensive for real are still refused with the same codes.
/// </summary>
public abstract class RelayDocumentLimitsTests(Func<TestApp> app)
{
    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("parent { ", depth - 2)) + "name" + string.Concat(Enumerable.Repeat(" }", depth - 2));

    [SkippableFact]
    public async Task Neighbourhood_initiatives_activities_provider_written_Relay_style_passes_the_anonymous_depth_limit()
    {
        var response = await app().QueryAsync("""
            { neighbourhood(cbsCode: "BU05990325") { name
                initiatives(first: 20) { pageInfo { hasNextPage endCursor } edges { cursor node { id name
                  activities(first: 10) { pageInfo { hasNextPage } edges { cursor node { id name
                    provider { __typename ... on Organisation { id name } ... on Initiative { id name } } } } } } } } } }
            """);

        LimitsTests.AssertLimit(response, true, "MAX_DEPTH_EXCEEDED", 8);
        var initiatives = response.Data!["neighbourhood"]!["initiatives"]!["edges"]!.AsArray();
        Assert.NotEmpty(initiatives);
        Assert.Contains(initiatives, i => i!["node"]!["activities"]!["edges"]!.AsArray().Any(a => a!["node"]!["provider"]!["name"] is not null));
    }

    [SkippableTheory]
    [InlineData(8, true)]
    [InlineData(9, false)]
    public async Task A_Relay_document_is_as_deep_as_the_same_document_with_nodes_and_deeper_ones_are_refused(int depth, bool accepted)
    {
        // organisations → edges/node (one level, as nodes is) → parent … → name.
        var response = await app().QueryAsync($"{{ organisations(first: 1) {{ edges {{ node {{ {Nest(depth - 1)} }} }} }} }}");

        LimitsTests.AssertLimit(response, accepted, "MAX_DEPTH_EXCEEDED", 8);
    }

    [SkippableFact]
    public async Task A_hundred_themes_with_fifty_children_each_are_priced_by_the_themes_there_are()
    {
        // Priced at page size this is 1 + 100 × (1 + 1 + 50 × 2 + 1) + 1 = 10,402 (a node counted apart from its edge).
        var relay = await app().QueryAsync("""
            { themes(first: 100) { edges { node { name children(first: 50) { edges { node { name } } pageInfo { hasNextPage } } } } pageInfo { hasNextPage } } }
            """);
        var nodes = await app().QueryAsync("query($n: Int = 100) { targetGroups(first: $n) { nodes { name children(first: 50) { nodes { name children(first: 50) { nodes { name } } } } } } }");

        LimitsTests.AssertLimit(relay, true, "COST_LIMIT_EXCEEDED", 5000);
        LimitsTests.AssertLimit(nodes, true, "COST_LIMIT_EXCEEDED", 5000);
        Assert.NotEmpty(relay.Data!["themes"]!["edges"]!.AsArray());
        Assert.Contains(relay.Data!["themes"]!["edges"]!.AsArray(), t => t!["node"]!["children"]!["edges"]!.AsArray().Count > 0);
    }

    [SkippableFact]
    public async Task The_bound_is_what_the_data_holds_so_a_large_taxonomy_is_priced_by_its_size()
    {
        // Sixty more top-level target groups (sixty-five in all): three levels of pages of 50 now cost
        // 1 + 65 × (2 + 50 × (2 + 50)) = 169,131, over any budget; with the demo's five, 1 + 5 × (2 + 5 × (2 + 5)) = 186.
        await using var fresh = await TestApp.StartAsync(app().Engine);
        await using (var db = await fresh.OpenDbAsync())
        {
            db.AddRange(Enumerable.Range(0, 60).Select(i => new Api.Features.Taxonomy.TargetGroup { Code = $"bound-{i}", NameNl = $"Groep {i}", NameEn = $"Group {i}" }));
            await db.SaveChangesAsync();
        }

        const string Document = "{ targetGroups(first: 100) { nodes { name children(first: 50) { nodes { name children(first: 50) { nodes { name } } } } } } }";
        LimitsTests.AssertLimit(await fresh.QueryAsync(Document), false, "COST_LIMIT_EXCEEDED", 5000);
        LimitsTests.AssertLimit(await fresh.QueryAsync(Document, token: Tokens.Mint("bound-tester", "resident")), false, "COST_LIMIT_EXCEEDED", 20000);
        LimitsTests.AssertLimit(await app().QueryAsync(Document), true, "COST_LIMIT_EXCEEDED", 5000);
    }

    [SkippableFact]
    public async Task Documents_that_are_expensive_for_real_are_still_refused()
    {
        // Four themes at most, but every theme's activities and each activity's regions are pages of 100: 4 × 100 × 100.
        const string ThroughThemes = "{ themes(first: 100) { nodes { activities(first: 100) { nodes { neighbourhoods(first: 100) { nodes { id } } } } } } }";

        // Municipalities are not bounded by the data: 1 + 100 × (1 + 100 × 1) = 10,101 with edges { node } as one item.
        const string Relay = "{ municipalities(first: 100) { edges { node { areas(first: 100) { edges { node { id } } } } } } }";

        LimitsTests.AssertLimit(await app().QueryAsync(ThroughThemes), false, "COST_LIMIT_EXCEEDED", 5000);
        LimitsTests.AssertLimit(await app().QueryAsync(ThroughThemes, token: Tokens.Mint("relay-cost-tester", "resident")), false, "COST_LIMIT_EXCEEDED", 20000);
        LimitsTests.AssertLimit(await app().QueryAsync(Relay), false, "COST_LIMIT_EXCEEDED", 5000);
    }

    [SkippableFact]
    public async Task The_first_request_after_a_start_is_measured_like_any_other()
    {
        // The first request arrives before GraphQL.NET has resolved the schema's field types; the estimate must not take
        // every field below the root for a leaf then (the dashboard sections' weights, 5,000 together, sit one level down).
        await using var fresh = await TestApp.StartAsync(app().Engine);
        Guid municipality;
        await using (var db = await fresh.OpenDbAsync())
        {
            municipality = await db.Municipalities.OrderBy(m => m.Id).Select(m => m.Id).FirstAsync();
        }

        var response = await fresh.QueryAsync(
            """query($m: ID!) { dashboard(scope: { municipality: $m, from: "2025-01-01", to: "2025-12-31" }) { needsVersusOffering { summary { matched } } baseline { overlapCount } annualReview(year: 2025) { year } } }""",
            new { m = Api.GraphQL.GlobalId.Encode("Municipality", municipality) });

        LimitsTests.AssertLimit(response, false, "COST_LIMIT_EXCEEDED", 5000);
    }
}

public sealed class SqliteRelayDocumentLimitsTests(SqliteAppFixture fixture) : RelayDocumentLimitsTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresRelayDocumentLimitsTests(PostgresAppFixture fixture) : RelayDocumentLimitsTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
