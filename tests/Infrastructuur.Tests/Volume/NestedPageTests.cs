using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Offering;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Volume;

/// <summary>
/// Nested connections page each parent's children as an index range of that parent (ADR 0016): the plan of the
/// statement a real request sends searches the child table per parent and never scans or numbers it whole, and the
/// pages (cursors both ways, rows hidden from the caller, ties on the sort key) are what plain LINQ says they are.
/// </summary>
public abstract partial class NestedPageTests(Func<TestApp> app)
{
    private static readonly SyntheticSize Size = new() { Neighbourhoods = 40, Organisations = 110, Activities = 3_000, Initiatives = 110, Grants = 200 };

    private static readonly string Admin = Tokens.Mint("nested-admin", "admin");

    [SkippableFact]
    public async Task A_parent_that_appears_many_times_gets_the_same_page_each_time()
    {
        // Many activities share a provider: every occurrence of it pages the provider's activities from one loaded list,
        // which paging must not change for the next occurrence (it answered hasNextPage false, or failed, under the others).
        await SyntheticWorld.OfAsync(app(), Size, seed: 303);
        var response = await app().QueryAsync(
            "{ activities(first: 100) { nodes { provider { ... on Organisation { id activities(first: 1) { totalCount pageInfo { hasNextPage } nodes { id } } } } } } }",
            token: Admin);
        var pages = response.AssertOk().Data!["activities"]!["nodes"]!.AsArray()
            .Select(n => n!["provider"]).Where(p => p?["id"] is not null)
            .Select(p => (Id: p!["id"]!.GetValue<string>(), Page: p["activities"]!))
            .ToList();
        Assert.True(pages.GroupBy(p => p.Id).Any(g => g.Count() > 1), "no organisation provides two of the first 100 activities");
        foreach (var (id, page) in pages)
        {
            var total = page["totalCount"]!.GetValue<int>();
            Assert.Equal(total > 1, page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            Assert.Equal(Math.Min(total, 1), page["nodes"]!.AsArray().Count);
            Assert.Equal(pages.First(p => p.Id == id).Page.ToJsonString(), page.ToJsonString());
        }
    }

    [SkippableFact]
    public async Task The_first_five_children_of_twenty_parents_and_their_counts_are_read_by_an_index_range_per_parent()
    {
        var world = await SyntheticWorld.OfAsync(app(), Size, seed: 302);
        using var sql = await SqlStatements.RecordAsync(app());

        var response = (await app().QueryAsync(
            "query($m: ID!) { organisations(first: 20, filterBy: { municipality: $m }) { nodes { name activities(first: 5) { totalCount nodes { name } } } } }",
            new { m = world.MunicipalityId })).AssertOk();

        var parents = response.Data!["organisations"]!["nodes"]!.AsArray();
        Assert.Equal(20, parents.Count);
        Assert.True(parents.Count(p => p!["activities"]!["totalCount"]!.GetValue<int>() > 5) >= 10, "too few parents with more than a page: the plan proves little");
        var children = sql.Commands.Where(c => c.Text.Contains("\"Activities\"", StringComparison.Ordinal)).ToList();
        var page = Assert.Single(children, c => !c.Text.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase));
        var count = Assert.Single(children, c => c.Text.Contains("COUNT(*)", StringComparison.OrdinalIgnoreCase));
        await AssertRangePerParentAsync(page);
        await AssertRangePerParentAsync(count);
        Assert.DoesNotContain("ROW_NUMBER", page.Text, StringComparison.OrdinalIgnoreCase);
    }

    // The plan reads the activities only by a search per parent row (the provider's ID from the outer row), never whole.
    private async Task AssertRangePerParentAsync(RecordedCommand statement)
    {
        var plan = await statement.ExplainAsync(app());
        var text = $"{statement.Text}\n---\n{string.Join("\n", plan)}";
        if (app().Engine == Engine.Sqlite)
        {
            Assert.False(plan.Any(line => line.StartsWith("SCAN", StringComparison.Ordinal)), text);
            Assert.True(plan.Any(line => line.StartsWith("CORRELATED", StringComparison.Ordinal)), text);
            Assert.True(SqliteRangePerParent().IsMatch(text), text);
        }
        else
        {
            Assert.False(text.Contains("Seq Scan on \"Activities\"", StringComparison.Ordinal), text);
            Assert.False(text.Contains("WindowAgg", StringComparison.Ordinal), text);
            Assert.True(PostgresRangePerParent().IsMatch(text), text);
        }
    }

