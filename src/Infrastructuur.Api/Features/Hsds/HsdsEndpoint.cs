using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.GraphQL.Limits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Infrastructuur.Api.Features.Hsds;

/// <summary>
/// The Open Referral HSDS 3 API under /hsds/ (docs/hsds-mapping.md): the directory of activities (services) and their
/// providers (organizations) as anonymous open data. Each request passes the gates of /graphql (request budget, client
/// key, token), its parameters are checked (400), an unchanged answer is a 304 by ETag, and the rest spends the cost
/// budget by what the page can hold before any page is read. Answers are built per page, at most
/// <see cref="HsdsRequest.MaxPerPage"/> objects, within the execution time of /graphql.
/// </summary>
public static class HsdsEndpoint
{
    public const string Root = "/hsds";

    /// <summary>The HSDS version the API follows.</summary>
    public const string HsdsVersion = "3.0";

    /// <summary>No profile of our own: the base specification, whose schemas the answers follow.</summary>
    public const string ProfileUrl = "https://github.com/openreferral/specification/tree/3.0/schema";

    // What a page costs against the caller's cost budget, per object it can hold: a service with its organization (2),
    // or fully nested with its terms, schedule, areas, location and costs (10), as /graphql prices the same fields.
    private const int FlatWeight = 2;

    private const int FullWeight = 10;

    public static void MapHsds(this WebApplication app)
    {
        const HsdsParameter filters = HsdsParameter.Search | HsdsParameter.TaxonomyTermId | HsdsParameter.TaxonomyId | HsdsParameter.OrganizationId | HsdsParameter.ModifiedAfter;

        Map(app, Root, HsdsParameter.None, _ => 1, (_, _, _, _) => Task.FromResult<JsonObject?>(HsdsReader.Meta()));
        Map(app, $"{Root}/services", filters | HsdsParameter.Paging | HsdsParameter.Full, r => r.PerPage * (r.Full ? FullWeight : FlatWeight), async (reader, request, _, ct) =>
            await reader.ServicesAsync(request, ct));
        Map(app, $"{Root}/services/{{id}}", HsdsParameter.None, _ => FullWeight, async (reader, _, http, ct) =>
            await reader.ServiceAsync(Id(http), ct));
        Map(app, $"{Root}/service_at_locations", filters | HsdsParameter.Paging | HsdsParameter.Full, r => r.PerPage * (r.Full ? FullWeight : FlatWeight + 1), async (reader, request, _, ct) =>
            await reader.ServiceAtLocationsAsync(request, ct));
        Map(app, $"{Root}/service_at_locations/{{id}}", HsdsParameter.None, _ => FullWeight, async (reader, _, http, ct) =>
            await reader.ServiceAtLocationAsync(Id(http), ct));
        Map(app, $"{Root}/organizations", HsdsParameter.Search | HsdsParameter.Paging | HsdsParameter.Full | HsdsParameter.FullService, r => r.PerPage * (r.Full ? FlatWeight : 1), async (reader, request, _, ct) =>
            await reader.OrganizationsAsync(request, ct));
        Map(app, $"{Root}/organizations/{{id}}", HsdsParameter.FullService, r => 2 + (HsdsReader.MaxServicesPerOrganization * (r.FullService ? FullWeight : 1)), async (reader, request, http, ct) =>
            await reader.OrganizationAsync(Id(http), request.FullService, ct));
        Map(app, $"{Root}/taxonomies", HsdsParameter.Search | HsdsParameter.Paging, _ => 1, (_, request, _, _) =>
            Task.FromResult<JsonObject?>(HsdsReader.TaxonomyList(request)));
        Map(app, $"{Root}/taxonomies/{{id}}", HsdsParameter.None, _ => 1, (_, _, http, _) =>
            Task.FromResult(HsdsReader.Taxonomy(Id(http))));
        Map(app, $"{Root}/taxonomy_terms", HsdsParameter.Search | HsdsParameter.Paging | HsdsParameter.TaxonomyId | HsdsParameter.TopOnly | HsdsParameter.ParentId, r => r.PerPage * FlatWeight, async (reader, request, _, ct) =>
            await reader.TaxonomyTermsAsync(request, ct));
        Map(app, $"{Root}/taxonomy_terms/{{id}}", HsdsParameter.None, _ => FlatWeight, async (reader, _, http, ct) =>
            await reader.TaxonomyTermAsync(Id(http), ct));
    }

