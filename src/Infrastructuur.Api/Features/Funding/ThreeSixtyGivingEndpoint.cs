using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.GraphQL.Limits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Net.Http.Headers;

namespace Infrastructuur.Api.Features.Funding;

/// <summary>
/// GET /open-data/360giving.json and /open-data/360giving.csv: the published awarded grants as a 360Giving data package
/// and in 360Giving's flattened CSV (docs/360giving.md). Anonymous open data: the same for every caller, so a token
/// changes nothing but the caller's rate budget; an invalid one is a 401 as on /graphql. Written page by page straight
/// to the response, so memory does not grow with the number of grants.
/// </summary>
public static class ThreeSixtyGivingEndpoint
{
    public const string JsonPath = "/open-data/360giving.json";

    public const string CsvPath = "/open-data/360giving.csv";

    /// <summary>The 360Giving schema version the package follows (major.minor, as the package schema asks).</summary>
    public const string SchemaVersion = "1.4";

    public static void MapThreeSixtyGiving(this WebApplication app)
    {
        app.MapGet(JsonPath, (HttpContext http, IDbContextFactory<InfrastructuurDb> factory, RateLimits rates, IConfiguration configuration, ILoggerFactory logs) =>
            HandleAsync(http, factory, rates, configuration, logs, csv: false));
        app.MapGet(CsvPath, (HttpContext http, IDbContextFactory<InfrastructuurDb> factory, RateLimits rates, IConfiguration configuration, ILoggerFactory logs) =>
            HandleAsync(http, factory, rates, configuration, logs, csv: true));
    }

