using System.Diagnostics;
using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace Infrastructuur.Tests.Foundation;

/// <summary>
/// Sign-in through an OpenID Connect provider (ADR 0018): the test serves a discovery document and a JWKS on 127.0.0.1
/// itself, mints RS256 and ES256 tokens with its own keys, and rotates them while the API runs.
/// </summary>
public sealed class OidcSignInTests
{
    private const string Scope = "{ viewer { role municipalities { name } } }";

    [Fact]
    public async Task A_token_signed_with_a_published_RS256_key_is_accepted_and_maps_like_an_HMAC_token()
    {
        var (provider, key, app) = await StartWithKeyAsync();
        await using var _ = provider;
        await using var __ = app;

        var oidc = await app.QueryAsync(Scope, token: provider.Mint(key, DemoAccess.OfficialSubject, "municipal_official"));
        var hmac = await app.QueryAsync(Scope, token: Tokens.Mint(DemoAccess.OfficialSubject, "municipal_official"));

        AssertOfficial(oidc);
        Assert.Equal(hmac.AssertOk().Text, oidc.Text);
    }

    [Fact]
    public async Task An_ES256_token_is_accepted()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        var key = TestOidcProvider.NewEcKey();
        provider.Publish(TestOidcProvider.NewRsaKey(), key);
        await using var app = await StartAsync(provider);

