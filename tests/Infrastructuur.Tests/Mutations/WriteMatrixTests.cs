using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>
/// The write column of docs/security.md's authorization matrix, row by row, over real HTTP with real tokens: who may act
/// (OK), who may see the object but not do this (FORBIDDEN), who may not even know it exists (NOT_FOUND, the same as a
/// made-up ID) and who must sign in first (UNAUTHENTICATED, a top-level error).
/// </summary>
public abstract class WriteMatrixTests(Func<TestApp> app)
{
    private const string Ok = "OK";
    private const string NotFound = "NOT_FOUND";
    private const string Forbidden = "FORBIDDEN";
    private const string Unauthenticated = "UNAUTHENTICATED";

    [SkippableFact]
    public async Task Own_initiative_is_edited_by_its_coordinators_seen_by_officials_of_its_municipality_and_unknown_to_others()
    {
        var w = await MutationWorld.CreateAsync(app());
        var expected = new Dictionary<string, string>
        {
            ["anonymous"] = Unauthenticated, ["resident"] = NotFound, ["coordinator"] = Ok, ["other coordinator"] = NotFound,
            ["staff"] = NotFound, ["other staff"] = NotFound, ["official"] = Forbidden, ["other official"] = NotFound, ["admin"] = Ok,
        };
        await ExpectAsync(w, expected, async caller => await app().MutateAsync(
            "describeInitiative", new { id = Id(w.Own.InitiativeA), expectedVersion = await w.VersionAsync(w.Own.InitiativeA), description = "Nieuw" }, caller));

        // A made-up ID answers exactly like an initiative outside the caller's scope.
        var madeUp = await app().MutateAsync("describeInitiative", new { id = Id(new Api.Features.Initiatives.Initiative { Name = "x" }), expectedVersion = 1 }, w.Coordinator);
        var outside = await app().MutateAsync("describeInitiative", new { id = Id(w.Other.InitiativeA), expectedVersion = 1 }, w.Coordinator);
        Assert.Equal(madeUp.Text, outside.Text);
    }

