using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Protocols;
using Microsoft.IdentityModel.Protocols.OpenIdConnect;
using Microsoft.IdentityModel.Tokens;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// Tokens of an OpenID Connect provider (Keycloak, Entra ID …), from Authentication:Schemes:Oidc: the keys come from
/// the provider's JWKS, found through its discovery document, and are fetched again as the provider rotates them
/// (ADR 0018). Validation, claims and events are those of the HMAC tokens (<see cref="AuthenticationSetup"/>).
/// </summary>
/// <param name="MetadataAddress">The discovery document: MetadataAddress, else the Authority's /.well-known/openid-configuration.</param>
/// <param name="RoleClaim">The claim holding the role, copied to "role" (Entra ID: "roles").</param>
/// <param name="Refresh">The least time between two fetches a token with an unknown key may cause.</param>
/// <param name="AutomaticRefresh">How often the keys are fetched anyway, so a key the provider withdrew stops being trusted.</param>
internal sealed record OidcSignIn(string MetadataAddress, string[] Audiences, string[] Algorithms, TimeSpan Skew, string RoleClaim, TimeSpan Refresh, TimeSpan AutomaticRefresh)
{
    public const string Section = "Authentication:Schemes:Oidc";
    public const string Scheme = "Oidc";

    /// <summary>The provider's settings, or null when neither Authority nor MetadataAddress is set; fails on anything unsafe.</summary>
    public static OidcSignIn? Read(IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        var authority = Blank(section["Authority"]);
        var metadata = Blank(section["MetadataAddress"]);
        if (authority is null && metadata is null)
        {
            return null;
        }

        var audiences = AuthenticationSetup.Audiences(section);
        if (audiences.Length == 0)
        {
            throw new InvalidOperationException($"{Section} needs ValidAudiences (the audience the provider puts in tokens for this API); refusing to start with audience validation off.");
        }

        // The discovery document (and through it the JWKS) decides which keys we trust: only over TLS, except on this
        // machine's loopback interface, where nothing travels over a network.
        var address = metadata ?? authority!.TrimEnd('/') + "/.well-known/openid-configuration";
        if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || !HttpsOrLoopback(uri))
        {
            throw new InvalidOperationException($"{Section}: the Authority or MetadataAddress must be an https URL (plain http only on a loopback address such as 127.0.0.1).");
        }

        var algorithms = section.GetSection("ValidAlgorithms").Get<string[]>() is { Length: > 0 } configured
            ? configured
            : [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];
        if (algorithms.Any(a => a.StartsWith("HS", StringComparison.OrdinalIgnoreCase) || a.Equals("none", StringComparison.OrdinalIgnoreCase)))
        {
            // A public JWKS key used as an HMAC secret would let anyone sign: only asymmetric algorithms here.
            throw new InvalidOperationException($"{Section}:ValidAlgorithms takes asymmetric algorithms only (RS256, ES256 …).");
        }

        var refresh = TimeSpan.FromSeconds(section.GetValue("RefreshIntervalSeconds", 60));
        var automatic = TimeSpan.FromSeconds(section.GetValue("AutomaticRefreshIntervalSeconds", 3600));
        if (refresh < TimeSpan.FromSeconds(1) || automatic < TimeSpan.FromMinutes(5))
        {
            throw new InvalidOperationException($"{Section}: RefreshIntervalSeconds must be at least 1 and AutomaticRefreshIntervalSeconds at least 300.");
        }

        return new OidcSignIn(
            address, audiences, algorithms, AuthenticationSetup.ClockSkew(section, Section),
            Blank(section["RoleClaim"]) ?? AuthenticationSetup.RoleClaim, refresh, automatic);
    }

    public void Configure(JwtBearerOptions options)
    {
        options.MapInboundClaims = false;
        options.TokenValidationParameters = AuthenticationSetup.ValidationParameters(Audiences, Algorithms, Skew);
        options.Events = AuthenticationSetup.Events(RoleClaim);

        // A token whose key id is not in the JWKS we hold makes us fetch the discovery document and JWKS again (a
        // rotation), at most once per RefreshInterval however many such tokens arrive; every AutomaticRefreshInterval
        // they are fetched anyway. No "last known good" configuration: a key the provider withdrew is refused as soon as
        // the new JWKS is read, not trusted for another hour. The https rule is ours (Read), enforced on every fetch,
        // the JWKS address included, by the handler below.
        options.RefreshOnIssuerKeyNotFound = true;
        options.RefreshInterval = Refresh;
        options.AutomaticRefreshInterval = AutomaticRefresh;
        options.RequireHttpsMetadata = false;
        var backchannel = new HttpClient(new HttpsOrLoopbackOnly()) { Timeout = TimeSpan.FromSeconds(10), MaxResponseContentBufferSize = 1024 * 1024 };
        options.ConfigurationManager = new ConfigurationManager<OpenIdConnectConfiguration>(
            MetadataAddress,
            new OpenIdConnectConfigurationRetriever(),
            new HttpDocumentRetriever(backchannel) { RequireHttps = false })
        {
            RefreshInterval = Refresh,
            AutomaticRefreshInterval = AutomaticRefresh,
            UseLastKnownGoodConfiguration = false,
        };
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool HttpsOrLoopback(Uri uri) =>
        uri.Scheme == Uri.UriSchemeHttps || (uri.Scheme == Uri.UriSchemeHttp && uri.IsLoopback);

    /// <summary>
    /// Refuses to fetch metadata or keys over plain http from anywhere but a loopback address, also when a discovery
    /// document on 127.0.0.1 names a JWKS elsewhere, and follows no redirects (which could leave loopback).
    /// </summary>
    private sealed class HttpsOrLoopbackOnly() : DelegatingHandler(new SocketsHttpHandler { AllowAutoRedirect = false })
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            request.RequestUri is { } uri && HttpsOrLoopback(uri)
                ? base.SendAsync(request, cancellationToken)
                : throw new HttpRequestException($"Refusing to fetch OpenID Connect metadata from {request.RequestUri}: https only, or http on a loopback address.");
    }
}