        AssertOfficial(await app.QueryAsync(Scope, token: provider.Mint(key, DemoAccess.OfficialSubject, "municipal_official")));
    }

    [Fact]
    public async Task A_token_signed_with_a_key_not_in_the_JWKS_or_for_another_audience_is_401_UNAUTHENTICATED()
    {
        var (provider, published, app) = await StartWithKeyAsync();
        await using var _ = provider;
        await using var __ = app;

        foreach (var token in new[]
        {
            provider.Mint(TestOidcProvider.NewRsaKey(), DemoAccess.OfficialSubject, "municipal_official"),
            provider.Mint(published, DemoAccess.OfficialSubject, "municipal_official", audience: "another-api"),
            provider.Mint(published, " ", "admin"),
        })
        {
            var response = await app.QueryAsync(Scope, token: token);
            Assert.True(response.Status == 401, response.Text);
            Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
            Assert.Contains("invalid_token", string.Join(',', response.Headers.WwwAuthenticate), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Keys_named_at_a_plain_http_address_on_another_host_are_never_fetched_and_the_token_is_401()
    {
        var (provider, key, app) = await StartWithKeyAsync();
        await using var _ = provider;
        await using var __ = app;
        provider.JwksUri = "http://192.0.2.1/jwks"; // a discovery document on loopback naming keys elsewhere, in clear text

        var response = await app.QueryAsync(Scope, token: provider.Mint(key, DemoAccess.OfficialSubject, "municipal_official"));

        Assert.True(response.Status == 401, response.Text);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);

        // Why: the app's own configuration manager refused the fetch itself, before any connection was tried.
        var manager = app.Services.GetRequiredService<IOptionsMonitor<JwtBearerOptions>>().Get("Oidc").ConfigurationManager!;
        var error = await Assert.ThrowsAnyAsync<Exception>(() => manager.GetConfigurationAsync(CancellationToken.None));
        Assert.Contains("Refusing to fetch OpenID Connect metadata from http://192.0.2.1/jwks", error.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")]
    [InlineData("e30.e30.")]
    [InlineData("not-a-token")]
    public async Task A_malformed_token_is_401_with_both_kinds_of_token_configured(string token)
    {
        var (provider, _, app) = await StartWithKeyAsync();
        await using var __ = provider;
        await using var ___ = app;

        var response = await app.QueryAsync(Scope, token: token);

        Assert.True(response.Status == 401, response.Text);
        Assert.Equal("UNAUTHENTICATED", response.FirstErrorCode);
    }

    [Fact]
    public async Task After_a_rotation_the_new_key_is_accepted_and_the_withdrawn_one_refused_without_a_restart()
    {
        await using var provider = await TestOidcProvider.StartAsync();
        var old = TestOidcProvider.NewRsaKey();
        provider.Publish(old);
        await using var app = await StartAsync(provider, new() { ["Authentication:Schemes:Oidc:RefreshIntervalSeconds"] = "1" });
        AssertOfficial(await app.QueryAsync(Scope, token: provider.Mint(old, DemoAccess.OfficialSubject, "municipal_official")));

        var rotated = TestOidcProvider.NewRsaKey();
        provider.Publish(rotated);
        var token = provider.Mint(rotated, DemoAccess.OfficialSubject, "municipal_official");

        // The first token with the new key id makes the API fetch the JWKS again; it may itself still be refused.
        var clock = Stopwatch.StartNew();
        var response = await app.QueryAsync(Scope, token: token);
        while (response.Status == 401 && clock.Elapsed < TimeSpan.FromSeconds(15))
        {
            await Task.Delay(250);
            response = await app.QueryAsync(Scope, token: token);
        }

        AssertOfficial(response);
        Assert.Equal(401, (await app.QueryAsync(Scope, token: provider.Mint(old, DemoAccess.OfficialSubject, "municipal_official"))).Status);
    }

    [Fact]
    public async Task Tokens_with_unknown_key_ids_make_the_API_fetch_the_keys_at_most_once_per_refresh_interval()
    {
        var (provider, key, app) = await StartWithKeyAsync();
        await using var _ = provider;
        await using var __ = app;
        AssertOfficial(await app.QueryAsync(Scope, token: provider.Mint(key, DemoAccess.OfficialSubject, "municipal_official")));
        Assert.Equal(1, provider.JwksFetches);

        for (var i = 0; i < 30; i++)
        {
            Assert.Equal(401, (await app.QueryAsync(Scope, token: provider.Mint(TestOidcProvider.NewRsaKey(), "attacker", "admin"))).Status);
        }

        // The default RefreshInterval (60 s): the first unknown key id may cause one fetch, the other 29 none.
        await Task.Delay(500);
        Assert.InRange(provider.JwksFetches, 1, 2);
    }

    [Fact]
    public async Task A_provider_that_names_roles_in_another_claim_is_read_through_RoleClaim()
    {
        var (provider, key, app) = await StartWithKeyAsync(new() { ["Authentication:Schemes:Oidc:RoleClaim"] = "roles" });
        await using var _ = provider;
        await using var __ = app;

        AssertOfficial(await app.QueryAsync(Scope, token: provider.Mint(key, DemoAccess.OfficialSubject, "municipal_official", roleClaim: "roles")));
    }

    [Fact]
    public async Task Production_starts_with_an_OIDC_authority_and_no_HMAC_settings_and_then_refuses_HMAC_tokens()
    {
        var (provider, key, app) = await StartWithKeyAsync(new()
        {
            ["Authentication:Schemes:Bearer:ValidIssuer"] = "",
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = "",
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = "",
        }, environment: "Production");
        await using var _ = provider;
        await using var __ = app;

        AssertOfficial(await app.QueryAsync(Scope, token: provider.Mint(key, DemoAccess.OfficialSubject, "municipal_official")));
        Assert.Equal(401, (await app.QueryAsync(Scope, token: Tokens.Mint(DemoAccess.OfficialSubject, "municipal_official"))).Status);
    }

    [Theory]
    [InlineData("Authority", "http://login.example.com/realms/gemeente")]
    [InlineData("MetadataAddress", "http://10.0.0.5/.well-known/openid-configuration")]
    [InlineData("ValidAudiences:0", "")]
    [InlineData("ValidAlgorithms:0", SecurityAlgorithms.HmacSha256)]
    [InlineData("RefreshIntervalSeconds", "0")]
    [InlineData("ClockSkewSeconds", "300")]
    public async Task Start_up_fails_on_an_OIDC_configuration_that_would_weaken_token_validation(string key, string value)
    {
        await using var provider = await TestOidcProvider.StartAsync();
        var error = await Assert.ThrowsAsync<InvalidOperationException>(() =>
            StartAsync(provider, new() { [$"Authentication:Schemes:Oidc:{key}"] = value }, environment: "Production"));

        Assert.Contains("Authentication:Schemes:Oidc", error.Message, StringComparison.Ordinal);
    }

    /// <summary>A provider publishing one RSA key, and the API trusting it.</summary>
    private static async Task<(TestOidcProvider Provider, SecurityKey Key, TestApp App)> StartWithKeyAsync(Dictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var provider = await TestOidcProvider.StartAsync();
        var key = TestOidcProvider.NewRsaKey();
        provider.Publish(key);
        return (provider, key, await StartAsync(provider, settings, environment));
    }

    private static Task<TestApp> StartAsync(TestOidcProvider provider, Dictionary<string, string?>? settings = null, string environment = "Testing")
    {
        var all = new Dictionary<string, string?>
        {
            ["Authentication:Schemes:Oidc:Authority"] = provider.Issuer,
            ["Authentication:Schemes:Oidc:ValidAudiences:0"] = TestOidcProvider.Audience,
        };
        foreach (var (key, value) in settings ?? [])
        {
            all[key] = value;
        }

        return TestApp.StartAsync(Engine.Sqlite, all, environment: environment);
    }

    private static void AssertOfficial(GraphQLResponse response)
    {
        var viewer = response.AssertOk().Data!["viewer"]!;
        Assert.Equal("MUNICIPAL_OFFICIAL", viewer["role"]!.GetValue<string>());
        Assert.Equal(["Nissewaard"], viewer["municipalities"]!.AsArray().Select(m => m!["name"]!.GetValue<string>()));
    }
}
