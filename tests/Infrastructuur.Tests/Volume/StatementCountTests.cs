using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Volume;

/// <summary>
/// The same nested query for 1, 10 and 100 parents runs the same number of SQL statements: every reference and child
/// list is batched for all parents of a level, never read per parent. The parents come from a small synthetic data set.
/// </summary>
public abstract class StatementCountTests(Func<TestApp> app)
{
    private static readonly int[] Parents = [1, 10, 100];

    private static readonly SyntheticSize Size = new() { Neighbourhoods = 100, Organisations = 110, Activities = 1_500, Initiatives = 110, Grants = 200 };

    [SkippableFact]
    public async Task Neighbourhoods_with_their_activities_providers_and_themes()
    {
        var world = await SyntheticWorld.OfAsync(app(), Size, seed: 301);
        await AssertConstantAsync(
            """
            query($code: String!, $n: Int!) { municipality(cbsCode: $code) { neighbourhoods(first: $n, level: NEIGHBOURHOOD) { nodes {
              name activities(first: 5) { nodes { name provider { ... on Organisation { name } ... on Initiative { name } } themes { name } } } } } } }
            """,
            n => new { code = world.MunicipalityCode, n },
            data => data["municipality"]!["neighbourhoods"]!["nodes"]!.AsArray(),
            parent => parent!["activities"]!["nodes"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task Organisations_with_their_activities_themes_and_identifiers()
    {
        var world = await SyntheticWorld.OfAsync(app(), Size, seed: 301);
        await AssertConstantAsync(
            """
            query($m: ID!, $n: Int!) { organisations(first: $n, filterBy: { municipality: $m }) { nodes {
              name activities(first: 3) { totalCount nodes { name themes { code } } } identifiers { scheme } } } }
            """,
            n => new { m = world.MunicipalityId, n },
            data => data["organisations"]!["nodes"]!.AsArray(),
            parent => parent!["activities"]!["nodes"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task Activities_with_every_reference_and_list()
    {
        var world = await SyntheticWorld.OfAsync(app(), Size, seed: 301);
        await AssertConstantAsync(
            """
            query($m: ID!, $n: Int!) { activities(first: $n, filterBy: { municipality: $m }) { totalCount nodes {
              name municipality { name }
              partners(first: 2) { totalCount nodes { name } } themes { code parent { code } } targetGroups { code }
              neighbourhoods(first: 2) { nodes { name parent { name } } } reach(first: 2) { nodes { count targetGroup { code } } } totalReach } } }
            """,
            n => new { m = world.MunicipalityId, n },
            data => data["activities"]!["nodes"]!.AsArray(),
            parent => parent!["themes"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task Initiatives_with_their_lists_and_the_counts_per_theme_of_their_neighbourhoods()
    {
        var world = await SyntheticWorld.OfAsync(app(), Size, seed: 301);
        await AssertConstantAsync(
            """
            query($m: ID!, $n: Int!) { initiatives(first: $n, filterBy: { municipality: $m }) { nodes {
              name hostOrganisation { name } themes { code } coordinators { person { displayName } }
              activities(first: 2) { totalCount nodes { name } } programmes(first: 2) { nodes { name } } grants(first: 2) { nodes { name } }
              neighbourhoods(first: 2) { nodes { name activityCountsByTheme { count theme { code } } } } } } }
            """,
            n => new { m = world.MunicipalityId, n },
            data => data["initiatives"]!["nodes"]!.AsArray(),
            parent => parent!["neighbourhoods"]!["nodes"]!.AsArray().Sum(p => p!["activityCountsByTheme"]!.AsArray().Count));
    }

    /// <summary>Runs the query for 1, 10 and 100 parents; asserts the parents and some children came back and the statements did not grow.</summary>
    private async Task AssertConstantAsync(string query, Func<int, object> variables, Func<JsonNode, JsonArray> parentsOf, Func<JsonNode?, int> childrenOf)
    {
        using var sql = await SqlStatements.RecordAsync(app());
        var counts = new List<int>();
        var texts = new List<string>();
        foreach (var n in Parents)
        {
            var before = sql.All.Count;
            var response = (await app().QueryAsync(query, variables(n))).AssertOk();
            var parents = parentsOf(response.Data!);
            Assert.Equal(n, parents.Count);
            Assert.True(parents.Sum(childrenOf) > 0, "the nested lists came back empty: the query proves nothing");
            counts.Add(sql.All.Count - before);
            texts.Add($"--- {n}:\n" + string.Join("\n", sql.All.Skip(before).Select(t => t.ReplaceLineEndings(" ")[..Math.Min(160, t.Length)])));
        }

        Assert.True(counts.Distinct().Count() == 1, $"statements for {string.Join(", ", Parents)} parents: {string.Join(", ", counts)}\n{string.Join("\n", texts)}");
    }
}

/// <summary>
/// A synthetic data set, written once per app, plus one record at the head of each list the tests page through that
/// carries every kind of child: one parent alone already needs every statement (a union's both branches, a theme with
/// a parent, a host organisation …), so 10 or 100 parents may need no more.
/// </summary>
internal sealed record SyntheticWorld(string MunicipalityId, string MunicipalityCode)
{
    private static readonly Dictionary<(TestApp, int), SyntheticWorld> Worlds = [];
    private static readonly SemaphoreSlim Gate = new(1, 1);

    public static async Task<SyntheticWorld> OfAsync(TestApp app, SyntheticSize size, int seed)
    {
        await Gate.WaitAsync();
        try
        {
            if (!Worlds.TryGetValue((app, seed), out var world))
            {
                await using var db = await app.OpenDbAsync();
                var report = await SyntheticData.GenerateAsync(db, size, seed, CancellationToken.None);
                await AddHeadsAsync(db, report);
                world = new SyntheticWorld(GlobalId.Encode("Municipality", report.MunicipalityId), report.MunicipalityCode);
                Worlds[(app, seed)] = world;
            }

            return world;
        }
        finally
        {
            Gate.Release();
        }
    }

    // The heads are published (and the grant awarded) so anonymous callers, who run these queries, see them.
    // "Aaa" sorts before every synthetic name; "synthetische buurt 1" is the first region by name.
    private static async Task AddHeadsAsync(InfrastructuurDb db, SyntheticReport report)
    {
        var municipality = report.MunicipalityId;
        var firstPlace = await db.Neighbourhoods.Where(n => n.MunicipalityId == municipality && n.Level == RegionLevel.Neighbourhood).OrderBy(n => n.NameKey).ThenBy(n => n.Id).FirstAsync();
        var food = await db.Themes.SingleAsync(t => t.Code == DemoTaxonomy.HealthyFood);
        var parents = await db.TargetGroups.SingleAsync(t => t.Code == "parents");
        var host = new Organisation { Name = "Aaa organisatie (test)", Kind = OrganisationKind.Welfare, Neighbourhoods = [firstPlace], Identifiers = [new() { Scheme = "XI-TEST", Value = Guid.NewGuid().ToString("N") }] };
        var initiative = new Initiative { Name = "Aaa initiatief (test)", Status = InitiativeStatus.Active, MunicipalityId = municipality, HostOrganisation = host, Neighbourhoods = [firstPlace], Themes = [food] };
        Activity New(string title, Organisation? byOrganisation, Initiative? byInitiative) => new()
        {
            Name = title,
            Status = ActivityStatus.Active,
            MunicipalityId = municipality,
            ProviderOrganisation = byOrganisation,
            ProviderInitiative = byInitiative,
            Themes = [food],
            TargetGroups = [parents],
            Neighbourhoods = [firstPlace],
            Partners = [host],
            Reach = [new ReachRecord { PeriodStart = new(2025, 1, 1), PeriodEnd = new(2025, 6, 30), Count = 10, TargetGroupId = parents.Id, CountingMethod = CountingMethod.Registration }],
        };

        var programme = new Programme { Name = "Aaa programma (test)", MunicipalityId = municipality, Owner = host, StartsOn = new(2025, 1, 1), EndsOn = new(2026, 1, 1), Initiatives = [initiative] };
        var funder = await db.Organisations.FirstAsync(o => o.Kind == OrganisationKind.Fund);
        db.AddRange(host, initiative, programme, New("Aaa door een organisatie (test)", host, null), New("Aaa door een initiatief (test)", null, initiative));
        db.Add(new Grant { Identifier = $"360G-TEST-{Guid.NewGuid():N}", Title = "Aaa subsidie (test)", FunderId = funder.Id, RecipientInitiative = initiative, AppliedOn = new(2025, 1, 1), Status = GrantStatus.Awarded, AwardDate = new(2025, 2, 1), AmountAwardedCents = 100_000 });
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteStatementCountTests(SqliteAppFixture fixture) : StatementCountTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresStatementCountTests(PostgresAppFixture fixture) : StatementCountTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
