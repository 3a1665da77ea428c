using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Infrastructuur.Api.GraphQL.Limits;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Security;

/// <summary>
/// A server-rendered front end answers many residents from one address: with a trusted client's key it spends its own
/// budget, never its address's, and gains no rights; a key that matches no client is a 401.
/// </summary>
public sealed class TrustedClientTests
{
    private const string Key = "whats-on-ssr-test-key-0123456789";

    private static Dictionary<string, string?> Settings(string hash) => new()
    {
        ["GraphQL:RateLimits:RequestsPerMinuteAnonymous"] = "5",
        ["GraphQL:RateLimits:TrustedClients:0:Name"] = "whats-on-ssr",
        ["GraphQL:RateLimits:TrustedClients:0:KeySha256"] = hash,
        ["GraphQL:RateLimits:TrustedClients:0:RequestsPerMinute"] = "12",
    };

    private static string Sha256(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));

    private static Task<GraphQLResponse> AskAsync(TestApp app, string? clientKey, string? token = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = "{ viewer { isAuthenticated role } }" }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        if (clientKey is not null)
        {
            request.Headers.Add(TrustedClient.Header, clientKey);
        }

        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return app.SendAsync(request);
    }

    [Fact]
    public async Task A_trusted_client_spends_its_own_budget_not_its_address_and_stays_anonymous()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, Settings(Sha256(Key)));

        // The address's anonymous budget (5) runs out...
        for (var i = 0; i < 5; i++)
        {
            (await AskAsync(app, clientKey: null)).AssertOk();
        }

        Assert.Equal(429, (await AskAsync(app, clientKey: null)).Status);

        // ...while the same address with the key has its client's 12, and the key gives no rights.
        var keyed = new List<GraphQLResponse>();
        for (var i = 0; i < 13; i++)
        {
            keyed.Add(await AskAsync(app, Key));
        }

        Assert.All(keyed.Take(12), r =>
        {
            r.AssertOk();
            Assert.False(r.Data!["viewer"]!["isAuthenticated"]!.GetValue<bool>());
            Assert.Equal("ANONYMOUS", r.Data!["viewer"]!["role"]!.GetValue<string>());
        });
        Assert.Equal(429, keyed[12].Status);
        Assert.Equal("RATE_LIMITED", keyed[12].FirstErrorCode);
        Assert.True(keyed[12].Headers.RetryAfter?.Delta > TimeSpan.Zero, "Retry-After is missing");
    }

    [Fact]
    public async Task A_key_of_no_trusted_client_is_401_and_spends_its_address_budget()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, Settings(Sha256(Key)));

        var wrong = new List<GraphQLResponse>();
        for (var i = 0; i < 6; i++)
        {
            wrong.Add(await AskAsync(app, Key + "x"));
        }

        Assert.All(wrong.Take(5), r =>
        {
            Assert.Equal(401, r.Status);
            Assert.Equal("UNAUTHENTICATED", r.FirstErrorCode);
            Assert.Null(r.Data);
        });
        Assert.Equal(429, wrong[5].Status); // the bad keys were counted against the address, like bad tokens
        (await AskAsync(app, Key)).AssertOk();

        // A signed-in caller with a valid key still spends its own user's budget and keeps its rights.
        var signedIn = await AskAsync(app, Key, Tokens.Mint("ssr-user", "resident"));
        signedIn.AssertOk();
        Assert.True(signedIn.Data!["viewer"]!["isAuthenticated"]!.GetValue<bool>());
    }

    [Theory]
    [InlineData("not-a-hash")]
    [InlineData("")]
    public async Task A_trusted_client_without_a_proper_key_hash_stops_the_start(string hash)
    {
        var failure = await Assert.ThrowsAnyAsync<Exception>(async () => await (await TestApp.StartAsync(Engine.Sqlite, Settings(hash))).DisposeAsync());
        Assert.Contains("TrustedClients", failure.ToString(), StringComparison.Ordinal);
    }
}
