using Infrastructuur.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Infrastructuur.Tests.Foundation;

/// <summary>Every way a token can be bad is a 401 with UNAUTHENTICATED; a good one is accepted.</summary>
public sealed class AuthenticationTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string Query = "{ __typename }";

    public static TheoryData<string, string> BadTokens() => new()
    {
        { "forged (wrong key)", Tokens.Mint("alice", key: System.Text.Encoding.UTF8.GetBytes("another-key-that-is-long-enough-for-hs256!!")) },
        { "expired", Tokens.Mint("alice", expires: DateTime.UtcNow.AddMinutes(-2), notBefore: DateTime.UtcNow.AddMinutes(-10)) },
        // A day ahead: the data is made when the tests are discovered, minutes before a slow run reaches this case.
        { "not yet valid", Tokens.Mint("alice", notBefore: DateTime.UtcNow.AddDays(1), expires: DateTime.UtcNow.AddDays(2)) },
        { "wrong issuer", Tokens.Mint("alice", issuer: "https://evil.example") },
        { "wrong audience", Tokens.Mint("alice", audience: "someone-else") },
        { "alg none", Tokens.Unsigned("alice") },
        { "algorithm outside the allow-list (HS512)", Tokens.Mint("alice", key: new byte[64], algorithm: Microsoft.IdentityModel.Tokens.SecurityAlgorithms.HmacSha512) },
        { "garbage", "not.a.token" },
        { "no subject", Tokens.Mint(null, "resident") },
        { "empty subject", Tokens.Mint("", "resident") },
        { "blank subject", Tokens.Mint("   ", "admin") },
    };

    [Theory]
    [MemberData(nameof(BadTokens))]
    public async Task A_bad_token_is_401_UNAUTHENTICATED(string why, string token)
    {
        var response = await fixture.App.QueryAsync(Query, token: token);

        Assert.True(response.Status == 401, $"{why}: {response.Status} {response.Text}");
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
        Assert.Contains("Bearer", string.Join(',', response.Headers.WwwAuthenticate), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_expired_within_the_30_second_skew_is_still_accepted_and_one_past_it_is_not()
    {
        var withinSkew = Tokens.Mint("alice", expires: DateTime.UtcNow.AddSeconds(-10), notBefore: DateTime.UtcNow.AddMinutes(-5));
        var pastSkew = Tokens.Mint("alice", expires: DateTime.UtcNow.AddSeconds(-45), notBefore: DateTime.UtcNow.AddMinutes(-5));

        (await fixture.App.QueryAsync(Query, token: withinSkew)).AssertOk();
        Assert.Equal(401, (await fixture.App.QueryAsync(Query, token: pastSkew)).Status);
    }

    [Theory]
    [InlineData("Testing", "Authentication:Schemes:Bearer:ValidIssuer", "")]
    [InlineData("Testing", "Authentication:Schemes:Bearer:ValidAudiences:0", "")]
    [InlineData("Testing", "Authentication:Schemes:Bearer:SigningKeys:0:Value", "")]
    [InlineData("Testing", "Authentication:Schemes:Bearer:ClockSkewSeconds", "300")]
    [InlineData("Production", "Authentication:Schemes:Bearer:ValidIssuer", "dotnet-user-jwts")]
    public async Task Start_up_fails_on_a_configuration_that_would_weaken_token_validation(string environment, string key, string value)
    {
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { [key] = value }, environment: environment));

        Assert.Contains("Authentication", error.Message + error.InnerException?.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task In_Development_without_a_key_every_token_is_refused_until_a_key_is_configured_without_a_restart()
    {
        const string KeyPath = "Authentication:Schemes:Bearer:SigningKeys:0:Value";
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { [KeyPath] = "" }, environment: "Development");
        var token = Tokens.Mint("alice", "resident");
        Assert.Equal(401, (await app.QueryAsync(Query, token: token)).Status);
        (await app.QueryAsync(Query)).AssertOk();

        // What `dotnet user-jwts create` does: a key appears in the configuration, which then reloads.
        var configuration = (IConfigurationRoot)app.Services.GetRequiredService<IConfiguration>();
        configuration[KeyPath] = Tokens.KeyBase64;
        configuration.Reload();
        (await app.QueryAsync(Query, token: token)).AssertOk();
        Assert.Equal(401, (await app.QueryAsync(Query, token: Tokens.Mint("alice", key: new byte[32]))).Status);
    }

    [Fact]
    public async Task A_valid_token_and_no_token_are_both_served()
    {
        (await fixture.App.QueryAsync(Query, token: Tokens.Mint("alice", "resident"))).AssertOk();
        (await fixture.App.QueryAsync(Query)).AssertOk();
    }
}
