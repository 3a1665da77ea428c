using System.Diagnostics;
using System.Net.Http.Json;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.GraphQL.Limits;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// Dashboard work is paid by the requests that wait for it (issue 11): a request over the time limit answers TIMEOUT on
/// time and its database work stops; a client that hangs up stops its computation; and a dashboard is priced by what
/// it computes. Over a synthetic municipality large enough that a ten-year needs-versus-offering takes seconds cold.
/// </summary>
public abstract class DashboardWorkTests(Func<SlowDashboards> world)
{
    // Every section over ten years and four annual reviews, for three ten-year periods: seconds of GROUP BY on the
    // synthetic set on either engine (one figure at a time).
    private const string Heavy = "needsVersusOffering { summary { matched unmetNeeds } } baseline { totals { activities } overlapCount cells { figures { reach } } } "
        + "funding { amountAwarded } network { period { nodeCount } } "
        + "r1: annualReview(year: 2021) { activities { value } reached { reach { value } } } r2: annualReview(year: 2022) { activities { value } reached { reach { value } } } "
        + "r3: annualReview(year: 2023) { activities { value } reached { reach { value } } } r4: annualReview(year: 2024) { activities { value } reached { reach { value } } }";

    [SkippableFact]
    public async Task A_dashboard_over_the_time_limit_answers_TIMEOUT_on_time_and_its_database_work_stops()
    {
        var w = world();
        using var sql = await SqlStatements.RecordAsync(w.App);

        var clock = Stopwatch.StartNew();
        // Eight dashboards, computed one after another: well past the limit on either engine, however quiet the machine
        // (three once finished inside it on PostgreSQL).
        var response = await w.DashboardAsync(Heavy, new DateOnly(2016, 1, 3), dashboards: 8);
        var answeredAfter = clock.Elapsed;

        Assert.True(response.FirstErrorCode == "TIMEOUT", response.Text);
        Assert.True(answeredAfter < TimeSpan.FromSeconds(SlowDashboards.TimeoutSeconds + 1), $"TIMEOUT after {answeredAfter.TotalSeconds:F1} s with a {SlowDashboards.TimeoutSeconds} s limit");
        await w.AssertWorkStopsAsync(sql);
    }

    [SkippableFact]
    public async Task A_client_that_hangs_up_stops_the_computation_of_its_dashboard()
    {
        var w = world();
        using var sql = await SqlStatements.RecordAsync(w.App);

        using var hangUp = new CancellationTokenSource();
        using var message = w.Request(Heavy, new DateOnly(2016, 1, 4));
        var request = w.App.Client.SendAsync(message, hangUp.Token);
        var clock = Stopwatch.StartNew();
        while (w.Computing == 0 && clock.Elapsed < TimeSpan.FromSeconds(SlowDashboards.TimeoutSeconds))
        {
            await Task.Delay(10);
        }

        Assert.True(w.Computing > 0, "the dashboard never started computing");
        await Task.Delay(500); // into its statements
        await hangUp.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => request);

        // Stopped by the hang-up, not by the time limit: well before the limit would have ended it.
        await w.AssertWorkStopsAsync(sql, within: TimeSpan.FromSeconds(SlowDashboards.TimeoutSeconds - 1) - clock.Elapsed);
    }

    [SkippableFact]
    public async Task A_dashboard_costs_its_sections_weights_per_year_so_an_anonymous_ten_year_dashboard_is_refused()
    {
        var w = world();
        var limit = new LimitsOptions().MaxCostAnonymous;
        async Task<GraphQLResponse> Anonymous(string selection, DateOnly from, DateOnly to, bool asVariables = false) =>
            asVariables
                ? await w.App.QueryAsync($"query($scope: DashboardScope!) {{ dashboard(scope: $scope) {{ {selection} }} }}", new { scope = new { municipality = w.Municipality, from = $"{from:yyyy-MM-dd}", to = $"{to:yyyy-MM-dd}" } })
                : await w.App.QueryAsync($$"""{ dashboard(scope: { municipality: "{{w.Municipality}}", from: "{{from:yyyy-MM-dd}}", to: "{{to:yyyy-MM-dd}}" }) { {{selection}} } }""");

        // The baseline weighs 1,500 per year: one year passes, four years (6,000) do not; the same through variables.
        const string Baseline = "baseline { totals { activities } }";
        foreach (var asVariables in new[] { false, true })
        {
            var oneYear = await Anonymous(Baseline, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31), asVariables);
            Assert.True(oneYear.Status == 200 && oneYear.Errors is null, oneYear.Text);

            var fourYears = await Anonymous(Baseline, new DateOnly(2020, 1, 1), new DateOnly(2023, 12, 31), asVariables);
            Assert.Equal(400, fourYears.Status);
            Assert.Equal("COST_LIMIT_EXCEEDED", fourYears.FirstErrorCode);
            Assert.Equal(limit, fourYears.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
        }

        // Sections add up: needs versus offering (2,000) with the baseline and the annual review (1,500 each) is over the
        // anonymous limit for a single year; a signed-in caller (20,000) may ask for it.
        const string Three = "needsVersusOffering { summary { matched } } baseline { totals { activities } } annualReview(year: 2020) { year }";
        var three = await Anonymous(Three, new DateOnly(2020, 1, 1), new DateOnly(2020, 12, 31));
        Assert.Equal("COST_LIMIT_EXCEEDED", three.FirstErrorCode);
        var signedIn = await w.App.QueryAsync($$"""{ dashboard(scope: { municipality: "{{w.Municipality}}", from: "2020-01-01", to: "2020-12-31" }) { {{Three}} } }""", token: Tokens.Mint("dashboard-cost-resident", "resident"));
        Assert.True(signedIn.Status == 200 && signedIn.Errors is null, signedIn.Text);
    }
}

