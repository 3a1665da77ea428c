using System.Text.Json.Nodes;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Mutations;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Signals;

/// <summary>The signal–response link read back both ways (Signal.responses, Activity.respondsTo), and raiseSignal's answer to its author.</summary>
public abstract class SignalResponseTests(Func<TestApp> app)
{
    private const string Responses = "query($id: ID!) { signal(id: $id) { responses(first: 10) { totalCount nodes { id } } } }";
    private const string RespondsTo = "query($id: ID!) { node(id: $id) { ... on Activity { respondsTo(first: 10) { totalCount nodes { id } } } } }";

    [SkippableFact]
    public async Task A_linked_response_reads_back_from_the_signal_and_from_the_activity()
    {
        var w = await MutationWorld.CreateAsync(app());
        var signal = await w.SignalAsync(w.Own);
        var byInitiative = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        var byOrganisation = await w.ActivityAsync(w.Own, organisation: w.Own.OrganisationA);
        await w.ActivityAsync(w.Own, organisation: w.Own.OrganisationB);
        (await app().MutateAsync("linkSignalResponse", new { signal = Id(signal), activities = new[] { Id(byInitiative), Id(byOrganisation) } }, w.Official)).Succeeded("linkSignalResponse");

        var official = (await app().QueryAsync(Responses, new { id = Id(signal) }, w.Official.Token)).AssertOk().Data!["signal"]!["responses"]!;
        Assert.Equal(new[] { Id(byInitiative), Id(byOrganisation) }.Order(StringComparer.Ordinal), Ids(official).Order(StringComparer.Ordinal));
        Assert.Equal(2, official["totalCount"]!.GetValue<int>());
        foreach (var activity in new[] { byInitiative, byOrganisation })
        {
            var back = (await app().QueryAsync(RespondsTo, new { id = Id(activity) }, w.Official.Token)).AssertOk().Data!["node"]!["respondsTo"]!;
            Assert.Equal([Id(signal)], Ids(back));
        }

        // Staff of organisation A read the signal (their activity answers it) but not the activity of initiative A, a
        // draft outside their scope: the list and its count hold only what a list of activities would show them.
        var staff = (await app().QueryAsync(Responses, new { id = Id(signal) }, w.Staff.Token)).AssertOk().Data!["signal"]!["responses"]!;
        Assert.Equal([Id(byOrganisation)], Ids(staff));
        Assert.Equal(1, staff["totalCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task An_activity_shows_only_the_signals_the_caller_may_read()
    {
        var w = await MutationWorld.CreateAsync(app());
        var shared = await w.SignalAsync(w.Own);
        var officialsOnly = await w.SignalAsync(w.Own);
        var staffs = await w.ActivityAsync(w.Own, organisation: w.Own.OrganisationA);
        var answering = await w.ActivityAsync(w.Own, organisation: w.Own.OrganisationB);
        (await app().MutateAsync("linkSignalResponse", new { signal = Id(shared), activities = new[] { Id(staffs), Id(answering) } }, w.Official)).Succeeded("linkSignalResponse");
        (await app().MutateAsync("linkSignalResponse", new { signal = Id(officialsOnly), activities = new[] { Id(answering) } }, w.Official)).Succeeded("linkSignalResponse");

        async Task<(string Ids, int Total)> ReadAsync(Caller? caller)
        {
            var list = (await app().QueryAsync(RespondsTo, new { id = Id(answering) }, caller?.Token)).AssertOk().Data!["node"]!["respondsTo"]!;
            return (string.Join(' ', Ids(list).Order(StringComparer.Ordinal)), list["totalCount"]!.GetValue<int>());
        }

        Assert.Equal((string.Join(' ', new[] { Id(shared), Id(officialsOnly) }.Order(StringComparer.Ordinal)), 2), await ReadAsync(w.Official));

        // Staff of organisation A read the signal their own activity answers, not the other one.
        Assert.Equal((Id(shared), 1), await ReadAsync(w.Staff));
        foreach (var outsider in new[] { null, w.Resident, w.OtherOfficial, w.OtherStaff })
        {
            Assert.Equal((string.Empty, 0), await ReadAsync(outsider));
        }
    }

    [SkippableFact]
    public async Task RaiseSignal_returns_the_description_to_its_author_and_nobody_else_reads_it()
    {
        var w = await MutationWorld.CreateAsync(app());
        const string Written = "Kinderen komen zonder ontbijt naar school.";
        object Input(string? organisation = null) =>
            new { observedOn = "2025-03-01", neighbourhood = Id(w.Own.BuurtA), themes = new[] { Id(w.Own.Theme) }, description = Written, reportingOrganisation = organisation };
        async Task<JsonNode> RaiseAsync(Caller? caller, object input, string? key = null) =>
            (await app().MutateAsync("raiseSignal", input, caller, "signal { id description }", idempotencyKey: key)).Succeeded("raiseSignal")["signal"]!;

        var key = Guid.NewGuid().ToString();
        var raised = new[] { await RaiseAsync(null, Input()), await RaiseAsync(w.Resident, Input(), key), await RaiseAsync(w.Resident, Input(), key), await RaiseAsync(w.Staff, Input(Id(w.Own.OrganisationA))) };
        Assert.All(raised, r => Assert.Equal(Written, r["description"]?.GetValue<string>()));

        // Others stay under the signal's rule: the resident's signal is not found by another resident, an official of its
        // municipality reads it.
        var id = raised[1]["id"]!.GetValue<string>();
        const string Read = "query($id: ID!) { signal(id: $id) { description } }";
        var other = await app().QueryAsync(Read, new { id }, w.Resident.Token);
        Assert.Equal(("NOT_FOUND", null), (other.FirstErrorCode, other.Data?["signal"]));
        Assert.Equal(Written, (await app().QueryAsync(Read, new { id }, w.Official.Token)).AssertOk().Data!["signal"]!["description"]!.GetValue<string>());
    }

    private static List<string> Ids(JsonNode connection) => [.. connection["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>())];
}

public sealed class SqliteSignalResponseTests(SqliteAppFixture fixture) : SignalResponseTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSignalResponseTests(PostgresAppFixture fixture) : SignalResponseTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
