using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// JWT bearer authentication with every check on (docs/security.md). Two kinds of token, each optional but at least one
/// configured: HMAC tokens under Authentication:Schemes:Bearer (the section `dotnet user-jwts` writes), and tokens of an
/// OpenID Connect provider under Authentication:Schemes:Oidc (<see cref="OidcSignIn"/>). The values are read explicitly,
/// because binding JwtBearerOptions from configuration silently turns issuer/audience validation off when a value is
/// missing: here start-up fails instead. Both kinds get the same validation rules, claims and events, so a role or a
/// subject means the same whoever signed the token.
/// </summary>
public static class AuthenticationSetup
{
    public const string Section = "Authentication:Schemes:Bearer";
    public const string DevelopmentIssuer = "dotnet-user-jwts";
    public const string RoleClaim = "role";

    /// <summary>Picks the scheme by the token's (unverified) issuer when both kinds are configured.</summary>
    private const string SelectorScheme = "Token";

    public static IServiceCollection AddInfrastructuurAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(Section);
        var issuer = section["ValidIssuer"];
        var audiences = Audiences(section);
        var keys = SigningKeys(section);
        var oidc = OidcSignIn.Read(configuration);

        // With an OpenID Connect provider the HMAC scheme is optional: absent entirely, it is simply not registered;
        // half configured, it still fails start-up.
        var hmac = oidc is null || !string.IsNullOrWhiteSpace(issuer) || audiences.Length > 0 || keys.Count > 0;
        if (hmac && keys.Count == 0 && environment.IsDevelopment())
        {
            // A fresh development machine has no key until the first `dotnet user-jwts create` writes one to the user
            // secrets. Until then a random key nobody holds: every token is refused, no check is off (see below for reload).
            keys = [new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))];
        }

        var algorithms = section.GetSection("ValidAlgorithms").Get<string[]>() is { Length: > 0 } configured ? configured : [SecurityAlgorithms.HmacSha256];
        var skew = ClockSkew(section, Section);

        if (hmac && (string.IsNullOrWhiteSpace(issuer) || audiences.Length == 0 || keys.Count == 0))
        {
            throw new InvalidOperationException($"{Section} needs ValidIssuer, ValidAudiences and SigningKeys (or configure only {OidcSignIn.Section}:Authority); refusing to start with token validation partly off.");
        }

        if (hmac && !environment.IsDevelopment() && issuer == DevelopmentIssuer)
        {
            throw new InvalidOperationException($"{Section}: the development token issuer '{DevelopmentIssuer}' is refused outside Development.");
        }

        var authentication = services.AddAuthentication(options => options.DefaultScheme = (hmac, oidc) switch
        {
            (true, not null) => SelectorScheme,
            (false, not null) => OidcSignIn.Scheme,
            _ => JwtBearerDefaults.AuthenticationScheme,
        });
        if (hmac)
        {
            IEnumerable<SecurityKey> current = keys;
            Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () =>
            {
                if (SigningKeys(configuration.GetSection(Section)) is { Count: > 0 } reloaded)
                {
                    current = reloaded;
                }
            });

            authentication.AddJwtBearer(JwtBearerDefaults.AuthenticationScheme, options =>
            {
                options.MapInboundClaims = false;
                options.TokenValidationParameters = ValidationParameters(audiences, algorithms, skew);
                options.TokenValidationParameters.ValidIssuer = issuer;

                // Keys are read again when the configuration changes, so a key rotated in (or the one the first
                // `dotnet user-jwts create` writes to the user secrets) is honoured without a restart. An empty set
                // after a change keeps the last good keys rather than accepting nothing or anything.
                options.TokenValidationParameters.IssuerSigningKeyResolver = (_, _, _, _) => current;
                options.Events = Events(RoleClaim);
            });
        }

        if (oidc is not null)
        {
            authentication.AddJwtBearer(OidcSignIn.Scheme, options => oidc.Configure(options));
        }

        if (hmac && oidc is not null)
        {
            authentication.AddPolicyScheme(SelectorScheme, null, options =>
                options.ForwardDefaultSelector = http => UnverifiedIssuer(http.Request) == issuer ? JwtBearerDefaults.AuthenticationScheme : OidcSignIn.Scheme);
        }

        services.AddAuthorization();
        return services;
    }

    /// <summary>The checks every kind of token gets; the caller adds issuer and keys.</summary>
    internal static TokenValidationParameters ValidationParameters(string[] audiences, string[] algorithms, TimeSpan skew) => new()
    {
        ValidateIssuer = true,
        ValidateAudience = true,
        ValidAudiences = audiences,
        ValidateLifetime = true,
        RequireExpirationTime = true,
        RequireSignedTokens = true,
        ValidateIssuerSigningKey = true,
        ValidAlgorithms = algorithms,
        ClockSkew = skew,
        NameClaimType = "sub",
        RoleClaimType = RoleClaim,
    };

    /// <summary>
    /// The GraphQL endpoint answers 401 itself, in the GraphQL error format. A signed-in identity must name a person: a
    /// token without a usable subject would otherwise get signed-in budgets while being nobody. A provider that names
    /// roles in another claim (Entra ID's "roles") has them copied to "role", so <see cref="Features.Access.Viewer"/> reads
    /// one claim for every kind of token.
    /// </summary>
    internal static JwtBearerEvents Events(string roleClaim) => new()
    {
        OnChallenge = context => { context.HandleResponse(); return Task.CompletedTask; },
        OnTokenValidated = context =>
        {
            if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst("sub")?.Value))
            {
                context.Fail("The token names no subject.");
            }
            else if (roleClaim != RoleClaim && context.Principal.Identity is ClaimsIdentity identity)
            {
                foreach (var role in identity.FindAll(roleClaim).ToList())
                {
                    identity.AddClaim(new Claim(RoleClaim, role.Value));
                }
            }

            return Task.CompletedTask;
        },

        // The provider unreachable at the first request (no keys yet): the token cannot be checked, so it is refused
        // like any other token we cannot verify, instead of failing the request as INTERNAL.
        OnAuthenticationFailed = context =>
        {
            context.Fail(context.Exception);
            return Task.CompletedTask;
        },
    };

    internal static string[] Audiences(IConfigurationSection section) =>
        [.. (section.GetSection("ValidAudiences").Get<string[]>() ?? []).Where(a => !string.IsNullOrWhiteSpace(a))];

    internal static TimeSpan ClockSkew(IConfigurationSection section, string name)
    {
        var skew = TimeSpan.FromSeconds(section.GetValue("ClockSkewSeconds", 30));
        return skew > TimeSpan.FromSeconds(30) || skew < TimeSpan.Zero
            ? throw new InvalidOperationException($"{name}:ClockSkewSeconds must be between 0 and 30.")
            : skew;
    }

    /// <summary>The "iss" of a bearer token, read without checking anything: only to pick the scheme that checks it.</summary>
    private static string? UnverifiedIssuer(HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var handler = new JsonWebTokenHandler();
        var token = header["Bearer ".Length..].Trim();
        try
        {
            return handler.CanReadToken(token) ? handler.ReadJsonWebToken(token).Issuer : null;
        }
        catch (ArgumentException)
        {
            // JWT-shaped but not readable (bad base64 or JSON): the HMAC scheme refuses it without asking the provider.
            return null;
        }
    }

    /// <summary>Whether signing keys are configured (a development machine has none before its first user-jwts token).</summary>
    public static bool HasSigningKeys(IConfiguration configuration) => SigningKeys(configuration.GetSection(Section)).Count > 0;

    private static List<SecurityKey> SigningKeys(IConfigurationSection section) =>
        [.. section.GetSection("SigningKeys").GetChildren()
            .Select(k => k["Value"])
            .Where(v => !string.IsNullOrWhiteSpace(v))
            .Select(v => (SecurityKey)new SymmetricSecurityKey(Convert.FromBase64String(v!)))];

    /// <summary>The caller's stable subject (token "sub"), or null when anonymous.</summary>
    public static string? Subject(this ClaimsPrincipal user) =>
        user.Identity?.IsAuthenticated == true ? user.FindFirst("sub")?.Value : null;
}
