using System.Text.Json.Nodes;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Foundation;

/// <summary>Relay connections with keyset cursors, on each engine: complete, ordered, stable under inserts.</summary>
public abstract class ConnectionTests(Func<TestApp> app)
{
    private const string Page = """
        query($municipality: ID!, $first: Int, $after: String, $last: Int, $before: String) {
          node(id: $municipality) { ... on Municipality {
            initiatives(first: $first, after: $after, last: $last, before: $before) {
              totalCount edges { cursor node { name } } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }
        """;

    [SkippableFact]
    public async Task Paging_forward_and_backward_visits_every_row_once_in_order()
    {
        var (municipality, names) = await SeedMunicipalityAsync(23);

        var forward = await WalkAsync(municipality, backward: false, size: 5);
        var backward = await WalkAsync(municipality, backward: true, size: 4);

        Assert.Equal(names, forward);
        Assert.Equal(names, backward);
    }

    [SkippableFact]
    public async Task Rows_inserted_while_paging_cause_no_duplicates_and_no_skips()
    {
        var (municipality, names) = await SeedMunicipalityAsync(12);
        var seen = new List<string>();
        string? after = null;
        var round = 0;
        while (true)
        {
            var connection = (await app().QueryAsync(Page, new { municipality, first = 3, after })).AssertOk().Data!["node"]!["initiatives"]!;
            seen.AddRange(connection["edges"]!.AsArray().Select(e => e!["node"]!["name"]!.GetValue<string>()));

            // Insert one row before the cursor and one after it: neither may disturb the walk.
            await InsertAsync(municipality, $"aaa inserted {round}");
            await InsertAsync(municipality, $"zzz inserted {round}");
            round++;
            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.True(names.All(seen.Contains), "an original row was skipped");
        Assert.DoesNotContain(seen, n => n.StartsWith("aaa", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Page_info_and_total_count_describe_the_page()
    {
        var (municipality, names) = await SeedMunicipalityAsync(7);

        var first = (await app().QueryAsync(Page, new { municipality, first = 7 })).AssertOk().Data!["node"]!["initiatives"]!;
        var last = (await app().QueryAsync(Page, new { municipality, last = 2 })).AssertOk().Data!["node"]!["initiatives"]!;

        Assert.Equal(7, first["totalCount"]!.GetValue<int>());
        Assert.False(first["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.False(first["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
        Assert.Equal(names[^2..], last["edges"]!.AsArray().Select(e => e!["node"]!["name"]!.GetValue<string>()));
        Assert.True(last["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    [SkippableTheory]
    [InlineData("first: 0")]
    [InlineData("first: 101")]
    [InlineData("last: 101")]
    [InlineData("first: 99999999")]
    [InlineData("")]
    [InlineData("first: 1, last: 1")]
    public async Task Page_sizes_outside_1_to_100_are_refused_before_execution(string arguments)
    {
        var call = arguments.Length == 0 ? "municipalities" : $"municipalities({arguments})";
        var response = await app().QueryAsync($"{{ {call} {{ nodes {{ name }} }} }}");

        Assert.Equal(400, response.Status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", response.FirstErrorCode);
    }

    [SkippableTheory]
    [InlineData("first: 1")]
    [InlineData("first: 100")]
    [InlineData("last: 100")]
    public async Task Page_sizes_at_the_bounds_are_accepted(string arguments) =>
        (await app().QueryAsync($"{{ municipalities({arguments}) {{ nodes {{ name }} }} }}")).AssertOk();

    [SkippableFact]
    public async Task Node_and_nodes_fetch_objects_by_global_id_in_the_order_given()
    {
        var ids = (await app().QueryAsync("{ municipalities(first: 2) { nodes { id name } } }")).AssertOk().Data!["municipalities"]!["nodes"]!.AsArray();
        var reversed = ids.Reverse().Select(n => n!["id"]!.GetValue<string>()).ToArray();

        var response = await app().QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id ... on Municipality { name } } }", new { ids = reversed });

        Assert.Equal(reversed, response.AssertOk().Data!["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Nodes_takes_at_most_100_ids()
    {
        var id = (await app().QueryAsync("{ municipalities(first: 1) { nodes { id } } }")).AssertOk().Data!["municipalities"]!["nodes"]![0]!["id"]!.GetValue<string>();

        var atLimit = await app().QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = Enumerable.Repeat(id, 100) });
        var over = await app().QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = Enumerable.Repeat(id, 101) });

        atLimit.AssertOk();
        Assert.Equal(400, over.Status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", over.FirstErrorCode);
        Assert.Equal(100, over.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
    }

    private async Task<List<string>> WalkAsync(string municipality, bool backward, int size)
    {
        var names = new List<string>();
        string? cursor = null;
        for (var guard = 0; guard < 100; guard++)
        {
            var variables = backward ? (object)new { municipality, last = size, before = cursor } : new { municipality, first = size, after = cursor };
            var connection = (await app().QueryAsync(Page, variables)).AssertOk().Data!["node"]!["initiatives"]!;
            var page = connection["edges"]!.AsArray().Select(e => e!["node"]!["name"]!.GetValue<string>()).ToList();
            Assert.InRange(page.Count, 1, size);
            if (backward)
            {
                names.InsertRange(0, page);
            }
            else
            {
                names.AddRange(page);
            }

            var info = connection["pageInfo"]!;
            if (!(backward ? info["hasPreviousPage"] : info["hasNextPage"])!.GetValue<bool>())
            {
                return names;
            }

            cursor = (backward ? info["startCursor"] : info["endCursor"])!.GetValue<string>();
        }

        throw new InvalidOperationException("paging did not end");
    }

    // A municipality of its own, so no other test's rows can change what this test sees.
    private async Task<(string Id, List<string> Names)> SeedMunicipalityAsync(int count)
    {
        await using var db = await app().OpenDbAsync();
        var municipality = new Municipality { Name = $"Testgemeente {Guid.NewGuid():N}", CbsCode = $"GM{Random.Shared.Next(10000):D4}{Guid.NewGuid():N}"[..6] };
        db.Municipalities.Add(municipality);
        var names = Enumerable.Range(0, count).Select(i => $"initiative {i:D3} {(i % 2 == 0 ? "Ä" : "a")}").ToList();
        db.Initiatives.AddRange(names.Select(n => new Initiative { Name = n, Municipality = municipality, Status = InitiativeStatus.Active }));
        await db.SaveChangesAsync();
        return (Infrastructuur.Api.GraphQL.GlobalId.Encode("Municipality", municipality.Id), names.OrderBy(n => Infrastructuur.Api.Data.TextKey.Fold(n), StringComparer.Ordinal).ToList());
    }

    private async Task InsertAsync(string municipality, string name)
    {
        var id = Infrastructuur.Api.GraphQL.GlobalId.Decode(municipality, "Municipality");
        await using var db = await app().OpenDbAsync();
        db.Initiatives.Add(new Initiative { Name = name, MunicipalityId = id, Status = InitiativeStatus.Active });
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteConnectionTests(SqliteAppFixture fixture) : ConnectionTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresConnectionTests(PostgresAppFixture fixture) : ConnectionTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
