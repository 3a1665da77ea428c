using Infrastructuur.Api.Features.People;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>startInitiative, describeInitiative, the status steps and the coordinator list: happy paths and main user errors.</summary>
public abstract class InitiativeMutationTests(Func<TestApp> app)
{
    private const string Initiative = "initiative { id name description status version municipality { name } coordinators { person { displayName } } neighbourhoods(first: 5) { nodes { name } } }";

    [SkippableFact]
    public async Task Starting_puts_a_draft_in_the_municipality_of_its_regions_with_the_creator_as_coordinator()
    {
        var w = await MutationWorld.CreateAsync(app());
        var started = (await app().MutateAsync("startInitiative", new
        {
            name = "  Buurtkeuken (test)  ",
            description = "Samen koken.",
            startedOn = "2025-02-01",
            neighbourhoods = new[] { Id(w.Own.BuurtA), Id(w.Own.BuurtB) },
            themes = new[] { Id(w.Own.Theme) },
        }, w.Coordinator, Initiative)).Succeeded("startInitiative")["initiative"]!;

        Assert.Equal("Buurtkeuken (test)", started["name"]!.GetValue<string>());
        Assert.Equal(("DRAFT", 1), (started["status"]!.GetValue<string>(), started["version"]!.GetValue<int>()));
        Assert.Equal(w.Own.Municipality.Name, started["municipality"]!["name"]!.GetValue<string>());
        Assert.Equal(["Coördinator (test)"], started["coordinators"]!.AsArray().Select(c => c!["person"]!["displayName"]!.GetValue<string>()));
        Assert.Equal(2, started["neighbourhoods"]!["nodes"]!.AsArray().Count);

        // The creator's scope comes from the new coordinator row: the next request may edit the initiative.
        var described = await app().MutateAsync("describeInitiative", new { id = started["id"]!.GetValue<string>(), expectedVersion = 1, description = "Samen koken en eten." }, w.Coordinator);
        described.Succeeded("describeInitiative");
    }

    [SkippableFact]
    public async Task Starting_refuses_mixed_regions_an_empty_name_other_roles_and_accounts_without_a_person()
    {
        var w = await MutationWorld.CreateAsync(app());
        object Input(string name, params string[] regions) => new { name, neighbourhoods = regions };

        Assert.Equal("MIXED_MUNICIPALITIES", (await app().MutateAsync("startInitiative", Input("Gemengd", Id(w.Own.BuurtA), Id(w.Other.BuurtA)), w.Coordinator)).Outcome("startInitiative"));
        Assert.Equal("REQUIRED", (await app().MutateAsync("startInitiative", Input("   ", Id(w.Own.BuurtA)), w.Coordinator)).Outcome("startInitiative"));
        Assert.Equal("REQUIRED", (await app().MutateAsync("startInitiative", Input("Zonder buurt"), w.Coordinator)).Outcome("startInitiative"));
        Assert.Equal("TOO_LONG", (await app().MutateAsync("startInitiative", Input(new string('x', 301), Id(w.Own.BuurtA)), w.Coordinator)).Outcome("startInitiative"));
        Assert.Equal("INVALID", (await app().MutateAsync("startInitiative", Input("Verkeerde ID", Id(w.Own.Theme)), w.Coordinator)).Outcome("startInitiative"));
        Assert.Equal("FORBIDDEN", (await app().MutateAsync("startInitiative", Input("Bewoner", Id(w.Own.BuurtA)), w.Resident)).Outcome("startInitiative"));
        Assert.Equal("UNAUTHENTICATED", (await app().MutateAsync("startInitiative", Input("Anoniem", Id(w.Own.BuurtA)), null)).Outcome("startInitiative"));
        var stranger = new Caller(new Person { DisplayName = "Onbekend" }, Tokens.Mint($"nobody-{Guid.NewGuid():N}", "coordinator"));
        Assert.Equal("PERSON_REQUIRED", (await app().MutateAsync("startInitiative", Input("Zonder persoon", Id(w.Own.BuurtA)), stranger)).Outcome("startInitiative"));

        await using var db = await app().OpenDbAsync();
        Assert.Equal(0, await db.Initiatives.CountAsync(i => i.MunicipalityId == w.Own.Municipality.Id && i.Name != w.Own.InitiativeA.Name && i.Name != w.Own.InitiativeB.Name));
    }

