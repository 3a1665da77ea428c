using System.Data.Common;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>
/// Idempotency-Keys keep nobody's data: a replay reads its objects again for the caller as they are now (personal data
/// through its field policy and the access log, hidden objects NOT_FOUND), records expire and are purged, and neither
/// they nor the change history keep who raised a signal or a client address.
/// </summary>
public abstract class IdempotencyPrivacyTests(Func<TestApp> app, Engine engine)
{
    private const string WithCoordinators = "initiative { id name coordinators { person { fullName email } } }";

    [SkippableFact]
    public async Task A_replay_after_the_caller_lost_access_returns_no_personal_data_and_logs_no_read()
    {
        var w = await MutationWorld.CreateAsync(app());
        var colleague = await ColleagueAsync(w);
        await w.PublishAsync(w.Own.InitiativeA);
        var key = Guid.NewGuid().ToString();
        var input = await w.VersionedInputAsync(w.Own.InitiativeA, new { description = "Samen koken." });

        var first = await app().MutateAsync("describeInitiative", input, w.Coordinator, WithCoordinators, idempotencyKey: key);
        first.Succeeded("describeInitiative");
        Assert.Contains(colleague.FullName!, first.Text, StringComparison.Ordinal);
        Assert.Equal(1, await ReadsAsync(w.Coordinator, colleague));

        await RemoveAsync(w.Coordinator, w.Own.InitiativeA.Id);
        var replay = await app().MutateAsync("describeInitiative", input, w.Coordinator, WithCoordinators, idempotencyKey: key);

        // The initiative is published, so it is still there; its coordinator's contact data no longer is, and reading
        // nothing logs nothing.
        var person = replay.Succeeded("describeInitiative")["initiative"]!["coordinators"]!.AsArray().Single()!["person"]!;
        Assert.Null(person["fullName"]);
        Assert.Null(person["email"]);
        Assert.DoesNotContain(colleague.FullName!, replay.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(colleague.Email!, replay.Text, StringComparison.Ordinal);
        Assert.Equal(1, await ReadsAsync(w.Coordinator, colleague));
    }

    [SkippableFact]
    public async Task A_replay_of_an_object_the_caller_may_no_longer_see_is_null_with_NOT_FOUND()
    {
        var w = await MutationWorld.CreateAsync(app());
        var colleague = await ColleagueAsync(w);
        var key = Guid.NewGuid().ToString();
        var input = await w.VersionedInputAsync(w.Own.InitiativeA, new { description = "Concept." });
        var first = await app().MutateAsync("describeInitiative", input, w.Coordinator, WithCoordinators, idempotencyKey: key);
        Assert.Contains(colleague.Email!, first.Text, StringComparison.Ordinal);

        // Still a draft: once its coordinator is removed, it is hidden from them like any draft of someone else.
        await RemoveAsync(w.Coordinator, w.Own.InitiativeA.Id);
        var replay = await app().MutateAsync("describeInitiative", input, w.Coordinator, WithCoordinators, idempotencyKey: key);

        Assert.Equal("NOT_FOUND", replay.FirstErrorCode);
        Assert.Null(replay.Data!["describeInitiative"]!["initiative"]);
        Assert.DoesNotContain(w.Own.InitiativeA.Name, replay.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(colleague.Email!, replay.Text, StringComparison.Ordinal);
        var direct = await app().QueryAsync("query($id: ID!) { initiative(id: $id) { id } }", new { id = Id(w.Own.InitiativeA) }, w.Coordinator.Token);
        Assert.Equal("NOT_FOUND", direct.FirstErrorCode);
    }

    [SkippableFact]
    public async Task An_unchanged_replay_is_the_first_answer_byte_for_byte_timestamps_included()
    {
        var w = await MutationWorld.CreateAsync(app());
        var key = Guid.NewGuid().ToString();
        var input = new
        {
            provider = Id(w.Own.OrganisationA),
            name = $"Herhaald {Guid.NewGuid():N}",
            neighbourhoods = new[] { Id(w.Own.BuurtA) },
            schedule = new { kind = "ONE_OFF", startsOn = "2026-09-01" },
        };
        const string Select = "activity { id name version status modifiedAt municipality { name } }";

        var first = await app().MutateAsync("scheduleActivity", input, w.Staff, Select, idempotencyKey: key);
        first.Succeeded("scheduleActivity");
        var replays = new[]
        {
            await app().MutateAsync("scheduleActivity", input, w.Staff, Select, idempotencyKey: key),
            await app().MutateAsync("scheduleActivity", input, w.Staff, Select, idempotencyKey: key),
        };

        Assert.All(replays, r => Assert.Equal(first.Text, r.Text));
        await using var db = await app().OpenDbAsync();
        Assert.Equal(1, await db.Activities.CountAsync(a => a.Name == input.name));
    }

    [SkippableFact]
    public async Task An_expired_key_runs_anew_and_the_purge_deletes_expired_records_only()
    {
        TestEnvironment.Require(TestApp.Unavailable(engine));
        var lifetime = TimeSpan.FromSeconds(2);
        await using var shortLived = await TestApp.StartAsync(engine, new Dictionary<string, string?>
        {
            ["Mutations:IdempotencyHours"] = lifetime.TotalHours.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        var w = await MutationWorld.CreateAsync(shortLived);
        var key = Guid.NewGuid().ToString();
        var input = new { observedOn = MutationWorld.Day(-1), neighbourhood = Id(w.Own.BuurtA), themes = new[] { Id(w.Own.Theme) } };
        async Task<string> RaiseAsync() =>
            (await shortLived.MutateAsync("raiseSignal", input, w.Resident, "signal { id }", idempotencyKey: key)).Succeeded("raiseSignal")["signal"]!["id"]!.GetValue<string>();

        var first = await RaiseAsync();
        Assert.Equal(first, await RaiseAsync());
        await Task.Delay(lifetime + TimeSpan.FromMilliseconds(500));
        var again = await RaiseAsync();

        Assert.NotEqual(first, again);
        var (old, current) = (Guid.NewGuid().ToString(), Guid.NewGuid().ToString());
        await using (var db = await shortLived.OpenDbAsync())
        {
            Assert.Equal(2, await db.Signals.CountAsync(s => s.NeighbourhoodId == w.Own.BuurtA.Id));
            db.IdempotencyRecords.AddRange(
                new IdempotencyRecord { Caller = "test", Key = old, Mutation = "raiseSignal", InputHash = "-", Result = "{}", CreatedAt = DateTime.UtcNow.AddDays(-2) },
                new IdempotencyRecord { Caller = "test", Key = current, Mutation = "raiseSignal", InputHash = "-", Result = "{}", CreatedAt = DateTime.UtcNow.AddDays(1) });
            await db.SaveChangesAsync();
        }

        // The purge runs every lifetime: the expired rows go, the one not expired stays.
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(20);
        List<string> left;
        do
        {
            await Task.Delay(250);
            await using var db = await shortLived.OpenDbAsync();
            left = await db.IdempotencyRecords.Select(r => r.Key).ToListAsync();
        }
        while (left.Count > 1 && DateTime.UtcNow < deadline);

        Assert.Equal([current], left);
    }

    [SkippableFact]
    public async Task No_stored_row_names_the_resident_who_raised_a_signal_nor_holds_a_client_address()
    {
        var w = await MutationWorld.CreateAsync(app());
        var input = new { observedOn = MutationWorld.Day(-1), neighbourhood = Id(w.Own.BuurtA), themes = new[] { Id(w.Own.Theme) }, description = "Veel eenzaamheid." };
        string[] keys = [Guid.NewGuid().ToString(), Guid.NewGuid().ToString()];
        (await app().MutateAsync("raiseSignal", input, w.Resident, "signal { id }", idempotencyKey: keys[0])).Succeeded("raiseSignal");
        (await app().MutateAsync("raiseSignal", input, null, "signal { id }", idempotencyKey: keys[1])).Succeeded("raiseSignal");
        (await app().MutateAsync("raiseSignal", input, w.Resident, "signal { id }")).Succeeded("raiseSignal");

        await using var db = await app().OpenDbAsync();
        var signals = await db.Signals.Where(s => s.NeighbourhoodId == w.Own.BuurtA.Id).Select(s => s.Id).ToListAsync();
        Assert.Equal(3, signals.Count);
        var created = await db.ChangeRecords.Where(c => signals.Contains(c.EntityId)).ToListAsync();
        Assert.Equal(3, created.Count);
        Assert.All(created, c => Assert.Equal(("raiseSignal", null, null), (c.Mutation, c.ChangedBySubject, c.ChangedByPersonId)));

        // Every text column of every table, searched directly: only the resident's own person row holds their subject.
        var subject = w.Resident.Person.Subject!;
        Assert.Equal(["People.Subject"], await ColumnsHoldingAsync(db, subject));
        Assert.Empty(await ColumnsHoldingAsync(db, "127.0.0.1"));
        var records = await db.IdempotencyRecords.Where(r => keys.Contains(r.Key)).ToListAsync();
        Assert.Equal(2, records.Count);
        Assert.All(records, r => Assert.True(r.Caller.Length == 64 && r.Caller.All(char.IsAsciiHexDigitLower) && r.Response is null, r.Caller));
    }

    /// <summary>A second coordinator of initiative A of <paramref name="w"/>'s own municipality, with contact data on file.</summary>
    private async Task<Person> ColleagueAsync(MutationWorld w)
    {
        await using var db = await app().OpenDbAsync();
        var tag = Guid.NewGuid().ToString("N")[..12];
        var person = new Person { DisplayName = "Collega (test)", FullName = $"Collega Volledig {tag}", Email = $"collega-{tag}@example.org", Subject = $"test-{tag}" };
        db.Add(person);
        db.Add(new InitiativeCoordinator { InitiativeId = w.Own.InitiativeA.Id, PersonId = person.Id, Since = new DateOnly(2024, 2, 1), AcceptedAt = DateTime.UtcNow });
        await db.SaveChangesAsync();
        return person;
    }

    private async Task RemoveAsync(Caller coordinator, Guid initiative)
    {
        await using var db = await app().OpenDbAsync();
        await db.InitiativeCoordinators.Where(c => c.PersonId == coordinator.Person.Id && c.InitiativeId == initiative).ExecuteDeleteAsync();
    }

    private async Task<int> ReadsAsync(Caller reader, Person about)
    {
        await using var db = await app().OpenDbAsync();
        return await db.AccessLog.CountAsync(e => e.ReaderSubject == reader.Person.Subject && e.PersonId == about.Id);
    }

    // "Table.Column" for every text column in which some row contains the value.
    private static async Task<List<string>> ColumnsHoldingAsync(Api.Data.InfrastructuurDb db, string value)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        var found = new List<string>();
        foreach (var entity in db.Model.GetEntityTypes().Where(e => e.GetTableName() is not null && e.GetViewName() is null))
        {
            var table = Microsoft.EntityFrameworkCore.Metadata.StoreObjectIdentifier.Table(entity.GetTableName()!, entity.GetSchema());
            foreach (var column in entity.GetProperties().Where(p => p.ClrType == typeof(string)).Select(p => p.GetColumnName(table)).OfType<string>().Distinct())
            {
                await using DbCommand command = connection.CreateCommand();
                command.CommandText = $"SELECT COUNT(*) FROM \"{table.Name}\" WHERE \"{column}\" LIKE @value";
                var parameter = command.CreateParameter();
                parameter.ParameterName = "value";
                parameter.Value = $"%{value}%";
                command.Parameters.Add(parameter);
                if (Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0)
                {
                    found.Add($"{table.Name}.{column}");
                }
            }
        }

        return found;
    }
}

public sealed class SqliteIdempotencyPrivacyTests(SqliteAppFixture fixture) : IdempotencyPrivacyTests(() => fixture.App, Engine.Sqlite), IClassFixture<SqliteAppFixture>;

public sealed class PostgresIdempotencyPrivacyTests(PostgresAppFixture fixture) : IdempotencyPrivacyTests(() => fixture.App, Engine.Postgres), IClassFixture<PostgresAppFixture>;
