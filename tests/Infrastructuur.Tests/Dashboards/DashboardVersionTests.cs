using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Tests.Access;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// Dashboard figures are cached by versions the database holds per municipality (ADR 0014): every write the dashboards
/// can show moves its municipality's version, whichever instance or path wrote it; a read, even one logged in the access
/// log, moves none, and a write in one municipality leaves another's figures cached.
/// </summary>
public abstract class DashboardVersionTests(Func<TestApp> app)
{
    protected const string SignalsSelection = "needsVersusOffering { signals { value } }";

    [SkippableFact]
    public async Task An_official_reading_personal_data_moves_no_version_while_a_write_by_any_path_does()
    {
        // An app of its own: the access world's municipality codes are counted apart from the dashboard world's.
        TestEnvironment.Require(TestApp.Unavailable(app().Engine));
        await using var own = await TestApp.StartAsync(app().Engine);
        TestApp App() => own;
        var w = await AccessWorld.CreateAsync(App());
        var municipality = w.Signal.MunicipalityId;
        var before = await VersionsAsync(App());
        var logged = await AccessLogCountAsync(App());

        var read = await App().QueryAsync("query($p: ID!) { node(id: $p) { ... on Person { email } } }", new { p = AccessWorld.Id(w.Contact) }, w.Viewers["municipal_official own"]);

        Assert.Equal(w.Contact.Email, read.AssertOk().Data!["node"]!["email"]!.GetValue<string>());
        Assert.Equal(logged + 1, await AccessLogCountAsync(App())); // the read wrote its access-log row …
        Assert.Equal(before, await VersionsAsync(App()));            // … and no version moved

        // A write SaveChanges never sees (ExecuteUpdate) moves the signal's municipality.
        await using (var db = await App().OpenDbAsync())
        {
            await db.Signals.Where(s => s.Id == w.Signal.Id).ExecuteUpdateAsync(s => s.SetProperty(x => x.Description, "Bijgewerkt"));
        }

        var after = await VersionsAsync(App());
        Assert.True(after[municipality] > before[municipality], $"{after[municipality]} after, {before[municipality]} before");
    }

    [SkippableFact]
    public async Task A_write_in_one_municipality_moves_its_version_and_leaves_another_municipalitys_figures_cached()
    {
        var here = await DashboardWorld.CreateAsync(app());
        var there = await DashboardWorld.CreateAsync(app());
        var thereBefore = await there.DashboardAsync(app(), SignalsSelection, token: there.OfficialToken);
        var before = await VersionsAsync(app());

        await RaiseSignalAsync(app(), here);

        var after = await VersionsAsync(app());
        Assert.True(after[here.Municipality.Id] > before[here.Municipality.Id], "the municipality written in did not move");
        Assert.Equal(before[there.Municipality.Id], after[there.Municipality.Id]);
        Assert.Equal(before[DashboardVersions.Global], after[DashboardVersions.Global]);

        // The other municipality's figures are still the cached ones: answered without reading a signal.
        using var statements = await SqlStatements.RecordAsync(app());
        var thereAfter = await there.DashboardAsync(app(), SignalsSelection, token: there.OfficialToken);
        Assert.Equal(thereBefore.ToJsonString(), thereAfter.ToJsonString());
        Assert.Equal(0, statements.Reading("Signals"));
    }

    [SkippableFact]
    public async Task The_synthetic_generator_moves_its_municipalitys_and_the_global_version_and_leaves_the_triggers_in_place()
    {
        var before = await VersionsAsync(app());
        SyntheticReport report;
        await using (var db = await app().OpenDbAsync())
        {
            report = await SyntheticData.GenerateAsync(db, SyntheticSize.Scaled(0.002), seed: 1414, CancellationToken.None);
        }

        var generated = await VersionsAsync(app());
        Assert.True(generated[report.MunicipalityId] > 0, "the generated municipality has no version");
        Assert.True(generated[DashboardVersions.Global] > before[DashboardVersions.Global], "the global version did not move");

        // The triggers (dropped for the bulk load on SQLite) are back: an ordinary write in the new municipality moves it.
        await using (var db = await app().OpenDbAsync())
        {
            await db.Activities.Where(a => a.MunicipalityId == report.MunicipalityId).Take(1).ExecuteDeleteAsync();
        }

        Assert.True((await VersionsAsync(app()))[report.MunicipalityId] > generated[report.MunicipalityId], "a delete after the bulk load moved nothing");
    }

    protected static async Task RaiseSignalAsync(TestApp app, DashboardWorld w) =>
        (await app.QueryAsync(
            "mutation($input: RaiseSignalInput!) { raiseSignal(input: $input) { signal { id } userErrors { code } } }",
            new { input = new { observedOn = "2025-06-01", neighbourhood = w.Id(w.Regions["B1"]), themes = new[] { w.Id(w.Themes["T"]) }, description = "Een nieuwe behoefte" } }))
            .AssertOk().Data!["raiseSignal"]!["signal"]!["id"]!.GetValue<string>();

