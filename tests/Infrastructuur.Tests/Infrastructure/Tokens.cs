using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Infrastructuur.Tests.Infrastructure;

/// <summary>Mints real signed JWTs with the test key the test app trusts: the user is never faked.</summary>
public static class Tokens
{
    public const string Issuer = "https://tests.infrastructuur.example";
    public const string Audience = "infrastructuur-tests";

    private static readonly byte[] Key = Encoding.UTF8.GetBytes("infrastructuur-test-signing-key-0123456789abcdef");

    public static string KeyBase64 => Convert.ToBase64String(Key);

    /// <param name="subject">The "sub" claim; null leaves it out.</param>
    public static string Mint(
        string? subject,
        string? role = null,
        DateTime? expires = null,
        DateTime? notBefore = null,
        string issuer = Issuer,
        string audience = Audience,
        byte[]? key = null,
        string algorithm = SecurityAlgorithms.HmacSha256)
    {
        var claims = subject is null ? new List<Claim>() : [new Claim("sub", subject)];
        if (role is not null)
        {
            claims.Add(new Claim("role", role));
        }

        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Subject = new ClaimsIdentity(claims),
            Issuer = issuer,
            Audience = audience,
            IssuedAt = (notBefore ?? now).AddMinutes(-1),
            NotBefore = notBefore ?? now.AddMinutes(-1),
            Expires = expires ?? now.AddMinutes(30),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key ?? Key), algorithm),
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>An unsigned token ("alg": "none") with otherwise valid claims.</summary>
    public static string Unsigned(string subject)
    {
        static string Part(string json) => Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(json));
        var exp = DateTimeOffset.UtcNow.AddMinutes(30).ToUnixTimeSeconds();
        return $"{Part("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Part($"{{\"sub\":\"{subject}\",\"iss\":\"{Issuer}\",\"aud\":\"{Audience}\",\"exp\":{exp}}}")}.";
    }
}
