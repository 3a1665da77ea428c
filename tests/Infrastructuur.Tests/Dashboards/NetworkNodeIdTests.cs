using System.Text.Json.Nodes;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// A network node has an ID of its own: Relay's store keys records by ID alone, so an ID shared by a NetworkNode and
/// its Organisation merged the two (and read NetworkNode.kind back wrong).
/// </summary>
public abstract class NetworkNodeIdTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task No_ID_in_the_demo_network_names_two_objects_of_different_types_and_a_node_is_fetched_again_by_its_own()
    {
        var middelland = (await app().QueryAsync("""{ neighbourhood(cbsCode: "BU05990325") { id } }""")).AssertOk().Data!["neighbourhood"]!["id"]!.GetValue<string>();
        var response = await app().QueryAsync("""
            query($n: ID!) { dashboard(scope: { neighbourhood: $n, from: "2026-01-01", to: "2026-12-31" }) {
              network {
                period { isolated { __typename ... on Organisation { id name } ... on Initiative { id name } } }
                nodes(first: 100) { nodes { __typename id kind name party { __typename ... on Organisation { id name } ... on Initiative { id name } } } }
                edges(first: 100) { nodes { from to kind } } } } }
            """, new { n = middelland });
        var network = response.AssertOk().Data!["dashboard"]!["network"]!;
        var nodes = network["nodes"]!["nodes"]!.AsArray();
        Assert.Contains(nodes, n => n!["kind"]!.GetValue<string>() == "ORGANISATION");
        Assert.Contains(nodes, n => n!["kind"]!.GetValue<string>() == "INITIATIVE");

        var types = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        Walk(response.Data!, types);
        Assert.Empty(types.Where(t => t.Value.Count > 1).Select(t => $"{t.Key}: {string.Join(", ", t.Value)}"));

        // Edges name nodes by the nodes' own IDs.
        var nodeIds = nodes.Select(n => n!["id"]!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
        Assert.All(network["edges"]!["nodes"]!.AsArray(), e => Assert.Subset(nodeIds, new HashSet<string> { e!["from"]!.GetValue<string>(), e["to"]!.GetValue<string>() }));

        // node(id:) gives the same node back, with the kind of its party.
        var sample = new[] { nodes.First(n => n!["kind"]!.GetValue<string>() == "ORGANISATION")!, nodes.First(n => n!["kind"]!.GetValue<string>() == "INITIATIVE")! };
        var again = await app().QueryAsync(
            "query($ids: [ID!]!) { nodes(ids: $ids) { __typename id ... on NetworkNode { kind name party { __typename } } } }",
            new { ids = sample.Select(n => n["id"]!.GetValue<string>()).ToArray() });
        var fetched = again.AssertOk().Data!["nodes"]!.AsArray();
        for (var i = 0; i < sample.Length; i++)
        {
            Assert.Equal(
                ("NetworkNode", sample[i]["id"]!.GetValue<string>(), sample[i]["kind"]!.GetValue<string>(), sample[i]["name"]!.GetValue<string>(), sample[i]["party"]!["__typename"]!.GetValue<string>()),
                (fetched[i]!["__typename"]!.GetValue<string>(), fetched[i]!["id"]!.GetValue<string>(), fetched[i]!["kind"]!.GetValue<string>(), fetched[i]!["name"]!.GetValue<string>(), fetched[i]!["party"]!["__typename"]!.GetValue<string>()));
        }
    }

    // Every object of the response that has both an id and a __typename, as a store that keys records by ID sees it.
    private static void Walk(JsonNode? node, Dictionary<string, HashSet<string>> types)
    {
        switch (node)
        {
            case JsonObject o:
                if (o["id"] is JsonValue id && o["__typename"] is JsonValue type)
                {
                    if (!types.TryGetValue(id.GetValue<string>(), out var seen))
                    {
                        types[id.GetValue<string>()] = seen = [];
                    }

                    seen.Add(type.GetValue<string>());
                }

                foreach (var (_, child) in o)
                {
                    Walk(child, types);
                }

                break;
            case JsonArray a:
                foreach (var child in a)
                {
                    Walk(child, types);
                }

                break;
        }
    }
}

public sealed class SqliteNetworkNodeIdTests(SqliteAppFixture fixture) : NetworkNodeIdTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresNetworkNodeIdTests(PostgresAppFixture fixture) : NetworkNodeIdTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