    protected static int SignalCount(System.Text.Json.Nodes.JsonNode dashboard) => dashboard["needsVersusOffering"]!["signals"]!["value"]!.GetValue<int>();

    protected static async Task<Dictionary<Guid, long>> VersionsAsync(TestApp app)
    {
        await using var db = await app.OpenDbAsync();
        return await DashboardVersions.ReadAsync(db, CancellationToken.None);
    }

    private static async Task<int> AccessLogCountAsync(TestApp app)
    {
        await using var db = await app.OpenDbAsync();
        return await db.AccessLog.CountAsync();
    }
}

public sealed class SqliteDashboardVersionTests(SqliteAppFixture fixture) : DashboardVersionTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDashboardVersionTests(PostgresAppFixture fixture) : DashboardVersionTests(() => fixture.App), IClassFixture<PostgresAppFixture>
{
    /// <summary>Two API instances over one PostgreSQL database, as in production behind a load balancer.</summary>
    [SkippableFact]
    public async Task A_write_through_one_instance_shows_in_the_next_dashboard_answer_of_another()
    {
        TestEnvironment.Require(TestApp.Unavailable(Engine.Postgres));
        var a = fixture.App;
        // The same database under another connection string: nothing in this process ties the two instances together
        // but the database, as with two processes.
        var shared = a.Services.GetRequiredService<IConfiguration>()["Database:PostgresConnectionString"];
        await using var b = await TestApp.StartAsync(Engine.Postgres, new Dictionary<string, string?> { ["Database:PostgresConnectionString"] = $"{shared};Application Name=second instance" });
        var w = await DashboardWorld.CreateAsync(a);

        var first = SignalCount(await w.DashboardAsync(b, SignalsSelection, token: w.OfficialToken));
        using (var statements = await SqlStatements.RecordAsync(b))
        {
            Assert.Equal(first, SignalCount(await w.DashboardAsync(b, SignalsSelection, token: w.OfficialToken)));
            Assert.Equal(0, statements.Reading("Signals")); // B answers from its cache
        }

        await RaiseSignalAsync(a, w);

        Assert.Equal(first + 1, SignalCount(await w.DashboardAsync(b, SignalsSelection, token: w.OfficialToken)));
    }

    /// <summary>
    /// Two writers of one municipality, each holding a row the other is about to take, are an ordinary wait, not a deadlock:
    /// the version row is taken only at commit (when it was taken at each statement, the second writer waited for it while
    /// holding its row, the first then waited for that row, and PostgreSQL aborted one of them: 40P01).
    /// </summary>
    [SkippableFact]
    public async Task Writers_that_wait_for_each_others_rows_do_not_deadlock_on_the_version_row()
    {
        TestEnvironment.Require(TestApp.Unavailable(Engine.Postgres));
        var w = await DashboardWorld.CreateAsync(fixture.App);
        var connectionString = fixture.App.Services.GetRequiredService<IConfiguration>()["Database:PostgresConnectionString"];
        var (x, y) = (w.Activities.Values.First().Id, w.Activities.Values.Last().Id);
        var before = (await VersionsAsync(fixture.App))[w.Municipality.Id];

        await using var first = new Npgsql.NpgsqlConnection(connectionString);
        await using var second = new Npgsql.NpgsqlConnection(connectionString);
        await first.OpenAsync();
        await second.OpenAsync();
        await using var one = await first.BeginTransactionAsync();
        await using var two = await second.BeginTransactionAsync();
        static Task<int> Touch(Npgsql.NpgsqlConnection c, Guid id, string capacity)
        {
            var command = new Npgsql.NpgsqlCommand($"""UPDATE "Activities" SET "Capacity" = {capacity} WHERE "Id" = @id""", c);
            command.Parameters.AddWithValue("id", id);
            return command.ExecuteNonQueryAsync();
        }

        await Touch(first, x, "11");
        var secondHolds = Touch(second, y, "22");
        Assert.Equal(1, await secondHolds.WaitAsync(TimeSpan.FromSeconds(10)));  // not waiting for the first writer
        var firstWaits = Touch(first, y, "33");                                  // waits for the second writer's row
        await Task.Delay(200);
        Assert.False(firstWaits.IsCompleted);
        await two.CommitAsync();
        Assert.Equal(1, await firstWaits.WaitAsync(TimeSpan.FromSeconds(10)));
        await one.CommitAsync();

        Assert.Equal(before + 2, (await VersionsAsync(fixture.App))[w.Municipality.Id]);
    }
}
