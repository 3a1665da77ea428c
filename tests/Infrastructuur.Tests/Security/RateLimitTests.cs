using Infrastructuur.Api.GraphQL.Limits;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Mutations;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Security;

/// <summary>Per-caller budgets: a flooding caller gets 429 with Retry-After while another caller is unaffected.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_flood_from_one_caller_is_429_with_Retry_After_while_another_caller_keeps_succeeding()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["GraphQL:RateLimits:RequestsPerMinuteAnonymous"] = "5",
            ["GraphQL:RateLimits:RequestsPerMinuteAuthenticated"] = "5",
        });
        var flooder = Tokens.Mint("flooder", "resident");
        var other = Tokens.Mint("bystander", "resident");

        var answers = new List<GraphQLResponse>();
        for (var i = 0; i < 8; i++)
        {
            answers.Add(await app.QueryAsync("{ __typename }", token: flooder));
        }

        Assert.All(answers.Take(5), a => a.AssertOk());
        var refused = answers[5];
        Assert.Equal(429, refused.Status);
        Assert.Equal("RATE_LIMITED", refused.FirstErrorCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        (await app.QueryAsync("{ __typename }", token: other)).AssertOk();
    }

    [Fact]
    public async Task The_31st_mutation_in_a_minute_is_429_and_writes_nothing_while_another_caller_still_writes()
    {
        var budget = new RateLimitOptions().MutationsPerMinute;
        Assert.Equal(30, budget); // the published default (README limits table)
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:RateLimits:MutationsPerMinute"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture) });
        var w = await MutationWorld.CreateAsync(app);
        var activity = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        object Reach(string note) => new { activity = Id(activity), startsOn = "2025-05-01", endsOn = "2025-05-31", count = 3, countingMethod = "HEADCOUNT", note };

        for (var i = 1; i <= budget; i++)
        {
            (await app.MutateAsync("recordReach", Reach($"budget {i}"), w.Coordinator)).Succeeded("recordReach");
        }

        var refused = await app.MutateAsync("recordReach", Reach("one too many"), w.Coordinator);
        var other = await app.MutateAsync("recordReach", Reach("another caller"), w.Admin);
        var read = await app.QueryAsync("{ viewer { role } }", token: w.Coordinator.Token);

        Assert.Equal(429, refused.Status);
        Assert.Equal("RATE_LIMITED", refused.FirstErrorCode);
        Assert.True(refused.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Null(refused.Data);
        other.Succeeded("recordReach");
        read.AssertOk(); // the mutation budget is its own: the caller can still read
        await using var db = await app.OpenDbAsync();
        Assert.Equal(budget, await db.ReachRecords.CountAsync(r => r.ActivityId == activity.Id && r.Note!.StartsWith("budget ")));
        Assert.Equal(0, await db.ReachRecords.CountAsync(r => r.ActivityId == activity.Id && r.Note == "one too many"));
    }

    [Fact]
    public async Task Raising_signals_has_its_own_tighter_budget_that_aliases_and_fragments_cannot_get_around()
    {
        var budget = new RateLimitOptions().OpenMutationsPerMinute;
        Assert.Equal(5, budget); // the published default (README)
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:RateLimits:OpenMutationsPerMinute"] = "5" });
        var w = await MutationWorld.CreateAsync(app);
        object Signal(string description) => new { observedOn = "2025-03-01", neighbourhood = Id(w.Own.BuurtA), themes = new[] { Id(w.Own.Theme) }, description };

        // Two aliased calls count as two, and a fragment spread at the root as the calls inside it.
        const string Two = """
            mutation($a: RaiseSignalInput!, $b: RaiseSignalInput!) { first: raiseSignal(input: $a) { signal { id } } ...Second }
            fragment Second on Mutation { second: raiseSignal(input: $b) { signal { id } } }
            """;
        (await app.QueryAsync(Two, new { a = Signal("budget 1"), b = Signal("budget 2") })).AssertOk();
        (await app.QueryAsync(Two, new { a = Signal("budget 3"), b = Signal("budget 4") })).AssertOk();
        (await app.MutateAsync("raiseSignal", Signal("budget 5"), null)).Succeeded("raiseSignal");
        var refused = await app.QueryAsync(Two, new { a = Signal("one too many"), b = Signal("two too many") });
        var single = await app.MutateAsync("raiseSignal", Signal("still too many"), null);
        var other = await app.MutateAsync("raiseSignal", Signal("another caller"), w.Resident);
        var otherMutation = await app.MutateAsync("recordReach", new { activity = Id(await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA)), startsOn = "2025-05-01", endsOn = "2025-05-31", count = 3, countingMethod = "HEADCOUNT" }, w.Coordinator);

        Assert.Equal((429, "RATE_LIMITED"), (refused.Status, refused.FirstErrorCode));
        Assert.Equal((429, "RATE_LIMITED"), (single.Status, single.FirstErrorCode));
        Assert.True(single.Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        other.Succeeded("raiseSignal");
        otherMutation.Succeeded("recordReach");
        await using var db = await app.OpenDbAsync();
        Assert.Equal(budget, await db.Signals.CountAsync(s => s.Description!.StartsWith("budget ")));
        Assert.Equal(0, await db.Signals.CountAsync(s => s.Description!.Contains("too many")));
    }

    [Fact]
    public async Task The_cost_budget_per_minute_refuses_expensive_callers()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:RateLimits:CostPerMinuteAnonymous"] = "250" });
        const string query = "{ municipalities(first: 100) { nodes { id } } }"; // cost 101

        (await app.QueryAsync(query)).AssertOk();
        (await app.QueryAsync(query)).AssertOk();
        var third = await app.QueryAsync(query);

        Assert.Equal(429, third.Status);
        Assert.Equal("RATE_LIMITED", third.FirstErrorCode);
    }

    [Theory]
    [InlineData("query($n: Int = 100) { municipalities(first: $n) { nodes { id } } }", false)]
    [InlineData("query($n: Int = 1) { municipalities(first: $n) { nodes { id } } }", true)]
    public async Task The_cost_budget_per_minute_counts_page_sizes_from_variables_and_their_defaults(string query, bool sendHundred)
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:RateLimits:CostPerMinuteAnonymous"] = "250" });
        var variables = sendHundred ? new { n = 100 } : null; // cost 101 either way, as with the literal first: 100

        (await app.QueryAsync(query, variables)).AssertOk();
        (await app.QueryAsync(query, variables)).AssertOk();
        var third = await app.QueryAsync(query, variables);

        Assert.Equal(429, third.Status);
        Assert.Equal("RATE_LIMITED", third.FirstErrorCode);
    }

    [Fact]
    public async Task A_flood_of_invalid_tokens_spends_the_address_budget_and_gets_429()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:RateLimits:RequestsPerMinuteAnonymous"] = "5" });
        string[] bad = [Tokens.Mint("alice", expires: DateTime.UtcNow.AddMinutes(-5), notBefore: DateTime.UtcNow.AddMinutes(-10)), "not.a.token", Tokens.Mint(null, "resident")];

        var answers = new List<GraphQLResponse>();
        for (var i = 0; i < 7; i++)
        {
            answers.Add(await app.QueryAsync("{ __typename }", token: bad[i % bad.Length]));
        }

        var anonymous = await app.QueryAsync("{ __typename }");
        var signedIn = await app.QueryAsync("{ __typename }", token: Tokens.Mint("bystander", "resident"));

        Assert.All(answers.Take(5), a => Assert.Equal((401, "UNAUTHENTICATED"), (a.Status, a.FirstErrorCode)));
        Assert.All(answers.Skip(5), a => Assert.Equal((429, "RATE_LIMITED"), (a.Status, a.FirstErrorCode)));
        Assert.True(answers[5].Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
        Assert.Equal(429, anonymous.Status); // the same address's anonymous budget
        signedIn.AssertOk();
    }
}
