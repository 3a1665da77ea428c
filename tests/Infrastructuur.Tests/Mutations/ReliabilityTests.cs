using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>
/// docs/security.md's reliability figures for writes: no lost update under 50 concurrent writers, idempotent creates
/// (also when the first two requests race), all-or-nothing multi-row mutations, messages in the caller's language
/// and a change history written with every change.
/// </summary>
public abstract class ReliabilityTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Fifty_concurrent_updates_with_one_version_give_one_success_forty_nine_conflicts_and_the_winners_state()
    {
        var w = await MutationWorld.CreateAsync(app());
        var version = await w.VersionAsync(w.Own.InitiativeA);
        var responses = await Task.WhenAll(Enumerable.Range(0, 50).Select(i => app().MutateAsync(
            "describeInitiative", new { id = Id(w.Own.InitiativeA), expectedVersion = version, description = $"Schrijver {i}" }, w.Coordinator, "initiative { description version }")));

        var outcomes = responses.Select(r => r.Outcome("describeInitiative")).ToList();
        Assert.Equal(1, outcomes.Count(o => o == "OK"));
        Assert.Equal(49, outcomes.Count(o => o == "CONFLICT"));
        var winner = responses.Single(r => r.Outcome("describeInitiative") == "OK").Data!["describeInitiative"]!["initiative"]!;
        Assert.Equal(version + 1, winner["version"]!.GetValue<int>());
        await using var db = await app().OpenDbAsync();
        var stored = await db.Initiatives.SingleAsync(i => i.Id == w.Own.InitiativeA.Id);
        Assert.Equal(winner["description"]!.GetValue<string>(), stored.Description);
        Assert.Equal(version + 1, stored.Version);
        Assert.Equal(1, await db.ChangeRecords.CountAsync(c => c.EntityId == stored.Id && c.Field == nameof(Initiative.Description)));
    }

    [SkippableFact]
    public async Task Concurrent_updates_that_only_change_links_conflict_too()
    {
        var w = await MutationWorld.CreateAsync(app());
        var version = await w.VersionAsync(w.Own.InitiativeA);
        string[] themes = [Id(w.Own.Theme), Id(w.Own.SubTheme), Id(w.Own.OtherTheme)];
        var responses = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => app().MutateAsync(
            "describeInitiative", new { id = Id(w.Own.InitiativeA), expectedVersion = version, themes = new[] { themes[i % 3] } }, w.Coordinator, "initiative { themes { id } }")));

        var outcomes = responses.Select(r => r.Outcome("describeInitiative")).ToList();
        Assert.Equal(1, outcomes.Count(o => o == "OK"));
        Assert.Equal(11, outcomes.Count(o => o == "CONFLICT"));
        var theme = responses.Single(r => r.Outcome("describeInitiative") == "OK").Data!["describeInitiative"]!["initiative"]!["themes"]![0]!["id"]!.GetValue<string>();
        await using var db = await app().OpenDbAsync();
        var stored = await db.Initiatives.Include(i => i.Themes).SingleAsync(i => i.Id == w.Own.InitiativeA.Id);
        Assert.Equal([theme], stored.Themes.Select(Id));
    }

    [SkippableFact]
    public async Task A_replayed_create_answers_with_the_same_objects_read_again_and_creates_one_record()
    {
        var w = await MutationWorld.CreateAsync(app());
        var name = $"Idempotent {Guid.NewGuid():N}";
        var key = Guid.NewGuid().ToString();
        var input = new { name, neighbourhoods = new[] { Id(w.Own.BuurtA) } };
        const string Select = "initiative { id name version status createdAt: municipality { name } }";

        var first = await app().MutateAsync("startInitiative", input, w.Coordinator, Select, idempotencyKey: key);
        first.Succeeded("startInitiative");
        var id = first.Data!["startInitiative"]!["initiative"]!["id"]!.GetValue<string>();
        var unchanged = await app().MutateAsync("startInitiative", input, w.Coordinator, Select, idempotencyKey: key);
        Assert.Equal(first.Text, unchanged.Text);

        // A replay reads the objects again (as the caller may see them now), so it shows a change made since; it never
        // answers from a stored copy of the first response.
        var renamed = await app().MutateAsync("describeInitiative", new { id, expectedVersion = 1, name = name + " (renamed)" }, w.Coordinator);
        renamed.Succeeded("describeInitiative");
        var replay = (await app().MutateAsync("startInitiative", input, w.Coordinator, Select, idempotencyKey: key)).Succeeded("startInitiative")["initiative"]!;

        Assert.Equal((id, name + " (renamed)", 2), (replay["id"]!.GetValue<string>(), replay["name"]!.GetValue<string>(), replay["version"]!.GetValue<int>()));
        await using var db = await app().OpenDbAsync();
        Assert.Equal(1, await db.Initiatives.CountAsync(i => i.Name.StartsWith(name)));
        Assert.Equal(1, await db.IdempotencyRecords.CountAsync(r => r.Key == key));
        Assert.Equal(1, await db.InitiativeCoordinators.CountAsync(c => c.PersonId == w.Coordinator.Person.Id && c.Initiative!.Name.StartsWith(name)));
    }

    [SkippableFact]
    public async Task The_same_key_with_another_input_or_mutation_is_refused_and_creates_nothing()
    {
        var w = await MutationWorld.CreateAsync(app());
        var key = Guid.NewGuid().ToString();
        var name = $"Sleutel {Guid.NewGuid():N}";
        (await app().MutateAsync("startInitiative", new { name, neighbourhoods = new[] { Id(w.Own.BuurtA) } }, w.Coordinator, idempotencyKey: key)).Succeeded("startInitiative");

        var otherInput = await app().MutateAsync("startInitiative", new { name = name + " 2", neighbourhoods = new[] { Id(w.Own.BuurtA) } }, w.Coordinator, idempotencyKey: key);
        var otherMutation = await app().MutateAsync("raiseSignal", new { observedOn = "2025-01-01", neighbourhood = Id(w.Own.BuurtA), themes = new[] { Id(w.Own.Theme) } }, w.Coordinator, idempotencyKey: key);

        Assert.Equal("IDEMPOTENCY_KEY_REUSED", otherInput.FirstErrorCode);
        Assert.Equal("IDEMPOTENCY_KEY_REUSED", otherMutation.FirstErrorCode);
        await using var db = await app().OpenDbAsync();
        Assert.Equal(1, await db.Initiatives.CountAsync(i => i.Name.StartsWith(name)));
        Assert.Equal(0, await db.Signals.CountAsync(s => s.NeighbourhoodId == w.Own.BuurtA.Id));

        // A key belongs to its caller: another caller's identical key is a request of its own.
        var otherCaller = await app().MutateAsync("startInitiative", new { name, neighbourhoods = new[] { Id(w.Own.BuurtA) } }, w.Admin, idempotencyKey: key);
        otherCaller.Succeeded("startInitiative");
        Assert.Equal(2, await db.Initiatives.CountAsync(i => i.Name == name));
    }

    [SkippableFact]
    public async Task Concurrent_first_requests_with_one_key_create_one_record_and_all_get_the_winners_response()
    {
        var w = await MutationWorld.CreateAsync(app());
        var key = Guid.NewGuid().ToString();
        var name = $"Race {Guid.NewGuid():N}";
        var input = new { name, neighbourhoods = new[] { Id(w.Own.BuurtA) } };

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(_ =>
            app().MutateAsync("startInitiative", input, w.Coordinator, "initiative { id name version }", idempotencyKey: key)));

        Assert.All(responses, r => r.Succeeded("startInitiative"));
        Assert.Single(responses.Select(r => r.Text).Distinct());
        await using var db = await app().OpenDbAsync();
        Assert.Equal(1, await db.Initiatives.CountAsync(i => i.Name == name));
    }

    [SkippableFact]
    public async Task A_malformed_idempotency_key_is_a_bad_request()
    {
        var w = await MutationWorld.CreateAsync(app());
        var response = await app().MutateAsync("startInitiative", new { name = "x", neighbourhoods = new[] { Id(w.Own.BuurtA) } }, w.Coordinator, idempotencyKey: new string('k', 201));
        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
    }

    [SkippableFact]
    public async Task An_award_whose_allocations_do_not_add_up_writes_nothing()
    {
        var w = await MutationWorld.CreateAsync(app());
        var (grant, first, second) = await w.GrantAsync(w.Own, applicant: w.Coordinator);
        var before = await CountsAsync(grant.Id);

        var mismatch = await app().MutateAsync("awardGrant", new
        {
            id = Id(grant),
            expectedVersion = grant.Version,
            amountAwarded = 1000.00m,
            allocations = new[] { new { budgetLine = Id(first), amount = "600.00" }, new { budgetLine = Id(second), amount = "399.99" } },
        }, w.Official, "grant { id }");

        Assert.Equal("ALLOCATION_MISMATCH", mismatch.Outcome("awardGrant"));
        Assert.Null(mismatch.Data!["awardGrant"]!["grant"]);
        Assert.Equal(before, await CountsAsync(grant.Id));

        var exact = await app().MutateAsync("awardGrant", new
        {
            id = Id(grant),
            expectedVersion = grant.Version,
            amountAwarded = 1000.00m,
            allocations = new[] { new { budgetLine = Id(first), amount = 600.00m }, new { budgetLine = Id(second), amount = 400.00m } },
        }, w.Official, "grant { status amountAwarded columnCount allocations { amount } }");

        var awarded = exact.Succeeded("awardGrant")["grant"]!;
        Assert.Equal("AWARDED", awarded["status"]!.GetValue<string>());
        Assert.Equal(2, awarded["columnCount"]!.GetValue<int>());
        Assert.Equal((2, "Awarded", grant.Version + 1), await CountsAsync(grant.Id) is var (allocations, status, version, _) ? (allocations, status, version) : default);
    }

    [SkippableFact]
    public async Task User_errors_speak_Dutch_or_English_by_Accept_Language()
    {
        var w = await MutationWorld.CreateAsync(app());
        var (grant, first, _) = await w.GrantAsync(w.Own, applicant: null);
        var input = new { id = Id(grant), expectedVersion = grant.Version, amountAwarded = "1234.50", allocations = new[] { new { budgetLine = Id(first), amount = 1000.00m } } };

        var dutch = (await app().MutateAsync("awardGrant", input, w.Official, language: "nl-NL,nl;q=0.9,en;q=0.5")).Refused("awardGrant", "ALLOCATION_MISMATCH");
        var english = (await app().MutateAsync("awardGrant", input, w.Official, language: "en-GB")).Refused("awardGrant", "ALLOCATION_MISMATCH");
        var unknown = (await app().MutateAsync("awardGrant", input, w.Official, language: "fr-FR")).Refused("awardGrant", "ALLOCATION_MISMATCH");

        Assert.Equal("De verdeling telt op tot € 1.000,00, maar het bedrag is € 1.234,50. Er is niets opgeslagen.", dutch);
        Assert.Equal("The allocations add up to €1,000.00, but the amount is €1,234.50. Nothing was saved.", english);
        Assert.Equal(english, unknown);

        var notFoundNl = (await app().MutateAsync("describeInitiative", new { id = Id(w.Other.InitiativeA), expectedVersion = 1 }, w.Coordinator, language: "nl")).Refused("describeInitiative", "NOT_FOUND");
        Assert.Equal("Er is niets met deze ID dat u mag wijzigen.", notFoundNl);
        Assert.Empty(Messages.Missing());
    }

    [SkippableFact]
    public async Task Every_change_is_recorded_with_old_and_new_value_who_and_which_mutation_and_shown_only_to_those_who_may_edit_or_oversee()
    {
        var w = await MutationWorld.CreateAsync(app());
        var initiative = w.Own.InitiativeA;
        var described = await app().MutateAsync("describeInitiative", new
        {
            id = Id(initiative),
            expectedVersion = await w.VersionAsync(initiative),
            name = initiative.Name + " (nieuw)",
            themes = new[] { Id(w.Own.Theme) },
        }, w.Coordinator);
        described.Succeeded("describeInitiative");

        await using (var db = await app().OpenDbAsync())
        {
            var rows = await db.ChangeRecords.Where(c => c.EntityId == initiative.Id).ToListAsync();
            var name = rows.Single(r => r.Field == nameof(Initiative.Name));
            Assert.Equal((initiative.Name, initiative.Name + " (nieuw)"), (name.OldValue, name.NewValue));
            Assert.Equal((ChangeAction.Updated, "describeInitiative", w.Coordinator.Person.Subject, w.Coordinator.Person.Id), (name.Action, name.Mutation, name.ChangedBySubject, name.ChangedByPersonId));
            var theme = rows.Single(r => r.Field == nameof(Initiative.Themes));
            Assert.Equal((null, Id(w.Own.Theme)), (theme.OldValue, theme.NewValue));
            Assert.DoesNotContain(rows, r => r.Field is "Version" or "ModifiedAt" or "NameKey" or "SearchText");
        }

        // Published outside the API (so nothing joins the history): outsiders then see the initiative, not its history.
        await w.PublishAsync(initiative);

        const string Query = """query($id: ID!) { initiative(id: $id) { changeHistory(first: 10) { totalCount nodes { action field oldValue newValue mutation changedBy { displayName } } } } }""";
        async Task<System.Text.Json.Nodes.JsonNode?> HistoryAs(Caller? caller) =>
            (await app().QueryAsync(Query, new { id = Id(initiative) }, token: caller?.Token)).AssertOk().Data!["initiative"]!["changeHistory"];

        // Newest first: the two changes by the coordinator, then the creation (written outside the API, so by nobody).
        var seen = await HistoryAs(w.Coordinator);
        var nodes = seen!["nodes"]!.AsArray();
        Assert.Equal(3, seen["totalCount"]!.GetValue<int>());
        Assert.All(nodes.Take(2), n => Assert.Equal("Coördinator (test)", n!["changedBy"]!["displayName"]!.GetValue<string>()));
        Assert.Equal(("CREATED", null), (nodes[2]!["action"]!.GetValue<string>(), nodes[2]!["changedBy"]));
        Assert.Equal(seen.ToJsonString(), (await HistoryAs(w.Official))!.ToJsonString());
        Assert.Equal(seen.ToJsonString(), (await HistoryAs(w.Admin))!.ToJsonString());
        foreach (var outsider in new[] { null, w.Resident, w.OtherCoordinator, w.OtherOfficial, w.Staff })
        {
            Assert.Null(await HistoryAs(outsider));
        }
    }

    [SkippableFact]
    public async Task Changes_to_schedules_and_grants_are_recorded_per_field()
    {
        var w = await MutationWorld.CreateAsync(app());
        var activity = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        (await app().MutateAsync("changeActivity", new
        {
            id = Id(activity),
            expectedVersion = activity.Version,
            schedule = new { kind = "ONE_OFF", startsOn = "2026-07-04" },
        }, w.Coordinator)).Succeeded("changeActivity");
        var (grant, line, _) = await w.GrantAsync(w.Own, applicant: null);
        (await app().MutateAsync("rejectGrant", new { id = Id(grant), expectedVersion = grant.Version }, w.Official)).Succeeded("rejectGrant");

        await using var db = await app().OpenDbAsync();
        var schedule = await db.ChangeRecords.Where(c => c.EntityId == activity.Id).ToDictionaryAsync(c => c.Field ?? string.Empty);
        Assert.Equal(("Period", "OneOff"), (schedule["Schedule.Kind"].OldValue, schedule["Schedule.Kind"].NewValue));
        Assert.Equal(("2025-01-01", "2026-07-04"), (schedule["Schedule.StartsOn"].OldValue, schedule["Schedule.StartsOn"].NewValue));
        var status = await db.ChangeRecords.SingleAsync(c => c.EntityId == grant.Id && c.Field == nameof(Grant.Status));
        Assert.Equal(("Applied", "Rejected", "rejectGrant"), (status.OldValue, status.NewValue, status.Mutation));

        var history = await app().QueryAsync("""query($id: ID!) { grant(id: $id) { changeHistory(first: 5) { nodes { field newValue } } } }""", new { id = Id(grant) }, token: w.Official.Token);
        Assert.Contains("\"newValue\":\"Rejected\"", history.AssertOk().Text, StringComparison.Ordinal);
        Assert.NotNull(line);
    }

    private async Task<(int Allocations, string Status, int Version, int Changes)> CountsAsync(Guid grant)
    {
        await using var db = await app().OpenDbAsync();
        var stored = await db.Grants.SingleAsync(g => g.Id == grant);
        return (await db.GrantAllocations.CountAsync(a => a.GrantId == grant), stored.Status.ToString(), stored.Version, await db.ChangeRecords.CountAsync(c => c.EntityId == grant));
    }
}