    [SkippableTheory]
    [InlineData("activities", false)]
    [InlineData("activities", true)]
    [InlineData("partnerActivities", false)]
    [InlineData("partnerActivities", true)]
    public async Task Nested_pages_match_plain_LINQ_forward_and_backward_with_hidden_rows(string field, bool admin)
    {
        await using var world = await OfferingWorld.CreateAsync(app());
        var third = new Organisation { Name = $"Derde {world.Municipality.Name}", Kind = OrganisationKind.Welfare };
        var draftInitiative = new Initiative { Name = "Concept", Municipality = world.Municipality, Status = InitiativeStatus.Draft };
        world.Add(third);
        world.Add(draftInitiative);
        Organisation[] parents = [world.School, world.Welfare, third];

        // Ties on the name (the ID breaks them), drafts between visible rows, an activity of a draft initiative, a
        // parent with nothing: per parent a different list, paged with the same cursor.
        string[] titles = ["Same", "Beta", "Same", "Alpha", "Same", "Delta", "Gamma", "Beta", "Omega"];
        for (var i = 0; i < titles.Length; i++)
        {
            var n = i;
            world.Activity(titles[i], a =>
            {
                a.ProviderOrganisation = n % 3 == 2 ? world.Welfare : world.School;
                a.Status = n % 4 == 1 ? ActivityStatus.Draft : ActivityStatus.Active;
                a.Partners = n % 2 == 0 ? [world.Welfare, third] : [third];
            });
        }

        world.Activity("Same", a => (a.ProviderOrganisation, a.ProviderInitiative, a.Partners) = (null, draftInitiative, [world.Welfare, third]));
        await world.SaveAsync();

        var expected = await PlainAsync(parents.Select(p => p.Id).ToArray(), field == "partnerActivities", admin);
        Assert.Contains(expected.Values, list => list.Count >= 4);
        var longest = parents.MaxBy(p => expected[p.Id].Count)!.Id;
        var token = admin ? Admin : null;

        // Forward: pages of 2 by the longest list's end cursor; every parent's page is the plain answer after that row.
        (string Key, Guid Id)? after = null;
        string? cursor = null;
        var steps = 0;
        do
        {
            var pages = await PagesAsync(parents, field, new { first = 2, after = cursor }, token);
            foreach (var parent in parents)
            {
                var rest = expected[parent.Id].Where(r => after is null || Compare(r, after.Value) > 0).ToList();
                AssertPage(pages[parent.Id], rest.Take(2), hasNext: rest.Count > 2, hasPrevious: cursor is not null);
            }

            var nodes = pages[longest]["nodes"]!.AsArray();
            if (nodes.Count == 0 || !pages[longest]["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            cursor = pages[longest]["pageInfo"]!["endCursor"]!.GetValue<string>();
            after = expected[longest].Single(r => r.Id == NodeId(nodes[^1]!));
        }
        while (++steps < 10);

        Assert.True(steps >= 1, "the forward walk never used a cursor");

        // Backward: pages of 2 before the longest list's start cursor.
        (string Key, Guid Id)? before = null;
        cursor = null;
        steps = 0;
        do
        {
            var pages = await PagesAsync(parents, field, new { last = 2, before = cursor }, token);
            foreach (var parent in parents)
            {
                var rest = expected[parent.Id].Where(r => before is null || Compare(r, before.Value) < 0).ToList();
                AssertPage(pages[parent.Id], rest.Skip(Math.Max(0, rest.Count - 2)), hasNext: cursor is not null, hasPrevious: rest.Count > 2);
            }

            var nodes = pages[longest]["nodes"]!.AsArray();
            if (nodes.Count == 0 || !pages[longest]["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>())
            {
                break;
            }

            cursor = pages[longest]["pageInfo"]!["startCursor"]!.GetValue<string>();
            before = expected[longest].Single(r => r.Id == NodeId(nodes[0]!));
        }
        while (++steps < 10);

        Assert.True(steps >= 1, "the backward walk never used a cursor");
    }

    // The children of each parent the caller may see, ordered as the API documents it (name key, then ID), by plain LINQ
    // over the rows and the visibility rule written out: an anonymous caller sees no draft and nothing of a draft initiative.
    private async Task<Dictionary<Guid, List<(string Key, Guid Id)>>> PlainAsync(Guid[] parents, bool partners, bool admin)
    {
        await using var db = await app().OpenDbAsync();
        var rows = await db.Activities
            .Where(a => partners ? a.Partners.Any(p => parents.Contains(p.Id)) : parents.Contains(a.ProviderOrganisationId!.Value))
            .Select(a => new
            {
                a.Id,
                a.NameKey,
                a.Status,
                Initiative = a.ProviderInitiative == null ? (InitiativeStatus?)null : a.ProviderInitiative.Status,
                a.ProviderOrganisationId,
                Partners = a.Partners.Select(p => p.Id).ToList(),
            })
            .ToListAsync();
        var visible = rows.Where(r => admin || (r.Status != ActivityStatus.Draft && r.Initiative != InitiativeStatus.Draft)).ToList();
        return parents.ToDictionary(
            p => p,
            p => visible.Where(r => partners ? r.Partners.Contains(p) : r.ProviderOrganisationId == p)
                .Select(r => (Key: r.NameKey, r.Id))
                .Order(Comparer<(string Key, Guid Id)>.Create(Compare))
                .ToList());
    }

    private static int Compare((string Key, Guid Id) a, (string Key, Guid Id) b)
    {
        var byKey = string.CompareOrdinal(a.Key, b.Key);
        return byKey != 0 ? byKey : string.CompareOrdinal(a.Id.ToString("N"), b.Id.ToString("N"));
    }

    private async Task<Dictionary<Guid, JsonNode>> PagesAsync(Organisation[] parents, string field, object paging, string? token)
    {
        var arguments = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(paging))!.AsObject();
        arguments["ids"] = new JsonArray([.. parents.Select(p => (JsonNode)OfferingWorld.Id(p))]);
        var response = (await app().QueryAsync(
            $$"""
            query($ids: [ID!]!, $first: Int, $after: String, $last: Int, $before: String) { nodes(ids: $ids) { ... on Organisation { id
              {{field}}(first: $first, after: $after, last: $last, before: $before) { nodes { id } pageInfo { hasNextPage hasPreviousPage startCursor endCursor } } } } }
            """,
            arguments,
            token)).AssertOk();
        return response.Data!["nodes"]!.AsArray().ToDictionary(n => GlobalId.Decode(n!["id"]!.GetValue<string>(), "Organisation"), n => n![field]!);
    }

    private static void AssertPage(JsonNode page, IEnumerable<(string Key, Guid Id)> expected, bool hasNext, bool hasPrevious)
    {
        Assert.Equal(expected.Select(r => r.Id), page["nodes"]!.AsArray().Select(n => NodeId(n!)));
        Assert.Equal(hasNext, page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(hasPrevious, page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
    }

    private static Guid NodeId(JsonNode node) => GlobalId.Decode(node["id"]!.GetValue<string>(), "Activity");

    [GeneratedRegex(@"SEARCH \w+ USING (COVERING )?INDEX \w+ \(ProviderOrganisationId=\?")]
    private static partial Regex SqliteRangePerParent();

    // The index condition names the outer parent's ID: one index range per parent row.
    [GeneratedRegex(@"Index Cond: \(.*""ProviderOrganisationId"" = \w+\.""Id""\)")]
    private static partial Regex PostgresRangePerParent();
}

public sealed class SqliteNestedPageTests(SqliteAppFixture fixture) : NestedPageTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresNestedPageTests(PostgresAppFixture fixture) : NestedPageTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
