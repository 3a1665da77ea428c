using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Volume;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Funding.FundingData;

namespace Infrastructuur.Tests.Funding;

/// <summary>
/// The 360Giving export over HTTP, on each engine: exactly the grants an anonymous caller sees, awarded, with their
/// parties, places and columns; valid against the published package schema (ajv, tests/js/threesixtygiving.mjs) on the
/// demo data and a synthetic set; the same grants as CSV; ETag and Last-Modified; constant statements per page.
/// The apps run with a prefix of their own and pages of 7 grants, so a few dozen grants already take several pages.
/// </summary>
public abstract class ThreeSixtyGivingTests(Func<TestApp> app)
{
    public const string Prefix = "360G-test-prefix";

    public const int PageSize = 7;

    public static readonly Dictionary<string, string?> Settings = new()
    {
        ["OpenData:ThreeSixtyGiving:IdentifierPrefix"] = Prefix,
        ["OpenData:ThreeSixtyGiving:PageSize"] = PageSize.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };

    private static readonly SyntheticSize Synthetic = new() { Neighbourhoods = 40, Organisations = 60, Activities = 200, Initiatives = 60, Grants = 150 };

    [SkippableFact]
    public async Task Export_holds_exactly_the_published_awarded_grants_with_parties_places_and_columns()
    {
        var kvk = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var funder = Organisation(OrganisationKind.Municipality);
        funder.Identifiers = [new OrganisationIdentifier { Scheme = "NL-KVK", Value = kvk }];
        var recipient = Organisation(OrganisationKind.Welfare);
        Grant published, applied, rejected, toDraft;
        await using (var db = await app().OpenDbAsync())
        {
            var rotterdam = await RotterdamAsync(db);
            // A buurt and a wijk: CBS codes of both levels, whose geoCodeType is the code's own prefix (BU, WK).
            var places = new[]
            {
                await db.Neighbourhoods.Where(n => n.MunicipalityId == rotterdam.Id && n.CbsCode != null && n.Level == RegionLevel.Neighbourhood).OrderBy(n => n.CbsCode).FirstAsync(),
                await db.Neighbourhoods.Where(n => n.MunicipalityId == rotterdam.Id && n.CbsCode != null && n.Level == RegionLevel.District).OrderBy(n => n.CbsCode).FirstAsync(),
            }.ToList();
            var theme = await db.Themes.OrderBy(t => t.Code).FirstAsync();
            var iv3 = Line(funder, iv3: "6.1");
            var own = Line(funder, iv3: null);
            published = Grant(funder, recipient, 12_345_67, new DateOnly(2025, 3, 1), GrantStatus.Disbursed);
            published.Title = Unique("Grant, \"quoted\"");
            published.Description = "Two lines,\nwith a comma";
            published.PlannedStartsOn = new DateOnly(2025, 4, 1);
            published.PlannedEndsOn = new DateOnly(2026, 3, 31);
            published.BeneficiaryNeighbourhoods = places;
            published.Themes = [theme];
            published.Allocations = [From(iv3, 10_000_00), From(own, 2_345_67)];
            published.Disbursements = [Paid(5_000_00)];
            applied = Grant(funder, recipient, null, null, GrantStatus.Applied, appliedOn: new DateOnly(2025, 2, 1));
            rejected = Grant(funder, recipient, null, null, GrantStatus.Rejected, appliedOn: new DateOnly(2025, 2, 1));
            var draft = Initiative(rotterdam);
            draft.Status = InitiativeStatus.Draft;
            toDraft = Grant(funder, draft, 1_000_00, new DateOnly(2025, 3, 2));
            db.AddRange(published, applied, rejected, toDraft);
            await db.SaveChangesAsync();
        }

        var package = await GetJsonAsync();
        var grants = package["grants"]!.AsArray().Select(g => g!).ToList();

        // Exactly what the anonymous rule publishes, counted here from the rows themselves.
        Assert.Equal((await PublishedIdsAsync()).Order(), grants.Select(g => g["id"]!.GetValue<string>()).Order());
        var titles = grants.Select(g => g["title"]!.GetValue<string>()).ToHashSet();
        Assert.Contains(published.Title, titles);
        Assert.DoesNotContain(applied.Title, titles);
        Assert.DoesNotContain(rejected.Title, titles);
        Assert.DoesNotContain(toDraft.Title, titles);

        var grant = grants.Single(g => g["title"]!.GetValue<string>() == published.Title);
        Assert.Equal($"{Prefix}-{published.Id:D}", grant["id"]!.GetValue<string>());
        Assert.Equal("Two lines,\nwith a comma", grant["description"]!.GetValue<string>());
        Assert.Equal("EUR", grant["currency"]!.GetValue<string>());
        Assert.Equal(12345.67m, grant["amountAwarded"]!.GetValue<decimal>());
        Assert.Equal(5000m, grant["amountDisbursed"]!.GetValue<decimal>());
        Assert.Equal("2025-03-01", grant["awardDate"]!.GetValue<string>());
        Assert.Equal("2025-04-01", grant["plannedDates"]![0]!["startDate"]!.GetValue<string>());
        Assert.Equal("2026-03-31", grant["plannedDates"]![0]!["endDate"]!.GetValue<string>());
        Assert.Equal($"NL-KVK-{kvk}", grant["fundingOrganization"]![0]!["id"]!.GetValue<string>());
        Assert.Equal(funder.Name, grant["fundingOrganization"]![0]!["name"]!.GetValue<string>());
        Assert.Equal($"{Prefix}-org-{recipient.Id:D}", grant["recipientOrganization"]![0]!["id"]!.GetValue<string>());
        var locations = grant["beneficiaryLocation"]!.AsArray();
        Assert.Equal(published.BeneficiaryNeighbourhoods.Select(n => n.CbsCode).Order(), locations.Select(l => l!["geoCode"]!.GetValue<string>()).Order());
        Assert.Equal(["BU", "WK"], locations.Select(l => l!["geoCodeType"]!.GetValue<string>()).Order());
        Assert.All(locations, l => Assert.Equal("NL", l!["countryCode"]!.GetValue<string>()));
        var classifications = grant["classifications"]!.AsArray().Select(c => (c!["vocabulary"]!.GetValue<string>(), c["code"]!.GetValue<string>())).ToList();
        Assert.Equal(
            [(ThreeSixtyGivingExport.ThemeVocabulary, published.Themes[0].Code), (ThreeSixtyGivingExport.ColumnVocabulary, "Test column"), (ThreeSixtyGivingExport.Iv3Vocabulary, "6.1")],
            classifications);

        // The CSV: the same grants in the same order, under the standard's column titles, quoted where it must be.
        var (header, rows) = await GetCsvAsync();
        foreach (var title in new[] { "Identifier", "Title", "Description", "Currency", "Amount Awarded", "Award Date", "Planned Dates:Start Date", "Recipient Org:Identifier", "Recipient Org:Name", "Funding Org:Identifier", "Funding Org:Name", "Beneficiary Location:0:Geographic Code", "Beneficiary Location:1:Geographic Code Type", "Classifications:2:Code", "Last Modified" })
        {
            Assert.Contains(title, header);
        }

        Assert.Equal(grants.Select(g => g["id"]!.GetValue<string>()), rows.Select(r => r["Identifier"]));
        var row = rows.Single(r => r["Identifier"] == $"{Prefix}-{published.Id:D}");
        Assert.Equal(published.Title, row["Title"]);
        Assert.Equal("Two lines,\nwith a comma", row["Description"]);
        Assert.Equal("12345.67", row["Amount Awarded"]);
        Assert.Equal($"NL-KVK-{kvk}", row["Funding Org:Identifier"]);
        Assert.Equal(published.BeneficiaryNeighbourhoods.Select(n => n.CbsCode).Order().First(), row["Beneficiary Location:0:Geographic Code"]);
    }