public sealed class SqliteReliabilityTests(SqliteAppFixture fixture) : ReliabilityTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresReliabilityTests(PostgresAppFixture fixture) : ReliabilityTests(() => fixture.App), IClassFixture<PostgresAppFixture>
{
    /// <summary>
    /// A mutation whose transaction PostgreSQL aborts as a deadlock's victim (40P01) runs again and succeeds, writing once,
    /// instead of failing with INTERNAL. The deadlock is raised by a trigger on this one initiative, once (a sequence is
    /// not rolled back with the transaction).
    /// </summary>
    [SkippableFact]
    public async Task A_mutation_chosen_as_a_deadlock_victim_runs_again_and_writes_once()
    {
        TestEnvironment.Require(TestApp.Unavailable(Engine.Postgres));
        var w = await MutationWorld.CreateAsync(fixture.App);
        var id = w.Own.InitiativeA.Id;
        var version = await w.VersionAsync(w.Own.InitiativeA);
        var name = $"deadlock_{id:N}";
        await using (var db = await fixture.App.OpenDbAsync())
        {
            // Names and the ID are ours (a GUID), not input: built as text because DDL takes no parameters.
            var create = $"""
                CREATE SEQUENCE "{name}";
                CREATE FUNCTION "{name}"() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW."Id" = '{id}' AND nextval('"{name}"') = 1 THEN
                        RAISE EXCEPTION 'deadlock detected (simulated)' USING ERRCODE = '40P01';
                    END IF;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER "{name}" BEFORE UPDATE ON "Initiatives" FOR EACH ROW EXECUTE FUNCTION "{name}"();
                """;
            await db.Database.ExecuteSqlRawAsync(create);
        }

        try
        {
            var response = await fixture.App.MutateAsync("describeInitiative", new { id = Id(w.Own.InitiativeA), expectedVersion = version, description = "Na een deadlock" }, w.Coordinator, "initiative { description version }");

            var initiative = response.Succeeded("describeInitiative")["initiative"]!;
            Assert.Equal(("Na een deadlock", version + 1), (initiative["description"]!.GetValue<string>(), initiative["version"]!.GetValue<int>()));
            await using var db = await fixture.App.OpenDbAsync();
            var shots = $"""SELECT last_value AS "Value" FROM "{name}" """;
            Assert.Equal(2L, await db.Database.SqlQueryRaw<long>(shots).SingleAsync()); // aborted once, then ran again
            Assert.Equal(1, await db.ChangeRecords.CountAsync(c => c.EntityId == id && c.Field == nameof(Initiative.Description)));
        }
        finally
        {
            await using var db = await fixture.App.OpenDbAsync();
            var drop = $"""DROP TRIGGER "{name}" ON "Initiatives"; DROP FUNCTION "{name}"(); DROP SEQUENCE "{name}";""";
            await db.Database.ExecuteSqlRawAsync(drop);
        }
    }
}