    [SkippableFact]
    public async Task Initiatives_are_published_by_officials_of_their_municipality_and_ended_by_coordinators_or_officials()
    {
        var w = await MutationWorld.CreateAsync(app());
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("coordinator", Forbidden), ("official", Ok), ("admin", "INVALID_TRANSITION")), async caller => await app().MutateAsync(
            "publishInitiative", new { id = Id(w.Own.InitiativeA), expectedVersion = await w.VersionAsync(w.Own.InitiativeA) }, caller));
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("coordinator", Ok), ("official", "INVALID_TRANSITION"), ("admin", "INVALID_TRANSITION")), async caller => await app().MutateAsync(
            "endInitiative", new { id = Id(w.Own.InitiativeA), expectedVersion = await w.VersionAsync(w.Own.InitiativeA) }, caller));
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("official", Ok), ("admin", "INVALID_TRANSITION")), async caller => await app().MutateAsync(
            "endInitiative", new { id = Id(w.Own.InitiativeB), expectedVersion = await w.VersionAsync(w.Own.InitiativeB) }, caller));
    }

    [SkippableFact]
    public async Task Activities_reach_and_signal_responses_of_an_initiative_are_its_coordinators_to_edit()
    {
        var w = await MutationWorld.CreateAsync(app());
        var activity = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        var signal = await w.SignalAsync(w.Own);
        var providerOnly = Except(NotFound, ("anonymous", Unauthenticated), ("coordinator", Ok), ("official", Forbidden), ("admin", Ok));
        await ExpectAsync(w, providerOnly, caller => app().MutateAsync(
            "scheduleActivity", new { provider = Id(w.Own.InitiativeA), name = "Zomerkamp", neighbourhoods = new[] { Id(w.Own.BuurtB) }, schedule = new { kind = "PERIOD" } }, caller));
        await ExpectAsync(w, providerOnly, async caller => await app().MutateAsync(
            "changeActivity", new { id = Id(activity), expectedVersion = await w.VersionAsync(activity), capacity = 20 }, caller));
        await ExpectAsync(w, providerOnly, caller => app().MutateAsync(
            "recordReach", new { activity = Id(activity), startsOn = "2025-07-01", endsOn = "2025-08-31", count = 120, countingMethod = "HEADCOUNT" }, caller));

        // The initiative already answers the signal with another activity, so its coordinator may read it and link more;
        // a signal they may not read is NOT_FOUND to them (SignalAndNetworkMutationTests).
        var answering = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(new Api.Features.Signals.SignalResponse { SignalId = signal.Id, ActivityId = answering.Id });
            await db.SaveChangesAsync();
        }

        var responders = Except(NotFound, ("anonymous", Unauthenticated), ("coordinator", Ok), ("official", Ok), ("admin", Ok));
        await ExpectAsync(w, responders, caller => app().MutateAsync(
            "linkSignalResponse", new { signal = Id(signal), activities = new[] { Id(activity) } }, caller));
        await ExpectAsync(w, responders, caller => app().MutateAsync(
            "unlinkSignalResponse", new { signal = Id(signal), activities = new[] { Id(activity) } }, caller));
    }

    [SkippableFact]
    public async Task Own_organisation_is_edited_by_its_staff_and_verified_by_officials_where_it_works()
    {
        var w = await MutationWorld.CreateAsync(app());
        var organisation = w.Own.OrganisationA;
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("staff", Ok), ("official", Forbidden), ("admin", Ok)), async caller => await app().MutateAsync(
            "describeOrganisation", new { id = Id(organisation), expectedVersion = await w.VersionAsync(organisation), website = "https://example.org" }, caller));
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("staff", Forbidden), ("official", Ok), ("admin", Ok)), async caller => await app().MutateAsync(
            "verifyOrganisation", new { id = Id(organisation), expectedVersion = await w.VersionAsync(organisation) }, caller));

        var activity = await w.ActivityAsync(w.Own, organisation: organisation);
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("staff", Ok), ("admin", Ok)), caller => app().MutateAsync(
            "scheduleActivity", new { provider = Id(organisation), name = "Huiswerkklas", neighbourhoods = new[] { Id(w.Own.BuurtA) }, schedule = new { kind = "RECURRING", weekday = "WEDNESDAY" } }, caller));
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("staff", Forbidden), ("official", Ok), ("admin", Ok)), async caller => await app().MutateAsync(
            "verifyActivity", new { id = Id(activity), expectedVersion = await w.VersionAsync(activity) }, caller));
        // Ending is for the provider and for officials: after staff ended it, the official passes the scope check and meets the status.
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("staff", Ok), ("official", "INVALID_TRANSITION"), ("admin", "INVALID_TRANSITION")), async caller => await app().MutateAsync(
            "endActivity", new { id = Id(activity), expectedVersion = await w.VersionAsync(activity) }, caller));
    }

    [SkippableFact]
    public async Task Grants_are_applied_for_by_the_recipient_side_and_decided_by_officials_of_its_municipality()
    {
        var w = await MutationWorld.CreateAsync(app());
        var (grant, line, _) = await w.GrantAsync(w.Own, applicant: w.Coordinator);
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("coordinator", Ok), ("official", Ok), ("admin", Ok)), caller => app().MutateAsync(
            "applyForGrant", new { name = "Buurtfeest", funder = Id(grant.Funder!), recipient = Id(w.Own.InitiativeA), amountAppliedFor = 500 }, caller));
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("coordinator", Forbidden), ("official", Ok), ("admin", "INVALID_TRANSITION")), async caller => await app().MutateAsync(
            "awardGrant", new { id = Id(grant), expectedVersion = await w.VersionAsync(grant), amountAwarded = 100, allocations = new[] { new { budgetLine = Id(line), amount = 100 } } }, caller));
    }

    [SkippableFact]
    public async Task Anyone_may_raise_a_signal_but_only_officials_of_its_municipality_triage_it()
    {
        var w = await MutationWorld.CreateAsync(app());
        await ExpectAsync(w, Except(Ok), caller => app().MutateAsync(
            "raiseSignal", new { observedOn = "2025-03-01", neighbourhood = Id(w.Own.BuurtA), themes = new[] { Id(w.Own.Theme) } }, caller));
        var signal = await w.SignalAsync(w.Own);
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("official", Ok), ("admin", Ok)), async caller => await app().MutateAsync(
            "triageSignal", new { id = Id(signal), expectedVersion = await w.VersionAsync(signal), underlyingTheme = Id(w.Own.OtherTheme) }, caller));
    }

    [SkippableFact]
    public async Task Network_records_are_kept_by_their_parties_and_officials_of_their_municipality()
    {
        var w = await MutationWorld.CreateAsync(app());
        var coalition = new Api.Features.Coalitions.Coalition { Name = $"Coalitie {Guid.NewGuid():N}", MunicipalityId = w.Own.Municipality.Id };
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(coalition);
            await db.SaveChangesAsync();
        }

        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("coordinator", Ok), ("admin", "DUPLICATE")), caller => app().MutateAsync(
            "joinCoalition", new { coalition = Id(coalition), party = Id(w.Own.InitiativeA) }, caller));
        // Published, so organisation A's staff see the initiative they collaborate with (a draft is NOT_FOUND to them).
        await w.PublishAsync(w.Own.InitiativeA);
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("coordinator", Ok), ("staff", Ok), ("official", Ok), ("admin", Ok)), caller => app().MutateAsync(
            "startCollaboration", new { purpose = "Samen koken", startsOn = "2025-01-01", parties = new[] { Id(w.Own.InitiativeA), Id(w.Own.OrganisationA) } }, caller));
        await ExpectAsync(w, Except(NotFound, ("anonymous", Unauthenticated), ("official", Ok), ("admin", Ok)), caller => app().MutateAsync(
            "recordNetworkMeeting", new { name = "Netwerkoverleg", heldOn = "2025-04-01", area = Id(w.Own.Area), participants = new[] { Id(w.Own.InitiativeA) } }, caller));
    }

    /// <summary>Everyone gets <paramref name="otherwise"/> but the named callers.</summary>
    private static Dictionary<string, string> Except(string otherwise, params (string Name, string Outcome)[] exceptions)
    {
        var expected = new[] { "anonymous", "resident", "coordinator", "other coordinator", "staff", "other staff", "official", "other official", "admin" }
            .ToDictionary(n => n, _ => otherwise);
        foreach (var (name, outcome) in exceptions)
        {
            expected[name] = outcome;
        }

        return expected;
    }

    /// <summary>Calls the mutation as every caller in turn (in matrix order) and compares all outcomes at once.</summary>
    private static async Task ExpectAsync(MutationWorld w, Dictionary<string, string> expected, Func<Caller?, Task<GraphQLResponse>> call)
    {
        var actual = new Dictionary<string, string>();
        foreach (var (name, caller) in w.Everyone())
        {
            var response = await call(caller);
            var mutation = response.Data?.AsObject().Select(p => p.Key).FirstOrDefault() ?? string.Empty;
            actual[name] = response.Outcome(mutation);
        }

        Assert.Equal(expected.OrderBy(e => e.Key, StringComparer.Ordinal), actual.OrderBy(e => e.Key, StringComparer.Ordinal));
    }
}

public sealed class SqliteWriteMatrixTests(SqliteAppFixture fixture) : WriteMatrixTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresWriteMatrixTests(PostgresAppFixture fixture) : WriteMatrixTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