    [SkippableFact]
    public async Task Describing_changes_only_what_was_sent_and_keeps_the_initiative_in_its_municipality()
    {
        var w = await MutationWorld.CreateAsync(app());
        var id = Id(w.Own.InitiativeA);
        var first = (await app().MutateAsync("describeInitiative", new { id, expectedVersion = 1, description = "Eerste" }, w.Coordinator, Initiative)).Succeeded("describeInitiative")["initiative"]!;
        Assert.Equal((w.Own.InitiativeA.Name, "Eerste", 2), (first["name"]!.GetValue<string>(), first["description"]!.GetValue<string>(), first["version"]!.GetValue<int>()));

        var cleared = (await app().MutateAsync("describeInitiative", new { id, expectedVersion = 2, description = (string?)null }, w.Coordinator, Initiative)).Succeeded("describeInitiative")["initiative"]!;
        Assert.Null(cleared["description"]);

        Assert.Equal("OUTSIDE_SCOPE", (await app().MutateAsync("describeInitiative", new { id, expectedVersion = 3, neighbourhoods = new[] { Id(w.Other.BuurtA) } }, w.Coordinator)).Outcome("describeInitiative"));
        Assert.Equal("CONFLICT", (await app().MutateAsync("describeInitiative", new { id, expectedVersion = 2, description = "Te laat" }, w.Coordinator)).Outcome("describeInitiative"));
        Assert.Equal("REQUIRED", (await app().MutateAsync("describeInitiative", new { id, expectedVersion = 3, name = "" }, w.Coordinator)).Outcome("describeInitiative"));
        Assert.Equal(3, await w.VersionAsync(w.Own.InitiativeA));
    }

    [SkippableFact]
    public async Task An_initiative_is_published_paused_republished_and_ended_in_order()
    {
        var w = await MutationWorld.CreateAsync(app());
        var id = Id(w.Own.InitiativeA);
        async Task<string> Step(string mutation, Caller caller) =>
            (await app().MutateAsync(mutation, new { id, expectedVersion = await w.VersionAsync(w.Own.InitiativeA) }, caller, "initiative { status }")).Outcome(mutation);

        Assert.Equal("INVALID_TRANSITION", await Step("pauseInitiative", w.Coordinator));
        Assert.Equal("OK", await Step("publishInitiative", w.Official));
        Assert.Equal("OK", await Step("pauseInitiative", w.Coordinator));
        Assert.Equal("INVALID_TRANSITION", await Step("pauseInitiative", w.Coordinator));
        Assert.Equal("OK", await Step("publishInitiative", w.SecondOfficial));
        Assert.Equal("OK", await Step("endInitiative", w.Coordinator));
        Assert.Equal("INVALID_TRANSITION", await Step("publishInitiative", w.Official));
        var message = (await app().MutateAsync("publishInitiative", new { id, expectedVersion = await w.VersionAsync(w.Own.InitiativeA) }, w.Official)).Refused("publishInitiative", "INVALID_TRANSITION");
        Assert.Equal("This is not possible while the status is ENDED.", message);
    }