/// <summary>
/// An app over a synthetic municipality (20,000 activities) with a 3 s execution limit and room in the signed-in cost
/// limit for ten-year dashboards, so the time limit, not the cost limit, is what ends them.
/// </summary>
public abstract class SlowDashboards(Engine engine, int seed) : IAsyncLifetime
{
    public const int TimeoutSeconds = 3;

    private TestApp? _app;

    public TestApp App
    {
        get
        {
            TestEnvironment.Require(TestApp.Unavailable(engine));
            return _app ?? throw new InvalidOperationException("The app did not start.");
        }
    }

    public string Municipality { get; private set; } = "";

    public string AdminToken { get; } = Tokens.Mint("slow-dashboards-admin", "admin");

    /// <summary>Figures being computed from the database right now.</summary>
    public int Computing => DashboardCache.Computing(App.Services.GetRequiredService<IDbContextFactory<InfrastructuurDb>>());

    /// <summary>Ten-year dashboards from <paramref name="from"/> and every 100 days later (days no other test uses, so never cached), as an admin.</summary>
    public HttpRequestMessage Request(string selection, DateOnly from, int dashboards = 3)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = JsonContent.Create(new
            {
                query = "query($m: ID!) { " + string.Concat(Enumerable.Range(0, dashboards).Select(i => from.AddDays(i * 100)).Select((f, i) =>
                    $"d{i}: dashboard(scope: {{ municipality: $m, from: \"{f:yyyy-MM-dd}\", to: \"{f.AddYears(10).AddDays(-1):yyyy-MM-dd}\" }}) {{ ...Sections }} "))
                    + "} fragment Sections on Dashboard { " + selection + " }",
                variables = new { m = Municipality },
            }),
        };
        request.Headers.Authorization = new("Bearer", AdminToken);
        return request;
    }

    public async Task<GraphQLResponse> DashboardAsync(string selection, DateOnly from, int dashboards = 3)
    {
        using var request = Request(selection, from, dashboards);
        return await App.SendAsync(request);
    }

    /// <summary>No figure is computing within <paramref name="within"/> (at most 1 s), and no statement runs after that.</summary>
    public async Task AssertWorkStopsAsync(SqlStatements sql, TimeSpan? within = null)
    {
        var deadline = Stopwatch.StartNew();
        var allowed = within is { } w && w < TimeSpan.FromSeconds(1) ? w : TimeSpan.FromSeconds(1);
        while (Computing > 0 && deadline.Elapsed < allowed)
        {
            await Task.Delay(10);
        }

        Assert.True(Computing == 0, $"{Computing} dashboard computations still running {deadline.Elapsed.TotalMilliseconds:F0} ms later");
        var statements = sql.All.Count;
        await Task.Delay(TimeSpan.FromSeconds(1.5));
        Assert.Equal(statements, sql.All.Count);
    }

    public async Task InitializeAsync()
    {
        if (TestApp.Unavailable(engine) is not null)
        {
            return;
        }

        _app = await TestApp.StartAsync(engine, new Dictionary<string, string?>
        {
            ["GraphQL:Limits:TimeoutSeconds"] = $"{TimeoutSeconds}",
            ["GraphQL:Limits:MaxCostAuthenticated"] = "1000000",
            ["GraphQL:Limits:MaxAliases"] = "100",
        });
        await using var db = await _app.OpenDbAsync();
        var report = await SyntheticData.GenerateAsync(db, SyntheticSize.Scaled(0.2), seed, CancellationToken.None);
        Municipality = (await _app.QueryAsync("query($code: String!) { municipality(cbsCode: $code) { id } }", new { code = report.MunicipalityCode })).AssertOk().Data!["municipality"]!["id"]!.GetValue<string>();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed class SqliteSlowDashboards() : SlowDashboards(Engine.Sqlite, 611);

public sealed class PostgresSlowDashboards() : SlowDashboards(Engine.Postgres, 612);

public sealed class SqliteDashboardWorkTests(SqliteSlowDashboards world) : DashboardWorkTests(() => world), IClassFixture<SqliteSlowDashboards>;

public sealed class PostgresDashboardWorkTests(PostgresSlowDashboards world) : DashboardWorkTests(() => world), IClassFixture<PostgresSlowDashboards>;
