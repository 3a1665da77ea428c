using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL.Limits;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// What the open-data endpoints (360Giving, HSDS) share with /graphql: the same gates in the same order, the 429 with
/// Retry-After, and conditional GETs. Open data is the same for every caller, so a valid token changes nothing but the
/// caller's rate budget; an invalid one is still a 401, never read as anonymous.
/// </summary>
public static class OpenDataGate
{
    /// <summary>
    /// A fingerprint of every organisation identifier, for the validators: identifiers have no data version of their own
    /// (ADR 0014 versions the tables that feed the dashboards), and a corrected KvK number must change the ETag, which
    /// a count of them did not. A few thousand short rows: a small part of even a 304.
    /// </summary>
    public static async Task<string> IdentifiersStampAsync(InfrastructuurDb db, CancellationToken cancellationToken)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var rows = db.OrganisationIdentifiers.AsNoTracking().OrderBy(i => i.Id).Select(i => new { i.Id, i.OrganisationId, i.Scheme, i.Value });
        await foreach (var row in rows.AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            hash.AppendData(Encoding.UTF8.GetBytes($"{row.Id:N}|{row.OrganisationId:N}|{row.Scheme}|{row.Value}\n"));
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset(), 0, 16);
    }

    /// <summary>The request budget, a bad client key, an invalid token. Returns the caller, or null when the answer is written.</summary>
    public static async Task<string?> AdmitAsync(HttpContext http, RateLimits rates)
    {
        var (caller, badClientKey) = rates.CallerOf(http);
        if (rates.TryRequest(caller) is { } wait)
        {
            await RateLimitedAsync(http, wait);
            return null;
        }

        if (badClientKey)
        {
            await HttpErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, $"The {TrustedClient.Header} is not the key of a trusted client.");
            return null;
        }

        if (http.Request.Headers.Authorization.Count > 0 && !(await http.AuthenticateAsync()).Succeeded)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer error=\"invalid_token\"";
            await HttpErrors.WriteAsync(http, StatusCodes.Status401Unauthorized, ErrorCodes.Unauthenticated, "The bearer token is not valid.");
            return null;
        }

        return caller;
    }

    /// <summary>If-None-Match wins over If-Modified-Since (RFC 9110 13.2.2): the ETag is exact, the date only to the second.</summary>
    public static bool NotModified(HttpRequest request, string etag, DateTimeOffset? lastModified)
    {
        var match = request.Headers.IfNoneMatch.ToString();
        if (match.Length > 0)
        {
            return match.Trim() == "*" || match.Split(',').Select(m => m.Trim()).Select(m => m.StartsWith("W/", StringComparison.Ordinal) ? m[2..] : m).Contains(etag, StringComparer.Ordinal);
        }

        return lastModified is { } last
            && DateTimeOffset.TryParseExact(request.Headers.IfModifiedSince.ToString(), "R", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since)
            && last <= since;
    }

    public static async Task RateLimitedAsync(HttpContext http, TimeSpan wait)
    {
        var seconds = (int)Math.Ceiling(Math.Max(wait.TotalSeconds, 1));
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        await http.Response.WriteAsJsonAsync(new { errors = new[] { new { message = $"Too many requests; try again in {seconds} s.", extensions = new { code = ErrorCodes.RateLimited, retryAfterSeconds = seconds } } } }, http.RequestAborted);
    }
}