    [SkippableFact]
    public async Task Export_validates_against_the_360Giving_package_schema_on_the_demo_and_a_synthetic_set()
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        await NodeTools.EnsureInstalledAsync();

        var demo = await ValidateAsync();
        Assert.True(demo > 0);

        await SyntheticWorld.OfAsync(app(), Synthetic, seed: 360);
        var published = await PublishedIdsAsync();
        Assert.True(published.Count >= demo + 100, $"{published.Count} published grants after the synthetic set");
        Assert.Equal(published.Count, await ValidateAsync());
        var (_, rows) = await GetCsvAsync();
        Assert.Equal(published.Order(), rows.Select(r => r["Identifier"]).Order());
    }

    [SkippableFact]
    public async Task ETag_and_Last_Modified_answer_304_until_the_grants_change()
    {
        using var first = await app().Client.GetAsync(ThreeSixtyGivingEndpoint.JsonPath);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var etag = first.Headers.ETag!;
        var lastModified = first.Content.Headers.LastModified!.Value;
        Assert.False(etag.IsWeak);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var same = await SendAsync(ThreeSixtyGivingEndpoint.JsonPath, r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.NotModified, same.StatusCode);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());
        Assert.Equal(etag, same.Headers.ETag);

        using var since = await SendAsync(ThreeSixtyGivingEndpoint.JsonPath, r => r.Headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.NotModified, since.StatusCode);

        // The CSV is another representation: its own ETag.
        using var csv = await SendAsync(ThreeSixtyGivingEndpoint.CsvPath, r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.NotEqual(etag, csv.Headers.ETag);

        // A newly awarded grant changes both validators; the old ETag gets the whole export again.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(Grant(Organisation(), Organisation(OrganisationKind.Welfare), 99_00, new DateOnly(2025, 5, 5)));
            await db.SaveChangesAsync();
        }

        using var changed = await SendAsync(ThreeSixtyGivingEndpoint.JsonPath, r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        Assert.True(changed.Content.Headers.LastModified > lastModified);
        using var stale = await SendAsync(ThreeSixtyGivingEndpoint.JsonPath, r => r.Headers.IfModifiedSince = lastModified);
        Assert.Equal(HttpStatusCode.OK, stale.StatusCode);
    }

    [SkippableFact]
    public async Task A_corrected_KvK_number_changes_the_ETag_and_reaches_the_export()
    {
        string Kvk() => Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var recipient = Organisation(OrganisationKind.Welfare);
        var wrong = Kvk();
        recipient.Identifiers = [new OrganisationIdentifier { Scheme = "NL-KVK", Value = wrong }];
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(Grant(Organisation(), recipient, 250_00, new DateOnly(2025, 6, 1)));
            await db.SaveChangesAsync();
        }

        using var first = await app().Client.GetAsync(ThreeSixtyGivingEndpoint.JsonPath);
        Assert.Contains(wrong, await first.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var etag = first.Headers.ETag!;

        // Only the identifier row changes: no grant, no organisation, so no data version moves.
        var right = Kvk();
        await using (var db = await app().OpenDbAsync())
        {
            var identifier = await db.OrganisationIdentifiers.SingleAsync(i => i.OrganisationId == recipient.Id);
            identifier.Value = right;
            await db.SaveChangesAsync();
        }

        using var changed = await SendAsync(ThreeSixtyGivingEndpoint.JsonPath, r => r.Headers.IfNoneMatch.Add(etag));
        Assert.Equal(HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);
        var body = await changed.Content.ReadAsStringAsync();
        Assert.Contains(right, body, StringComparison.Ordinal);
        Assert.DoesNotContain(wrong, body, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Pages_run_the_same_statements_whatever_the_number_of_grants()
    {
        await SyntheticWorld.OfAsync(app(), Synthetic, seed: 360);
        var count = (await PublishedIdsAsync()).Count;
        using var statements = await SqlStatements.RecordAsync(app());

        var exported = (await GetJsonAsync())["grants"]!.AsArray().Count;

        // Validators and summary: data versions, identifier count, count with latest change, most locations, most
        // classifications. Then six per page (grants, KvK numbers, themes, places, columns, disbursements), and one
        // more empty read when the last page is full.
        var pages = (count + PageSize - 1) / PageSize;
        Assert.Equal(count, exported);
        Assert.True(pages >= 10, $"{pages} pages");
        Assert.Equal(5 + (6 * pages) + (count % PageSize == 0 ? 1 : 0), statements.All.Count);
    }

    [SkippableFact]
    public async Task The_prefix_is_configurable_and_the_gates_are_those_of_graphql()
    {
        var package = await GetJsonAsync();
        Assert.All(package["grants"]!.AsArray(), g => Assert.StartsWith(Prefix + "-", g!["id"]!.GetValue<string>(), StringComparison.Ordinal));

        // An invalid token is refused as on /graphql, never read as anonymous.
        using var forged = await SendAsync(ThreeSixtyGivingEndpoint.JsonPath, r => r.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token"));
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("UNAUTHENTICATED", JsonNode.Parse(await forged.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());

        if (app().Engine != Engine.Sqlite)
        {
            return;
        }

        // Out of the box: the test prefix, and the anonymous request budget of /graphql.
        await using var plain = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:RateLimits:RequestsPerMinuteAnonymous"] = "2" });
        var defaults = JsonNode.Parse(await plain.Client.GetStringAsync(ThreeSixtyGivingEndpoint.JsonPath))!;
        Assert.All(defaults["grants"]!.AsArray(), g => Assert.StartsWith("360G-infrastructuur-", g!["id"]!.GetValue<string>(), StringComparison.Ordinal));
        using var second = await plain.Client.GetAsync(ThreeSixtyGivingEndpoint.CsvPath);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        using var third = await plain.Client.GetAsync(ThreeSixtyGivingEndpoint.CsvPath);
        Assert.Equal((HttpStatusCode)429, third.StatusCode);
        Assert.NotNull(third.Headers.RetryAfter);
        Assert.Equal("RATE_LIMITED", JsonNode.Parse(await third.Content.ReadAsStringAsync())!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    /// <summary>The export's IDs of the grants the anonymous rule publishes, counted from the rows: awarded, disbursed or settled, and not to a draft initiative.</summary>
    private async Task<List<string>> PublishedIdsAsync()
    {
        await using var db = await app().OpenDbAsync();
        var ids = await db.Grants
            .Where(g => g.Status == GrantStatus.Awarded || g.Status == GrantStatus.Disbursed || g.Status == GrantStatus.Settled)
            .Where(g => g.RecipientInitiativeId == null || g.RecipientInitiative!.Status != InitiativeStatus.Draft)
            .Select(g => g.Id).ToListAsync();
        return [.. ids.Select(id => $"{Prefix}-{id:D}")];
    }

    private async Task<int> ValidateAsync()
    {
        var file = Path.Combine(Path.GetTempPath(), $"360giving-{Guid.NewGuid():N}.json");
        try
        {
            await File.WriteAllTextAsync(file, await app().Client.GetStringAsync(ThreeSixtyGivingEndpoint.JsonPath));
            var (code, output) = await NodeTools.NodeAsync("threesixtygiving.mjs", [file], TimeSpan.FromMinutes(1));
            Assert.True(code == 0, output);
            var match = System.Text.RegularExpressions.Regex.Match(output, @"valid: (\d+) grants, 0 errors");
            Assert.True(match.Success, output);
            return int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            File.Delete(file);
        }
    }

    private async Task<JsonNode> GetJsonAsync()
    {
        using var response = await app().Client.GetAsync(ThreeSixtyGivingEndpoint.JsonPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/json", response.Content.Headers.ContentType!.MediaType);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    private async Task<(string[] Header, List<Dictionary<string, string>> Rows)> GetCsvAsync()
    {
        using var response = await app().Client.GetAsync(ThreeSixtyGivingEndpoint.CsvPath);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var records = ParseCsv(await response.Content.ReadAsStringAsync());
        var header = records[0];
        Assert.All(records, r => Assert.Equal(header.Length, r.Length));
        var rows = records.Skip(1).Select(r => header.Select((h, i) => (h, r[i])).ToDictionary(c => c.h, c => c.Item2)).ToList();
        return (header, rows);
    }

    /// <summary>RFC 4180, written out here so the test does not read the CSV with the code that wrote it: CRLF between records, quotes doubled inside quoted fields.</summary>
    private static List<string[]> ParseCsv(string text)
    {
        Assert.EndsWith("\r\n", text, StringComparison.Ordinal);
        var records = new List<string[]>();
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        var i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                for (i++; !(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')); i++)
                {
                    field.Append(text[i]);
                    i += text[i] == '"' ? 1 : 0;
                }

                i++;
                Assert.True(i == text.Length || text[i] is ',' or '\r', $"text after a closing quote at {i}");
                continue;
            }

            if (text[i] == ',')
            {
                fields.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && text[i + 1] == '\n')
            {
                fields.Add(field.ToString());
                field.Clear();
                records.Add([.. fields]);
                fields.Clear();
                i += 2;
            }
            else
            {
                Assert.False(text[i] is '"' or '\r' or '\n', $"an unquoted {(int)text[i]} at {i}");
                field.Append(text[i]);
                i++;
            }
        }

        return records;
    }

    private async Task<HttpResponseMessage> SendAsync(string path, Action<HttpRequestMessage> configure)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        configure(request);
        return await app().Client.SendAsync(request);
    }
}

/// <summary>An app per engine with the test prefix and small pages.</summary>
public abstract class ThreeSixtyGivingFixture(Engine engine) : IAsyncLifetime
{
    private TestApp? _app;

    public TestApp App
    {
        get
        {
            TestEnvironment.Require(TestApp.Unavailable(engine));
            return _app ?? throw new InvalidOperationException($"The {engine} app did not start.");
        }
    }

    public async Task InitializeAsync()
    {
        if (TestApp.Unavailable(engine) is null)
        {
            _app = await TestApp.StartAsync(engine, ThreeSixtyGivingTests.Settings);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}

public sealed class SqliteThreeSixtyGivingFixture() : ThreeSixtyGivingFixture(Engine.Sqlite);

public sealed class PostgresThreeSixtyGivingFixture() : ThreeSixtyGivingFixture(Engine.Postgres);

public sealed class SqliteThreeSixtyGivingTests(SqliteThreeSixtyGivingFixture fixture) : ThreeSixtyGivingTests(() => fixture.App), IClassFixture<SqliteThreeSixtyGivingFixture>;

public sealed class PostgresThreeSixtyGivingTests(PostgresThreeSixtyGivingFixture fixture) : ThreeSixtyGivingTests(() => fixture.App), IClassFixture<PostgresThreeSixtyGivingFixture>;
