using Infrastructuur.Api.Features.People;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Network;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.People;

public abstract class PeopleTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Coordinators_of_several_initiatives_come_from_one_statement_with_their_role_and_start()
    {
        var w = await NetworkWorld.CreateAsync(app());
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(new InitiativeCoordinator { InitiativeId = w.InitiativeA.Id, Person = Person("Later A."), Since = new DateOnly(2024, 5, 1), Role = "penningmeester", AcceptedAt = DateTime.UtcNow });
            db.Add(new InitiativeCoordinator { InitiativeId = w.InitiativeA.Id, Person = Person("Eerst A."), Since = new DateOnly(2020, 1, 1), Role = "coördinator", AcceptedAt = DateTime.UtcNow });
            db.Add(new InitiativeCoordinator { InitiativeId = w.InitiativeB.Id, Person = Person("Enige B."), Since = new DateOnly(2022, 2, 2), AcceptedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        using var sql = await SqlStatements.RecordAsync(app());
        var response = await app().QueryAsync("""
            query($m: ID!) { municipality(id: $m) { initiatives(first: 10) { nodes { name coordinators { person { displayName } startsOn role } } } } }
            """, new { m = Id(w.Municipality) });

        response.AssertOk();
        var initiatives = response.Data!["municipality"]!["initiatives"]!["nodes"]!.AsArray();
        var a = initiatives.Single(i => i!["name"]!.GetValue<string>() == w.InitiativeA.Name)!["coordinators"]!;
        Assert.Equal(["Eerst A. (test)", "Later A. (test)"], a.AsArray().Select(c => c!["person"]!["displayName"]!.GetValue<string>()));
        Assert.Equal("2020-01-01", a[0]!["startsOn"]!.GetValue<string>());
        Assert.Equal("penningmeester", a[1]!["role"]!.GetValue<string>());
        var b = initiatives.Single(i => i!["name"]!.GetValue<string>() == w.InitiativeB.Name)!["coordinators"]!;
        Assert.Null(b[0]!["role"]);
        Assert.Equal(1, sql.Reading("InitiativeCoordinators"));
        Assert.Equal(1, sql.Reading("People"));
    }

    [SkippableFact]
    public async Task A_person_shows_a_display_name_and_personal_fields_and_is_not_listed_at_the_root()
    {
        var response = await app().QueryAsync("""
            { person: __type(name: "Person") { fields { name } }
              coordinator: __type(name: "InitiativeCoordinator") { fields { name } }
              query: __type(name: "Query") { fields { name type { name ofType { name ofType { name } } } } } }
            """);

        response.AssertOk();
        // The contact fields are personal data: who may read them is tested under Access.
        Assert.Equal(["displayName", "email", "fullName", "id", "phone"], Strings(response.Data!["person"]!["fields"], "name").Order(StringComparer.Ordinal));
        Assert.Equal(["id", "initiative", "person", "role", "startsOn", "status"], Strings(response.Data["coordinator"]!["fields"], "name").Order(StringComparer.Ordinal));
        var roots = response.Data["query"]!["fields"]!.AsArray();
        Assert.DoesNotContain(roots, f => f!["name"]!.GetValue<string>().StartsWith("person", StringComparison.OrdinalIgnoreCase) || f["name"]!.GetValue<string>() == "people");
        Assert.DoesNotContain(roots, f => f!.ToJsonString().Contains("\"Person", StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task Stored_contact_details_never_reach_an_anonymous_response()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var person = new Person { DisplayName = "Contact (test)", FullName = "Volledige Naam Geheim", Email = "geheim@example.invalid", Phone = "+31 6 00000000" };
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(new InitiativeCoordinator { InitiativeId = w.InitiativeA.Id, Person = person, Since = new DateOnly(2023, 1, 1), AcceptedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
        }

        var response = await app().QueryAsync("""
            query($i: ID!, $p: ID!) { initiative(id: $i) { coordinators { person { id displayName } } } node(id: $p) { __typename ... on Person { displayName } } }
            """, new { i = Id(w.InitiativeA), p = Id(person) });

        response.AssertOk();
        Assert.Equal("Contact (test)", response.Data!["node"]!["displayName"]!.GetValue<string>());
        Assert.Equal(Id(person), response.Data["initiative"]!["coordinators"]![0]!["person"]!["id"]!.GetValue<string>());
        Assert.DoesNotContain("Geheim", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("geheim@", response.Text, StringComparison.Ordinal);

        var asked = await app().QueryAsync("""query($p: ID!) { node(id: $p) { ... on Person { fullName email phone } } }""", new { p = Id(person) });
        asked.AssertOk();
        Assert.Null(asked.Data!["node"]!["fullName"]);
        Assert.Null(asked.Data["node"]!["email"]);
        Assert.Null(asked.Data["node"]!["phone"]);
    }

    [SkippableFact]
    public async Task Demo_coordinators_have_obviously_fictional_names()
    {
        var response = await app().QueryAsync("""
            { municipality(cbsCode: "GM0599") { initiatives(first: 20) { nodes { name coordinators { person { displayName } role } } } } }
            """);

        response.AssertOk();
        var initiatives = response.Data!["municipality"]!["initiatives"]!["nodes"]!.AsArray();
        var eettafel = initiatives.Single(i => i!["name"]!.GetValue<string>() == "Eettafel Middelland (demo)")!;
        Assert.Equal(["Coördinator Eettafel (demo)", "Penningmeester Eettafel (demo)"], eettafel["coordinators"]!.AsArray().Select(c => c!["person"]!["displayName"]!.GetValue<string>()));
        var all = initiatives.SelectMany(i => i!["coordinators"]!.AsArray()).Select(c => c!["person"]!["displayName"]!.GetValue<string>()).ToList();
        Assert.True(all.Count >= 3);
        Assert.All(all, name => Assert.EndsWith("(demo)", name, StringComparison.Ordinal));
    }

    private static Person Person(string name) => new() { DisplayName = $"{name} (test)" };
}

public sealed class SqlitePeopleTests(SqliteAppFixture fixture) : PeopleTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPeopleTests(PostgresAppFixture fixture) : PeopleTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
