using System.Security.Claims;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// JWT bearer authentication with every check on (docs/security.md). The values are read explicitly from
/// Authentication:Schemes:Bearer (the section `dotnet user-jwts` writes), because binding JwtBearerOptions from
/// configuration silently turns issuer/audience validation off when a value is missing: here start-up fails instead.
/// </summary>
public static class AuthenticationSetup
{
    public const string Section = "Authentication:Schemes:Bearer";
    public const string DevelopmentIssuer = "dotnet-user-jwts";
    public const string RoleClaim = "role";

    public static IServiceCollection AddInfrastructuurAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection(Section);
        var issuer = section["ValidIssuer"];
        var audiences = (section.GetSection("ValidAudiences").Get<string[]>() ?? []).Where(a => !string.IsNullOrWhiteSpace(a)).ToArray();
        var keys = SigningKeys(section);
        if (keys.Count == 0 && environment.IsDevelopment())
        {
            // A fresh development machine has no key until the first `dotnet user-jwts create` writes one to the user
            // secrets. Until then a random key nobody holds: every token is refused, no check is off (see below for reload).
            keys = [new SymmetricSecurityKey(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))];
        }

        var algorithms = section.GetSection("ValidAlgorithms").Get<string[]>() is { Length: > 0 } configured ? configured : [SecurityAlgorithms.HmacSha256];
        var skew = TimeSpan.FromSeconds(section.GetValue("ClockSkewSeconds", 30));

        if (string.IsNullOrWhiteSpace(issuer) || audiences.Length == 0 || keys.Count == 0)
        {
            throw new InvalidOperationException($"{Section} needs ValidIssuer, ValidAudiences and SigningKeys; refusing to start with token validation partly off.");
        }

        if (!environment.IsDevelopment() && issuer == DevelopmentIssuer)
        {
            throw new InvalidOperationException($"{Section}: the development token issuer '{DevelopmentIssuer}' is refused outside Development.");
        }

        if (skew > TimeSpan.FromSeconds(30) || skew < TimeSpan.Zero)
        {
            throw new InvalidOperationException($"{Section}:ClockSkewSeconds must be between 0 and 30.");
        }

        IEnumerable<SecurityKey> current = keys;
        Microsoft.Extensions.Primitives.ChangeToken.OnChange(configuration.GetReloadToken, () =>
        {
            if (SigningKeys(configuration.GetSection(Section)) is { Count: > 0 } reloaded)
            {
                current = reloaded;
            }
        });

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(options =>
        {
            options.MapInboundClaims = false;
            options.TokenValidationParameters = new TokenValidationParameters
            {
                ValidateIssuer = true,
                ValidIssuer = issuer,
                ValidateAudience = true,
                ValidAudiences = audiences,
                ValidateLifetime = true,
                RequireExpirationTime = true,
                RequireSignedTokens = true,
                ValidateIssuerSigningKey = true,

                // Keys are read again when the configuration changes, so a key rotated in (or the one the first
                // `dotnet user-jwts create` writes to the user secrets) is honoured without a restart. An empty set
                // after a change keeps the last good keys rather than accepting nothing or anything.
                IssuerSigningKeyResolver = (_, _, _, _) => current,
                ValidAlgorithms = algorithms,
                ClockSkew = skew,
                NameClaimType = "sub",
                RoleClaimType = RoleClaim,
            };

            // The GraphQL endpoint answers 401 itself, in the GraphQL error format. A signed-in identity must name a
            // person: a token without a usable subject would otherwise get signed-in budgets while being nobody.
            options.Events = new JwtBearerEvents
            {
                OnChallenge = context => { context.HandleResponse(); return Task.CompletedTask; },
                OnTokenValidated = context =>
                {
                    if (string.IsNullOrWhiteSpace(context.Principal?.FindFirst("sub")?.Value))
                    {
                        context.Fail("The token names no subject.");
                    }

                    return Task.CompletedTask;
                },
            };
        });
        services.AddAuthorization();
        return services;
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
