using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Infrastructuur.Tests.Infrastructure;

/// <summary>
/// An OpenID Connect provider as small as the API needs: a discovery document and a JWKS on 127.0.0.1, served by Kestrel
/// from this test process. The published keys can be replaced while it runs (a rotation); tokens are minted with any key,
/// published or not. Counts the JWKS fetches, so a test can see how often the API asks.
/// </summary>
public sealed class TestOidcProvider : IAsyncDisposable
{
    public const string Audience = "infrastructuur-oidc-tests";

    private readonly WebApplication _app;
    private volatile SecurityKey[] _published = [];
    private int _jwksFetches;

    private TestOidcProvider(WebApplication app) => _app = app;

    /// <summary>The issuer and authority: http://127.0.0.1:port.</summary>
    public string Issuer { get; private set; } = "";

    public int JwksFetches => Volatile.Read(ref _jwksFetches);

    /// <summary>Where the discovery document says the keys are; null for this provider's own /jwks.</summary>
    public string? JwksUri { get; set; }

    public static async Task<TestOidcProvider> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestOidcProvider(app);
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = provider.Issuer,
            ["jwks_uri"] = provider.JwksUri ?? provider.Issuer + "/jwks",
            ["id_token_signing_alg_values_supported"] = new[] { "RS256", "ES256" },
        }));
        app.MapGet("/jwks", () =>
        {
            Interlocked.Increment(ref provider._jwksFetches);
            var keys = provider._published.Select(k =>
            {
                var jwk = JsonWebKeyConverter.ConvertFromSecurityKey(k);
                return new Dictionary<string, string?>
                {
                    ["kty"] = jwk.Kty, ["kid"] = jwk.Kid, ["use"] = "sig", ["alg"] = k is RsaSecurityKey ? "RS256" : "ES256",
                    ["n"] = jwk.N, ["e"] = jwk.E, ["crv"] = jwk.Crv, ["x"] = jwk.X, ["y"] = jwk.Y,
                }.Where(p => p.Value is not null).ToDictionary();
            });
            return Results.Json(new { keys });
        });
        await app.StartAsync();
        provider.Issuer = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        return provider;
    }

    /// <summary>A new RSA key with its own key id (only its public half is ever published).</summary>
    public static SecurityKey NewRsaKey() => new RsaSecurityKey(RSA.Create(2048)) { KeyId = Guid.NewGuid().ToString("N") };

    /// <summary>A new P-256 key with its own key id.</summary>
    public static SecurityKey NewEcKey() => new ECDsaSecurityKey(ECDsa.Create(ECCurve.NamedCurves.nistP256)) { KeyId = Guid.NewGuid().ToString("N") };

    /// <summary>Replaces the JWKS with these keys' public halves.</summary>
    public void Publish(params SecurityKey[] keys) =>
        _published = [.. keys.Select(k => k switch
        {
            RsaSecurityKey rsa => (SecurityKey)new RsaSecurityKey(rsa.Rsa.ExportParameters(false)) { KeyId = rsa.KeyId },
            ECDsaSecurityKey ec => new ECDsaSecurityKey(ECDsa.Create(ec.ECDsa.ExportParameters(false))) { KeyId = ec.KeyId },
            _ => throw new ArgumentException("RSA or EC keys only.", nameof(keys)),
        })];

    /// <summary>A token from this provider, signed with <paramref name="key"/> (RS256 or ES256 by its kind).</summary>
    public string Mint(SecurityKey key, string subject, string? role, string audience = Audience, string? roleClaim = "role")
    {
        var claims = new List<Claim> { new("sub", subject) };
        if (role is not null)
        {
            claims.Add(new Claim(roleClaim ?? "role", role));
        }

        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = Issuer,
            Audience = audience,
            IssuedAt = now.AddMinutes(-1),
            NotBefore = now.AddMinutes(-1),
            Expires = now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(key, key is RsaSecurityKey ? SecurityAlgorithms.RsaSha256 : SecurityAlgorithms.EcdsaSha256),
        });
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