    private static async Task HandleAsync(HttpContext http, IDbContextFactory<InfrastructuurDb> factory, RateLimits rates, IConfiguration configuration, ILoggerFactory logs, bool csv)
    {
        var ct = http.RequestAborted;

        // The same gates as /graphql, in the same order: the request budget, a bad client key, an invalid token.
        if (await OpenDataGate.AdmitAsync(http, rates) is not { } caller)
        {
            return;
        }

        var options = ThreeSixtyGivingOptions.Of(configuration);
        await using var db = await factory.CreateDbContextAsync(ct);
        var export = new ThreeSixtyGivingExport(db, options);

        // Validators: the database's data versions (moved by triggers on every table the export reads, ADR 0014) and the
        // identifiers (which have no version of their own), with the settings that shape the output.
        var versions = await DashboardVersions.ReadAsync(db, ct);
        var identifiers = await OpenDataGate.IdentifiersStampAsync(db, ct);
        var summary = await export.SummaryAsync(ct);
        var etag = ETag(csv, versions, identifiers, summary.Count, options);
        var lastModified = summary.Modified is { } modified ? new DateTimeOffset(modified.Ticks - (modified.Ticks % TimeSpan.TicksPerSecond), TimeSpan.Zero) : (DateTimeOffset?)null;
        http.Response.Headers.ETag = etag;
        if (lastModified is { } last)
        {
            http.Response.Headers.LastModified = last.ToString("R", CultureInfo.InvariantCulture);
        }

        // Anyone may cache it; every use asks again, and an unchanged export costs a 304.
        http.Response.Headers.CacheControl = "public, no-cache";
        if (OpenDataGate.NotModified(http.Request, etag, lastModified))
        {
            http.Response.StatusCode = StatusCodes.Status304NotModified;
            return;
        }

        // An export costs what a GraphQL page of the same grants would: one per grant, against the caller's cost budget.
        if (rates.TryCost(caller, Math.Max(1, summary.Count)) is { } costWait)
        {
            http.Response.Headers.Remove(HeaderNames.ETag);
            http.Response.Headers.Remove(HeaderNames.LastModified);
            await OpenDataGate.RateLimitedAsync(http, costWait);
            return;
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = csv ? "text/csv; charset=utf-8" : "application/json; charset=utf-8";
        if (csv)
        {
            http.Response.Headers.ContentDisposition = "attachment; filename=\"360giving.csv\"";
            await ThreeSixtyGivingCsv.WriteAsync(http.Response.BodyWriter.AsStream(), export, summary.MaxLocations, summary.MaxClassifications, ct);
        }
        else
        {
            var self = $"{http.Request.Scheme}://{http.Request.Host}{JsonPath}";
            await WriteJsonAsync(http.Response.BodyWriter.AsStream(), export, self, lastModified, ct);
        }

        logs.CreateLogger("Infrastructuur.OpenData").LogInformation(
            "360Giving {Format} export: {Grants} grants in {Milliseconds} ms", csv ? "csv" : "json", summary.Count, (int)System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }

    private static string ETag(bool csv, Dictionary<Guid, long> versions, string identifiers, int count, ThreeSixtyGivingOptions options)
    {
        var text = new StringBuilder(csv ? "csv" : "json");
        foreach (var (scope, version) in versions.OrderBy(v => v.Key))
        {
            text.Append(CultureInfo.InvariantCulture, $"|{scope:N}:{version}");
        }

        text.Append(CultureInfo.InvariantCulture, $"|{identifiers}|{count}|{options.IdentifierPrefix}|{options.PublisherName}|{options.PublisherIdentifier}|{options.PublisherWebsite}|{options.License}|{SchemaVersion}");
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return $"\"360g-{Convert.ToHexStringLower(hash, 0, 16)}\"";
    }

    private static async Task WriteJsonAsync(Stream body, ThreeSixtyGivingExport export, string self, DateTimeOffset? lastModified, CancellationToken ct)
    {
        var options = export.Options;
        await using var json = new Utf8JsonWriter(body, new JsonWriterOptions { SkipValidation = false });
        json.WriteStartObject();
        json.WriteString("version", SchemaVersion);
        json.WriteString("title", $"360Giving grants of {options.PublisherName}");
        json.WriteString("description", "Grants awarded, disbursed or settled, as published by the Infrastructuur API. Amounts in euros; beneficiary locations by CBS code.");
        json.WriteString("identifier", $"{options.IdentifierPrefix}-grants");
        json.WriteString("issued", ThreeSixtyGivingExport.DateTimeText(DateTime.UtcNow));
        if (lastModified is { } modified)
        {
            json.WriteString("modified", ThreeSixtyGivingExport.DateTimeText(modified.UtcDateTime));
        }

        json.WriteStartObject("publisher");
        json.WriteString("name", options.PublisherName);
        if (!string.IsNullOrWhiteSpace(options.PublisherIdentifier))
        {
            json.WriteString("identifier", options.PublisherIdentifier);
        }

        if (!string.IsNullOrWhiteSpace(options.PublisherWebsite))
        {
            json.WriteString("website", options.PublisherWebsite);
        }

        json.WriteEndObject();
        json.WriteString("license", options.License);
        json.WriteString("downloadURL", self);
        json.WriteStartArray("grants");
        await foreach (var page in export.PagesAsync(ct))
        {
            foreach (var grant in page)
            {
                WriteGrant(json, grant);
            }

            await json.FlushAsync(ct);
        }

        json.WriteEndArray();
        json.WriteEndObject();
        await json.FlushAsync(ct);
    }

    private static void WriteGrant(Utf8JsonWriter json, ThreeSixtyGivingGrant grant)
    {
        json.WriteStartObject();
        json.WriteString("id", grant.Id);
        json.WriteString("title", grant.Title);
        json.WriteString("description", grant.Description);
        json.WriteString("currency", "EUR");
        json.WriteNumber("amountAwarded", grant.AmountAwarded);
        json.WriteNumber("amountDisbursed", grant.AmountDisbursed);
        json.WriteString("awardDate", ThreeSixtyGivingExport.Date(grant.AwardDate));
        if (grant.PlannedStart is { } start)
        {
            json.WriteStartArray("plannedDates");
            json.WriteStartObject();
            json.WriteString("startDate", ThreeSixtyGivingExport.Date(start));
            if (grant.PlannedEnd is { } end)
            {
                json.WriteString("endDate", ThreeSixtyGivingExport.Date(end));
            }

            json.WriteEndObject();
            json.WriteEndArray();
        }

        WriteOrganisation(json, "recipientOrganization", grant.Recipient);
        WriteOrganisation(json, "fundingOrganization", grant.Funder);
        if (grant.Locations.Count > 0)
        {
            json.WriteStartArray("beneficiaryLocation");
            foreach (var location in grant.Locations)
            {
                json.WriteStartObject();
                json.WriteString("name", location.Name);
                json.WriteString("countryCode", "NL");
                if (location.GeoCode is { } code)
                {
                    json.WriteString("geoCode", code);
                    json.WriteString("geoCodeType", location.GeoCodeType);
                }

                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        if (grant.Classifications.Count > 0)
        {
            json.WriteStartArray("classifications");
            foreach (var classification in grant.Classifications)
            {
                json.WriteStartObject();
                json.WriteString("vocabulary", classification.Vocabulary);
                json.WriteString("code", classification.Code);
                json.WriteString("title", classification.Title);
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        json.WriteString("dateModified", ThreeSixtyGivingExport.DateTimeText(grant.Modified));
        json.WriteEndObject();
    }

    private static void WriteOrganisation(Utf8JsonWriter json, string name, ThreeSixtyGivingOrg organisation)
    {
        json.WriteStartArray(name);
        json.WriteStartObject();
        json.WriteString("id", organisation.Id);
        json.WriteString("name", organisation.Name);
        json.WriteEndObject();
        json.WriteEndArray();
    }
}
