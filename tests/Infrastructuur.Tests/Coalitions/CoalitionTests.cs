using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Network;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Coalitions;

public abstract class CoalitionTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Members_are_told_apart_as_current_and_former_by_their_dates()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var coalition = await AddCoalitionAsync(w, $"Coalitie {w.Municipality.CbsCode}", [
            new CoalitionMember { OrganisationId = w.OrganisationA.Id, JoinedOn = Today.AddDays(-400) },
            new CoalitionMember { InitiativeId = w.InitiativeA.Id, JoinedOn = Today.AddDays(-300), LeftOn = Today.AddDays(-10) },
            new CoalitionMember { InitiativeId = w.InitiativeB.Id, JoinedOn = Today.AddDays(-200), LeftOn = Today.AddDays(30) },
            new CoalitionMember { OrganisationId = w.OrganisationB.Id, JoinedOn = Today.AddDays(5) },
        ]);

        var response = await app().QueryAsync("""
            query($id: ID!) { coalition(id: $id) {
                all: members(first: 10) { totalCount nodes { startsOn endsOn member { ... on Organisation { name } ... on Initiative { name } } } }
                current: members(first: 10, current: true) { totalCount nodes { member { ... on Organisation { name } ... on Initiative { name } } } }
                former: members(first: 10, current: false) { totalCount nodes { member { ... on Organisation { name } ... on Initiative { name } } } } } }
            """, new { id = Id(coalition) });

        response.AssertOk();
        var c = response.Data!["coalition"]!;
        Assert.Equal(4, c["all"]!["totalCount"]!.GetValue<int>());
        Assert.Equal([w.OrganisationA.Name, w.InitiativeA.Name, w.InitiativeB.Name, w.OrganisationB.Name], MemberNames(c["all"]));
        Assert.Equal([w.OrganisationA.Name, w.InitiativeB.Name], MemberNames(c["current"]));
        Assert.Equal(2, c["current"]!["totalCount"]!.GetValue<int>());
        Assert.Equal([w.InitiativeA.Name, w.OrganisationB.Name], MemberNames(c["former"]));
        Assert.Equal(2, c["former"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(Today.AddDays(-11).ToString("O", System.Globalization.CultureInfo.InvariantCulture), c["all"]!["nodes"]![1]!["endsOn"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_member_resolves_to_its_own_type_in_the_party_union()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var coalition = await AddCoalitionAsync(w, $"Unie {w.Municipality.CbsCode}", [
            new CoalitionMember { OrganisationId = w.OrganisationA.Id, JoinedOn = Today.AddDays(-2) },
            new CoalitionMember { InitiativeId = w.InitiativeA.Id, JoinedOn = Today.AddDays(-1) },
        ]);

        var response = await app().QueryAsync("""
            query($id: ID!) { coalition(id: $id) { members(first: 5) { nodes {
                member { __typename ... on Organisation { id kind } ... on Initiative { id status } } } } } }
            """, new { id = Id(coalition) });

        response.AssertOk();
        var members = response.Data!["coalition"]!["members"]!["nodes"]!.AsArray().Select(n => n!["member"]!).ToList();
        Assert.Equal("Organisation", members[0]["__typename"]!.GetValue<string>());
        Assert.Equal(Id(w.OrganisationA), members[0]["id"]!.GetValue<string>());
        Assert.Equal("SCHOOL", members[0]["kind"]!.GetValue<string>());
        Assert.Equal("Initiative", members[1]["__typename"]!.GetValue<string>());
        Assert.Equal(Id(w.InitiativeA), members[1]["id"]!.GetValue<string>());
        Assert.Equal("ACTIVE", members[1]["status"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Coalitions_are_reachable_from_their_organisations_and_initiatives()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var first = await AddCoalitionAsync(w, $"Eerste {w.Municipality.CbsCode}", [
            new CoalitionMember { OrganisationId = w.OrganisationA.Id, JoinedOn = Today.AddDays(-50) },
            new CoalitionMember { InitiativeId = w.InitiativeA.Id, JoinedOn = Today.AddDays(-50), LeftOn = Today.AddDays(-1) },
        ]);
        var second = await AddCoalitionAsync(w, $"Tweede {w.Municipality.CbsCode}", [
            new CoalitionMember { OrganisationId = w.OrganisationA.Id, JoinedOn = Today.AddDays(-5), LeftOn = Today.AddDays(-2) },
            new CoalitionMember { InitiativeId = w.InitiativeA.Id, JoinedOn = Today.AddDays(-5) },
        ]);

        var response = await app().QueryAsync("""
            query($o: ID!, $i: ID!, $b: ID!) {
              o: organisation(id: $o) { all: coalitions(first: 5) { totalCount nodes { name } } now: coalitions(first: 5, current: true) { nodes { name } } }
              i: initiative(id: $i) { all: coalitions(first: 5) { totalCount nodes { name } } gone: coalitions(first: 5, current: false) { nodes { name } } }
              b: organisation(id: $b) { coalitions(first: 5) { totalCount } } }
            """, new { o = Id(w.OrganisationA), i = Id(w.InitiativeA), b = Id(w.OrganisationB) });

        response.AssertOk();
        var d = response.Data!;
        Assert.Equal([first.Name, second.Name], Strings(d["o"]!["all"]!["nodes"], "name"));
        Assert.Equal([first.Name], Strings(d["o"]!["now"]!["nodes"], "name"));
        Assert.Equal([first.Name, second.Name], Strings(d["i"]!["all"]!["nodes"], "name"));
        Assert.Equal([first.Name], Strings(d["i"]!["gone"]!["nodes"], "name"));
        Assert.Equal(0, d["b"]!["coalitions"]!["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Root_list_filters_by_municipality_and_folded_name_text()
    {
        var w = await NetworkWorld.CreateAsync(app());
        await AddCoalitionAsync(w, $"Buurtnetwerk Café {w.Municipality.CbsCode}", []);
        await AddCoalitionAsync(w, $"Jeugdnetwerk {w.Municipality.CbsCode}", []);

        var response = await app().QueryAsync("""
            query($m: ID!) {
              text: coalitions(first: 10, filterBy: { municipality: $m, text: "CAFE" }) { totalCount nodes { name municipality { cbsCode } } }
              all: coalitions(first: 10, filterBy: { municipality: $m }) { totalCount } }
            """, new { m = Id(w.Municipality) });

        response.AssertOk();
        Assert.Equal(1, response.Data!["text"]!["totalCount"]!.GetValue<int>());
        Assert.Equal($"Buurtnetwerk Café {w.Municipality.CbsCode}", response.Data["text"]!["nodes"]![0]!["name"]!.GetValue<string>());
        Assert.Equal(w.Municipality.CbsCode, response.Data["text"]!["nodes"]![0]!["municipality"]!["cbsCode"]!.GetValue<string>());
        Assert.Equal(2, response.Data["all"]!["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Recognitions_of_several_coalitions_come_from_one_statement()
    {
        var w = await NetworkWorld.CreateAsync(app());
        for (var i = 0; i < 3; i++)
        {
            var coalition = await AddCoalitionAsync(w, $"Erkend {i} {w.Municipality.CbsCode}", []);
            await using var db = await app().OpenDbAsync();
            db.Add(new CoalitionRecognition { CoalitionId = coalition.Id, Label = $"Label {i}b", Since = new DateOnly(2025, 1, 1), GrantedBy = "Testfonds" });
            db.Add(new CoalitionRecognition { CoalitionId = coalition.Id, Label = $"Label {i}a", Since = new DateOnly(2024, 1, 1) });
            await db.SaveChangesAsync();
        }

        using var sql = await SqlStatements.RecordAsync(app());
        var response = await app().QueryAsync("""
            query($m: ID!) { coalitions(first: 10, filterBy: { municipality: $m }) { nodes { name recognitions { label startsOn grantedBy } } } }
            """, new { m = Id(w.Municipality) });

        response.AssertOk();
        var nodes = response.Data!["coalitions"]!["nodes"]!.AsArray();
        Assert.Equal(3, nodes.Count);
        foreach (var node in nodes)
        {
            var i = node!["name"]!.GetValue<string>().Split(' ')[1];
            Assert.Equal([$"Label {i}a", $"Label {i}b"], Strings(node["recognitions"], "label"));
        }

        Assert.Equal("Testfonds", nodes[0]!["recognitions"]![1]!["grantedBy"]!.GetValue<string>());
        Assert.Equal(1, sql.Reading("CoalitionRecognitions"));
    }

    [SkippableFact]
    public async Task Demo_has_the_Huis_van_de_Wijk_and_Team_Toekomsts_recognised_support_network()
    {
        var response = await app().QueryAsync("""
            { hvdw: coalitions(first: 5, filterBy: { text: "Huis van de Wijk" }) { nodes { name municipality { cbsCode }
                members(first: 20, current: true) { totalCount nodes { member { __typename ... on Initiative { name } ... on Organisation { name } } } } } }
              tt: coalitions(first: 5, filterBy: { text: "Team Toekomst" }) { nodes { recognitions { label startsOn }
                members(first: 20) { nodes { endsOn member { ... on Organisation { name } ... on Initiative { name } } } } } } }
            """);

        response.AssertOk();
        var hvdw = response.Data!["hvdw"]!["nodes"]![0]!;
        Assert.Equal("GM0599", hvdw["municipality"]!["cbsCode"]!.GetValue<string>());
        Assert.Equal(13, hvdw["members"]!["totalCount"]!.GetValue<int>());
        var initiatives = hvdw["members"]!["nodes"]!.AsArray().Where(n => n!["member"]!["__typename"]!.GetValue<string>() == "Initiative").Select(n => n!["member"]!["name"]!.GetValue<string>());
        Assert.Equal(DemoData.HuisVanDeWijkInitiatives.Order(StringComparer.Ordinal), initiatives.Order(StringComparer.Ordinal));

        var tt = response.Data["tt"]!["nodes"]![0]!;
        Assert.Equal(DemoNetwork.Jeugdlab, tt["recognitions"]![0]!["label"]!.GetValue<string>());
        Assert.Equal("2026-01-01", tt["recognitions"]![0]!["startsOn"]!.GetValue<string>());
        var members = tt["members"]!["nodes"]!.AsArray();
        Assert.Contains(members, m => m!["member"]!["name"]!.GetValue<string>() == "Team Toekomst (demo)");
        Assert.Contains(members, m => m!["member"]!["name"]!.GetValue<string>() == DemoNetwork.FormerSupportMember && m["endsOn"] is not null);
    }

    private static List<string> MemberNames(System.Text.Json.Nodes.JsonNode? connection) =>
        [.. connection!["nodes"]!.AsArray().Select(n => n!["member"]!["name"]!.GetValue<string>())];

    private async Task<Coalition> AddCoalitionAsync(NetworkWorld w, string name, List<CoalitionMember> members)
    {
        var coalition = new Coalition { Name = name, MunicipalityId = w.Municipality.Id, Members = members };
        await using var db = await app().OpenDbAsync();
        db.Add(coalition);
        await db.SaveChangesAsync();
        return coalition;
    }
}

public sealed class SqliteCoalitionTests(SqliteAppFixture fixture) : CoalitionTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresCoalitionTests(PostgresAppFixture fixture) : CoalitionTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