    [SkippableFact]
    public async Task Coordinators_invite_and_remove_co_coordinators_but_never_the_last_one()
    {
        var w = await MutationWorld.CreateAsync(app());
        var initiative = Id(w.Own.InitiativeA);
        var added = (await app().MutateAsync("addCoordinator", new { initiative, person = Id(w.OtherCoordinator.Person), role = "penningmeester" }, w.Coordinator, "coordinator { id role status person { displayName } }"))
            .Succeeded("addCoordinator")["coordinator"]!;
        Assert.Equal(("penningmeester", "INVITED"), (added["role"]!.GetValue<string>(), added["status"]!.GetValue<string>()));
        Assert.Equal("DUPLICATE", (await app().MutateAsync("addCoordinator", new { initiative, person = Id(w.OtherCoordinator.Person) }, w.Coordinator)).Outcome("addCoordinator"));

        // Invited is not yet coordinating: no edit rights until they accept, signed in as themself.
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("describeInitiative", new { id = initiative, expectedVersion = await w.VersionAsync(w.Own.InitiativeA), description = "Te vroeg" }, w.OtherCoordinator)).Outcome("describeInitiative"));
        var invitation = new { invitation = added["id"]!.GetValue<string>() };
        Assert.Equal("FORBIDDEN", (await app().MutateAsync("acceptCoordinatorInvitation", invitation, w.Coordinator)).Outcome("acceptCoordinatorInvitation"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("acceptCoordinatorInvitation", invitation, w.Staff)).Outcome("acceptCoordinatorInvitation"));
        Assert.Equal("ACTIVE", (await app().MutateAsync("acceptCoordinatorInvitation", invitation, w.OtherCoordinator, "coordinator { status }")).Succeeded("acceptCoordinatorInvitation")["coordinator"]!["status"]!.GetValue<string>());
        Assert.Equal("INVALID_TRANSITION", (await app().MutateAsync("acceptCoordinatorInvitation", invitation, w.OtherCoordinator)).Outcome("acceptCoordinatorInvitation"));

        // The new coordinator's scope follows the database: they may edit now, and no longer once removed.
        Assert.Equal("OK", (await app().MutateAsync("describeInitiative", new { id = initiative, expectedVersion = await w.VersionAsync(w.Own.InitiativeA), description = "Samen" }, w.OtherCoordinator)).Outcome("describeInitiative"));
        Assert.Equal("OK", (await app().MutateAsync("removeCoordinator", new { initiative, person = Id(w.OtherCoordinator.Person) }, w.Coordinator)).Outcome("removeCoordinator"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("describeInitiative", new { id = initiative, expectedVersion = await w.VersionAsync(w.Own.InitiativeA), description = "Weer" }, w.OtherCoordinator)).Outcome("describeInitiative"));

        // A pending invitation does not count as a coordinator who could take over.
        (await app().MutateAsync("addCoordinator", new { initiative, person = Id(w.Resident.Person) }, w.Coordinator)).Succeeded("addCoordinator");
        Assert.Equal("LAST_COORDINATOR", (await app().MutateAsync("removeCoordinator", new { initiative, person = Id(w.Coordinator.Person) }, w.Coordinator)).Outcome("removeCoordinator"));
        Assert.Equal("OK", (await app().MutateAsync("removeCoordinator", new { initiative, person = Id(w.Resident.Person) }, w.Coordinator)).Outcome("removeCoordinator"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("removeCoordinator", new { initiative, person = Id(w.Resident.Person) }, w.Coordinator)).Outcome("removeCoordinator"));
        await using var db = await app().OpenDbAsync();
        Assert.Equal([w.Coordinator.Person.Id], await db.InitiativeCoordinators.Where(c => c.InitiativeId == w.Own.InitiativeA.Id).Select(c => c.PersonId).ToListAsync());
    }

    [SkippableFact]
    public async Task Inviting_a_person_discloses_nothing_about_them_until_they_accept()
    {
        var w = await MutationWorld.CreateAsync(app());
        var invitee = w.Resident.Person;
        await using (var db = await app().OpenDbAsync())
        {
            await db.People.Where(p => p.Id == invitee.Id).ExecuteUpdateAsync(set => set
                .SetProperty(p => p.FullName, "Bea de Bewoner").SetProperty(p => p.Email, "bea@example.org").SetProperty(p => p.Phone, "0612345678"));
        }

        const string Contact = "person { fullName email phone }";
        var invited = (await app().MutateAsync("addCoordinator", new { initiative = Id(w.Own.InitiativeA), person = Id(invitee) }, w.Coordinator, $"coordinator {{ id {Contact} }}"))
            .Succeeded("addCoordinator")["coordinator"]!;
        Assert.Equal([null, null, null], new[] { "fullName", "email", "phone" }.Select(f => invited["person"]![f]?.GetValue<string>()));

        // Nor through the initiative, nor the other way round: the invitee reads nothing of the inviter.
        await w.PublishAsync(w.Own.InitiativeA);
        var listed = (await app().QueryAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Initiative {{ coordinators {{ status {Contact} }} }} }} }}", new { id = Id(w.Own.InitiativeA) }, w.Coordinator.Token))
            .AssertOk().Data!["node"]!["coordinators"]!.AsArray();
        Assert.Equal(["ACTIVE", "INVITED"], listed.Select(c => c!["status"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(listed.Where(c => c!["status"]!.GetValue<string>() == "INVITED"), c => Assert.Null(c!["person"]!["email"]));
        var publicList = (await app().QueryAsync("query($id: ID!) { node(id: $id) { ... on Initiative { coordinators { status } } } }", new { id = Id(w.Own.InitiativeA) }))
            .AssertOk().Data!["node"]!["coordinators"]!.AsArray();
        Assert.Equal(["ACTIVE"], publicList.Select(c => c!["status"]!.GetValue<string>()));
        var inviter = (await app().QueryAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Person {{ email }} }} }}", new { id = Id(w.Coordinator.Person) }, w.Resident.Token)).AssertOk();
        Assert.Null(inviter.Data!["node"]!["email"]);

        // Nothing of the invitee was read, so nothing is logged as a read by the inviter.
        async Task<int> ReadsAsync()
        {
            await using var db = await app().OpenDbAsync();
            return await db.AccessLog.CountAsync(e => e.PersonId == invitee.Id && e.ReaderSubject == w.Coordinator.Person.Subject);
        }

        Assert.Equal(0, await ReadsAsync());

        // The invitee sees the invitation waiting for them and accepts it; from then on their contact details are shared.
        var waiting = (await app().QueryAsync("{ viewer { coordinatorInvitations { id status initiative { name } } } }", token: w.Resident.Token)).AssertOk().Data!["viewer"]!["coordinatorInvitations"]!.AsArray();
        Assert.Equal([invited["id"]!.GetValue<string>()], waiting.Select(i => i!["id"]!.GetValue<string>()));
        (await app().MutateAsync("acceptCoordinatorInvitation", new { invitation = invited["id"]!.GetValue<string>() }, w.Resident)).Succeeded("acceptCoordinatorInvitation");
        Assert.Empty((await app().QueryAsync("{ viewer { coordinatorInvitations { id } } }", token: w.Resident.Token)).AssertOk().Data!["viewer"]!["coordinatorInvitations"]!.AsArray());
        var shared = (await app().QueryAsync($"query($id: ID!) {{ node(id: $id) {{ ... on Person {{ email }} }} }}", new { id = Id(invitee) }, w.Coordinator.Token)).AssertOk();
        Assert.Equal("bea@example.org", shared.Data!["node"]!["email"]!.GetValue<string>());
        Assert.Equal(1, await ReadsAsync());
    }
}

public sealed class SqliteInitiativeMutationTests(SqliteAppFixture fixture) : InitiativeMutationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresInitiativeMutationTests(PostgresAppFixture fixture) : InitiativeMutationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
