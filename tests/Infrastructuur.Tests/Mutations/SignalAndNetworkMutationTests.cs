using GraphQL.Types;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>Signals (raise, triage, link responses), network meetings, collaborations and coalition membership.</summary>
public abstract class SignalAndNetworkMutationTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Anyone_raises_a_signal_without_giving_personal_data_and_the_field_is_marked_for_rate_limiting()
    {
        var w = await MutationWorld.CreateAsync(app());
        var signal = (await app().MutateAsync("raiseSignal", new { observedOn = "2025-03-01", neighbourhood = Id(w.Own.BuurtA), themes = new[] { Id(w.Own.Theme) }, description = "Kinderen concentreren zich slecht." }, null,
            "signal { status reporterKind reportingOrganisation { name } neighbourhood { municipality { name } } themes { id } }")).Succeeded("raiseSignal")["signal"]!;
        Assert.Equal(("NEW", "RESIDENT"), (signal["status"]!.GetValue<string>(), signal["reporterKind"]!.GetValue<string>()));
        Assert.Null(signal["reportingOrganisation"]);
        Assert.Equal(w.Own.Municipality.Name, signal["neighbourhood"]!["municipality"]!["name"]!.GetValue<string>());

        var input = await app().QueryAsync("""{ __type(name: "RaiseSignalInput") { inputFields { name } } }""");
        Assert.Equal(["description", "neighbourhood", "observedOn", "reportingOrganisation", "targetGroup", "themes"],
            input.AssertOk().Data!["__type"]!["inputFields"]!.AsArray().Select(f => f!["name"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        var schema = app().Services.GetRequiredService<ISchema>();
        schema.Initialize();
        Assert.True(schema.Mutation!.GetField("raiseSignal")!.GetMetadata<bool>(MutationFields.RateLimitedMetadataKey));
        Assert.False(schema.Mutation.GetField("startInitiative")!.GetMetadata<bool>(MutationFields.RateLimitedMetadataKey));
    }

    [SkippableFact]
    public async Task Staff_raise_signals_for_their_own_organisation_only_and_not_for_a_day_ahead()
    {
        var w = await MutationWorld.CreateAsync(app());
        object Input(string? organisation, string observedOn = "2025-03-01", string[]? themes = null) =>
            new { observedOn, neighbourhood = Id(w.Own.BuurtA), themes = themes ?? [Id(w.Own.Theme)], reportingOrganisation = organisation };

        var raised = (await app().MutateAsync("raiseSignal", Input(Id(w.Own.OrganisationA)), w.Staff, "signal { reporterKind reportingOrganisation { name } }")).Succeeded("raiseSignal")["signal"]!;
        Assert.Equal(("ORGANISATION", w.Own.OrganisationA.Name), (raised["reporterKind"]!.GetValue<string>(), raised["reportingOrganisation"]!["name"]!.GetValue<string>()));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("raiseSignal", Input(Id(w.Own.OrganisationB)), w.Staff)).Outcome("raiseSignal"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("raiseSignal", Input(Id(w.Own.OrganisationA)), null)).Outcome("raiseSignal"));
        Assert.Equal("OUT_OF_RANGE", (await app().MutateAsync("raiseSignal", Input(null, MutationWorld.Day(2)), w.Resident)).Outcome("raiseSignal"));
        Assert.Equal("REQUIRED", (await app().MutateAsync("raiseSignal", Input(null, themes: []), w.Resident)).Outcome("raiseSignal"));
    }

    [SkippableFact]
    public async Task Officials_trace_a_signal_to_its_theme_and_move_it_forward_only()
    {
        var w = await MutationWorld.CreateAsync(app());
        var signal = await w.SignalAsync(w.Own);
        async Task<GraphQLResponse> Triage(object extra) =>
            await app().MutateAsync("triageSignal", await w.VersionedInputAsync(signal, extra), w.Official, "signal { status underlyingTheme { id } }");

        var discussed = (await Triage(new { status = "DISCUSSED", underlyingTheme = Id(w.Own.OtherTheme) })).Succeeded("triageSignal")["signal"]!;
        Assert.Equal(("DISCUSSED", Id(w.Own.OtherTheme)), (discussed["status"]!.GetValue<string>(), discussed["underlyingTheme"]!["id"]!.GetValue<string>()));
        Assert.Equal("CLOSED", (await Triage(new { status = "CLOSED" })).Succeeded("triageSignal")["signal"]!["status"]!.GetValue<string>());
        Assert.Equal("INVALID_TRANSITION", (await Triage(new { status = "NEW" })).Outcome("triageSignal"));
        var untraced = (await Triage(new { underlyingTheme = (string?)null })).Succeeded("triageSignal")["signal"]!;
        Assert.Equal(("CLOSED", null), (untraced["status"]!.GetValue<string>(), untraced["underlyingTheme"]));
    }

    [SkippableFact]
    public async Task Activities_answering_a_signal_are_linked_once_and_only_within_its_municipality()
    {
        var w = await MutationWorld.CreateAsync(app());
        var signal = await w.SignalAsync(w.Own);
        var first = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        var second = await w.ActivityAsync(w.Own, organisation: w.Own.OrganisationA);
        var elsewhere = await w.ActivityAsync(w.Other, organisation: w.Other.OrganisationA);

        var linked = (await app().MutateAsync("linkSignalResponse", new { signal = Id(signal), activities = new[] { Id(first), Id(second) } }, w.Official, "activities { id }")).Succeeded("linkSignalResponse");
        Assert.Equal(2, linked["activities"]!.AsArray().Count);
        (await app().MutateAsync("linkSignalResponse", new { signal = Id(signal), activities = new[] { Id(first) } }, w.Coordinator)).Succeeded("linkSignalResponse");
        Assert.Equal("OUTSIDE_SCOPE", (await app().MutateAsync("linkSignalResponse", new { signal = Id(signal), activities = new[] { Id(elsewhere) } }, w.Admin)).Outcome("linkSignalResponse"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("linkSignalResponse", new { signal = Id(signal), activities = new[] { Id(second) } }, w.Coordinator)).Outcome("linkSignalResponse"));
        Assert.Equal("REQUIRED", (await app().MutateAsync("linkSignalResponse", new { signal = Id(signal), activities = Array.Empty<string>() }, w.Official)).Outcome("linkSignalResponse"));

        await using var db = await app().OpenDbAsync();
        Assert.Equal(2, await db.SignalResponses.CountAsync(r => r.SignalId == signal.Id));
    }

    [SkippableFact]
    public async Task A_coordinator_cannot_link_their_way_into_reading_a_signal_and_links_can_be_undone()
    {
        var w = await MutationWorld.CreateAsync(app());
        var signal = await w.SignalAsync(w.Own);
        var activity = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        await using (var db = await app().OpenDbAsync())
        {
            await db.Signals.Where(s => s.Id == signal.Id).ExecuteUpdateAsync(set => set.SetProperty(s => s.Description, "Kinderen komen zonder ontbijt naar school."));
        }

        async Task<string?> DescriptionAsync(Caller caller) =>
            // A signal the caller may not read is NOT_FOUND as a whole, so its description is null either way.
            (await app().QueryAsync("query($id: ID!) { node(id: $id) { ... on Signal { description } } }", new { id = Id(signal) }, caller.Token))
                .Data?["node"]?["description"]?.GetValue<string>();
        object Input(string signalId) => new { signal = signalId, activities = new[] { Id(activity) } };
        async Task<int> LinksAsync()
        {
            await using var db = await app().OpenDbAsync();
            return await db.SignalResponses.CountAsync(r => r.SignalId == signal.Id);
        }

        // Not readable to the coordinator, so not linkable either: answered exactly like a signal that does not exist.
        Assert.Null(await DescriptionAsync(w.Coordinator));
        var refused = await app().MutateAsync("linkSignalResponse", Input(Id(signal)), w.Coordinator);
        var madeUp = await app().MutateAsync("linkSignalResponse", Input(Id(new Api.Features.Signals.Signal())), w.Coordinator);
        Assert.Equal("NOT_FOUND", refused.Outcome("linkSignalResponse"));
        Assert.Equal(madeUp.Text, refused.Text);
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("unlinkSignalResponse", Input(Id(signal)), w.Coordinator)).Outcome("unlinkSignalResponse"));
        Assert.Equal((0, null), (await LinksAsync(), await DescriptionAsync(w.Coordinator)));

        // An official links the initiative's activity: now its coordinator reads the signal.
        (await app().MutateAsync("linkSignalResponse", Input(Id(signal)), w.Official)).Succeeded("linkSignalResponse");
        Assert.Equal("Kinderen komen zonder ontbijt naar school.", await DescriptionAsync(w.Coordinator));

        // Unlinking removes the link (and with it the coordinator's reading); doing it again changes nothing.
        (await app().MutateAsync("unlinkSignalResponse", Input(Id(signal)), w.Coordinator, "activities { id }")).Succeeded("unlinkSignalResponse");
        Assert.Equal((0, null), (await LinksAsync(), await DescriptionAsync(w.Coordinator)));
        (await app().MutateAsync("unlinkSignalResponse", Input(Id(signal)), w.Official)).Succeeded("unlinkSignalResponse");
        Assert.Equal(0, await LinksAsync());
    }

    [SkippableFact]
    public async Task Officials_record_a_network_meeting_with_participants_and_outcomes_of_their_municipality()
    {
        var w = await MutationWorld.CreateAsync(app());
        var signal = await w.SignalAsync(w.Own);
        var foreign = await w.SignalAsync(w.Other);
        var collaboration = new Collaboration { Purpose = "Samen", StartsOn = new DateOnly(2025, 1, 1), MunicipalityId = w.Own.Municipality.Id };
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(collaboration);
            await db.SaveChangesAsync();
        }

        var meeting = (await app().MutateAsync("recordNetworkMeeting", new
        {
            name = "Gebiedsoverleg",
            heldOn = "2025-04-01",
            organiser = Id(w.Own.OrganisationB),
            participants = new[] { Id(w.Own.InitiativeA), Id(w.Own.OrganisationA) },
            themes = new[] { Id(w.Own.Theme) },
            signalsDiscussed = new[] { Id(signal) },
            collaborationsStarted = new[] { Id(collaboration) },
            outcomeNotes = "Voedingslessen op school.",
        }, w.Official, "networkMeeting { municipality { name } area { name } organiser { name } participants { __typename } signalsDiscussed { status } collaborationsStarted { purpose } outcomeNotes }"))
            .Succeeded("recordNetworkMeeting")["networkMeeting"]!;
        Assert.Equal((w.Own.Municipality.Name, w.Own.OrganisationB.Name), (meeting["municipality"]!["name"]!.GetValue<string>(), meeting["organiser"]!["name"]!.GetValue<string>()));
        Assert.Null(meeting["area"]);
        Assert.Equal(["Initiative", "Organisation"], meeting["participants"]!.AsArray().Select(p => p!["__typename"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.Equal("Samen", meeting["collaborationsStarted"]![0]!["purpose"]!.GetValue<string>());

        // Another municipality's signal is not the official's to read, so it is not found before any scope check.
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("recordNetworkMeeting", new { name = "Overleg", heldOn = "2025-04-01", signalsDiscussed = new[] { Id(foreign) } }, w.Official)).Outcome("recordNetworkMeeting"));
        Assert.Equal("REQUIRED", (await app().MutateAsync("recordNetworkMeeting", new { name = "Overleg", heldOn = "2025-04-01" }, w.Admin)).Outcome("recordNetworkMeeting"));
        Assert.Equal("OK", (await app().MutateAsync("recordNetworkMeeting", new { name = "Overleg", heldOn = "2025-04-01", area = Id(w.Own.Area) }, w.Admin)).Outcome("recordNetworkMeeting"));
    }

    [SkippableFact]
    public async Task Collaborations_start_between_parties_of_one_municipality_and_end_once()
    {
        var w = await MutationWorld.CreateAsync(app());
        var started = (await app().MutateAsync("startCollaboration", new
        {
            purpose = "Huiswerkhulp op school",
            startsOn = "2025-01-01",
            formality = "COVENANT",
            parties = new[] { Id(w.Own.InitiativeA), Id(w.Own.OrganisationA) },
            themes = new[] { Id(w.Own.Theme) },
        }, w.Coordinator, "collaboration { id version formality municipality { name } parties { __typename } }")).Succeeded("startCollaboration")["collaboration"]!;
        Assert.Equal(("COVENANT", w.Own.Municipality.Name), (started["formality"]!.GetValue<string>(), started["municipality"]!["name"]!.GetValue<string>()));

        Assert.Equal("REQUIRED", (await app().MutateAsync("startCollaboration", new { purpose = "Alleen", startsOn = "2025-01-01", parties = new[] { Id(w.Own.InitiativeA) } }, w.Coordinator)).Outcome("startCollaboration"));
        Assert.Equal("MIXED_MUNICIPALITIES", (await app().MutateAsync("startCollaboration", new { purpose = "Ver weg", startsOn = "2025-01-01", parties = new[] { Id(w.Own.InitiativeA), Id(w.Other.InitiativeA) } }, w.Admin)).Outcome("startCollaboration"));

        var id = started["id"]!.GetValue<string>();
        Assert.Equal("DATE_ORDER", (await app().MutateAsync("endCollaboration", new { id, expectedVersion = 1, endsOn = "2024-12-31" }, w.Staff)).Outcome("endCollaboration"));
        var ended = (await app().MutateAsync("endCollaboration", new { id, expectedVersion = 1, endsOn = "2025-06-30" }, w.Staff, "collaboration { endsOn version }")).Succeeded("endCollaboration")["collaboration"]!;
        Assert.Equal(("2025-06-30", 2), (ended["endsOn"]!.GetValue<string>(), ended["version"]!.GetValue<int>()));
        Assert.Equal("INVALID_TRANSITION", (await app().MutateAsync("endCollaboration", new { id, expectedVersion = 2 }, w.Official)).Outcome("endCollaboration"));
    }

    [SkippableFact]
    public async Task Parties_join_leave_and_rejoin_a_coalition_of_their_municipality()
    {
        var w = await MutationWorld.CreateAsync(app());
        var coalition = new Coalition { Name = $"Huis van de Wijk {Guid.NewGuid():N}", MunicipalityId = w.Own.Municipality.Id };
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(coalition);
            await db.SaveChangesAsync();
        }

        const string Members = "coalition { members(first: 5) { nodes { startsOn endsOn member { __typename } } } }";
        object Input(string party, string? on = null) => new { coalition = Id(coalition), party, on };
        (await app().MutateAsync("joinCoalition", Input(Id(w.Own.InitiativeA), "2025-01-01"), w.Coordinator)).Succeeded("joinCoalition");
        Assert.Equal("DATE_ORDER", (await app().MutateAsync("leaveCoalition", Input(Id(w.Own.InitiativeA), "2024-06-01"), w.Coordinator)).Outcome("leaveCoalition"));
        // Leaving on the day it joined would be a membership of no day, ending (endsOn) before it starts.
        Assert.Equal("DATE_ORDER", (await app().MutateAsync("leaveCoalition", Input(Id(w.Own.InitiativeA), "2025-01-01"), w.Coordinator)).Outcome("leaveCoalition"));
        var left = (await app().MutateAsync("leaveCoalition", Input(Id(w.Own.InitiativeA), "2025-06-01"), w.Coordinator, Members)).Succeeded("leaveCoalition");
        Assert.Equal("2025-05-31", left["coalition"]!["members"]!["nodes"]![0]!["endsOn"]!.GetValue<string>());
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("leaveCoalition", Input(Id(w.Own.InitiativeA)), w.Coordinator)).Outcome("leaveCoalition"));

        var rejoined = (await app().MutateAsync("joinCoalition", Input(Id(w.Own.InitiativeA), "2025-09-01"), w.Coordinator, Members)).Succeeded("joinCoalition");
        var member = rejoined["coalition"]!["members"]!["nodes"]!.AsArray().Single()!;
        Assert.Equal(("2025-09-01", null), (member["startsOn"]!.GetValue<string>(), member["endsOn"]));
        (await app().MutateAsync("joinCoalition", Input(Id(w.Own.OrganisationA)), w.Staff)).Succeeded("joinCoalition");
        Assert.Equal("OUTSIDE_SCOPE", (await app().MutateAsync("joinCoalition", Input(Id(w.Other.InitiativeA)), w.Admin)).Outcome("joinCoalition"));
    }
}

public sealed class SqliteSignalAndNetworkMutationTests(SqliteAppFixture fixture) : SignalAndNetworkMutationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSignalAndNetworkMutationTests(PostgresAppFixture fixture) : SignalAndNetworkMutationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