    private static Guid Id(HttpContext http) => HsdsRequest.PathId(http.Request.RouteValues["id"]?.ToString() ?? string.Empty);

    private static void Map(WebApplication app, string pattern, HsdsParameter parameters, Func<HsdsRequest, int> cost, Func<HsdsReader, HsdsRequest, HttpContext, CancellationToken, Task<JsonObject?>> read) =>
        app.MapGet(pattern, (HttpContext http, IDbContextFactory<InfrastructuurDb> factory, RateLimits rates, IOptions<LimitsOptions> limits, ILoggerFactory logs) =>
            HandleAsync(http, factory, rates, limits.Value, logs, parameters, cost, read));

    private static async Task HandleAsync(
        HttpContext http,
        IDbContextFactory<InfrastructuurDb> factory,
        RateLimits rates,
        LimitsOptions limits,
        ILoggerFactory logs,
        HsdsParameter parameters,
        Func<HsdsRequest, int> cost,
        Func<HsdsReader, HsdsRequest, HttpContext, CancellationToken, Task<JsonObject?>> read)
    {
        if (await OpenDataGate.AdmitAsync(http, rates) is not { } caller)
        {
            return;
        }

        HsdsRequest request;
        try
        {
            request = HsdsRequest.Parse(http.Request.Query, parameters);
            if (http.Request.RouteValues.ContainsKey("id"))
            {
                _ = Id(http);
            }
        }
        catch (Exception e) when (e is HsdsBadRequestException or ApiException)
        {
            await HttpErrors.WriteAsync(http, StatusCodes.Status400BadRequest, ErrorCodes.BadRequest, e.Message);
            return;
        }

        // The same execution time as /graphql; the database commands are cancelled with it.
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted);
        if (limits.TimeoutSeconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(limits.TimeoutSeconds));
        }

        var ct = timeout.Token;
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        JsonObject? answer;
        try
        {
            await using var db = await factory.CreateDbContextAsync(ct);

            // The ETag: the database's data versions (moved by triggers on every table read here, ADR 0014), the
            // organisation identifiers (which have no version), and the request itself.
            var versions = await DashboardVersions.ReadAsync(db, ct);
            var identifiers = await OpenDataGate.IdentifiersStampAsync(db, ct);
            var etag = ETag(http.Request, versions, identifiers);
            http.Response.Headers.ETag = etag;
            http.Response.Headers.CacheControl = "public, no-cache";
            if (OpenDataGate.NotModified(http.Request, etag, lastModified: null))
            {
                http.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            // What the page can hold, priced before it is read, as /graphql prices a document before it runs.
            if (rates.TryCost(caller, Math.Max(1, cost(request))) is { } costWait)
            {
                http.Response.Headers.Remove(HeaderNames.ETag);
                await OpenDataGate.RateLimitedAsync(http, costWait);
                return;
            }

            answer = await read(new HsdsReader(db), request, http, ct);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested && !http.RequestAborted.IsCancellationRequested)
        {
            http.Response.Headers.Remove(HeaderNames.ETag);
            await HttpErrors.WriteAsync(http, StatusCodes.Status503ServiceUnavailable, ErrorCodes.Timeout, $"The request took longer than {limits.TimeoutSeconds} s and was cancelled.");
            return;
        }

        if (answer is null)
        {
            http.Response.Headers.Remove(HeaderNames.ETag);
            http.Response.Headers.CacheControl = "no-store";
            await HttpErrors.WriteAsync(http, StatusCodes.Status404NotFound, ErrorCodes.NotFound, "No such object.");
            return;
        }

        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "application/json; charset=utf-8";
        await http.Response.WriteAsync(answer.ToJsonString(), http.RequestAborted);
        logs.CreateLogger("Infrastructuur.OpenData").LogInformation(
            "HSDS {Path}: {Items} items in {Milliseconds} ms",
            http.Request.Path.Value,
            answer["contents"] is JsonArray contents ? contents.Count : 1,
            (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static string ETag(HttpRequest request, Dictionary<Guid, long> versions, string identifiers)
    {
        var text = new StringBuilder(HsdsVersion).Append('|').Append(request.Path.Value).Append(request.QueryString.Value);
        foreach (var (scope, version) in versions.OrderBy(v => v.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"|{scope:N}:{version}");
        }

        text.Append(CultureInfo.InvariantCulture, $"|{identifiers}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"\"hsds-{Convert.ToHexStringLower(hash, 0, 16)}\"";
    }
}
