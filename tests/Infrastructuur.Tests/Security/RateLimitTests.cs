using Infrastructuur.Tests.Infrastructure;

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
}
