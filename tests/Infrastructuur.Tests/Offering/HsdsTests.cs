using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Hsds;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Volume;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Funding.FundingData;

namespace Infrastructuur.Tests.Offering;

/// <summary>
/// The HSDS 3 API over HTTP, on each engine: every answer valid against HSDS's OpenAPI and schemas (ajv,
/// tests/js/hsds.mjs) on the demo data and a synthetic set; the paging envelope; each filter against rows counted here
/// from the database; hidden rows and people's contact data never out; 404, 400, ETag/304; statements per page that do
/// not grow with the page.
/// </summary>
public abstract class HsdsTests(Func<TestApp> app)
{
    private static readonly SyntheticSize Synthetic = new() { Neighbourhoods = 20, Organisations = 30, Activities = 150, Initiatives = 30, Grants = 10 };

    [SkippableFact]
    public async Task Every_answer_validates_against_the_HSDS_3_OpenAPI_on_the_demo_data_and_a_synthetic_set()
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        await NodeTools.EnsureInstalledAsync();

        Assert.True(await ValidateAsync(await EveryAnswerAsync()) > 100);

        await SyntheticWorld.OfAsync(app(), Synthetic, seed: 3);
        var answers = new List<(string, string)>();
        foreach (var list in new[] { "services?full=true&per_page=100", "service_at_locations?full=true&per_page=100", "organizations?full=true&per_page=100", "taxonomy_terms?per_page=100" })
        {
            for (var page = 1; page <= 2; page++)
            {
                answers.Add((Operation(list), $"{list}&page={page}"));
            }
        }

        Assert.True(await ValidateAsync(answers) > 300);
    }

    [SkippableFact]
    public async Task Pages_carry_the_OpenAPI_envelope_and_together_hold_every_published_activity_once()
    {
        var expected = await PublishedActivityIdsAsync();
        const int perPage = 7;
        var pages = (expected.Count + perPage - 1) / perPage;
        var seen = new List<string>();
        for (var page = 1; page <= pages; page++)
        {
            var body = await OkAsync($"services?per_page={perPage}&page={page}");
            Assert.Equal(expected.Count, body["total_items"]!.GetValue<int>());
            Assert.Equal(pages, body["total_pages"]!.GetValue<int>());
            Assert.Equal(page, body["page_number"]!.GetValue<int>());
            Assert.Equal(page == 1, body["first_page"]!.GetValue<bool>());
            Assert.Equal(page == pages, body["last_page"]!.GetValue<bool>());
            var contents = body["contents"]!.AsArray();
            Assert.Equal(page < pages ? perPage : expected.Count - ((pages - 1) * perPage), contents.Count);
            Assert.Equal(contents.Count, body["size"]!.GetValue<int>());
            Assert.False(body["empty"]!.GetValue<bool>());
            seen.AddRange(contents.Select(c => c!["id"]!.GetValue<string>()));
        }

        Assert.Equal(expected.Order(), seen.Order());

        var beyond = await OkAsync($"services?per_page={perPage}&page={pages + 1}");
        Assert.True(beyond["empty"]!.GetValue<bool>());
        Assert.Equal(0, beyond["size"]!.GetValue<int>());
        Assert.True(beyond["last_page"]!.GetValue<bool>());

        // The default page is 50; per_page runs to 100.
        Assert.Equal(Math.Min(50, expected.Count), (await OkAsync("services"))["size"]!.GetValue<int>());
        Assert.Equal(Math.Min(100, expected.Count), (await OkAsync("services?per_page=100"))["size"]!.GetValue<int>());

        // Organizations: the organisations, then the published initiatives, each once.
        var organizations = new List<string>();
        var total = (await OkAsync("organizations?per_page=1"))["total_items"]!.GetValue<int>();
        for (var page = 1; page <= (total + 9) / 10; page++)
        {
            organizations.AddRange((await OkAsync($"organizations?per_page=10&page={page}"))["contents"]!.AsArray().Select(o => o!["id"]!.GetValue<string>()));
        }

        await using var db = await app().OpenDbAsync();
        var parties = (await db.Organisations.Select(o => o.Id).ToListAsync())
            .Concat(await db.Initiatives.Where(i => i.Status != InitiativeStatus.Draft).Select(i => i.Id).ToListAsync()).Select(id => id.ToString("D")).ToList();
        Assert.Equal(parties.Order(), organizations.Order());
    }

    [SkippableFact]
    public async Task Each_filter_selects_exactly_the_matching_published_services()
    {
        // Whole milliseconds, as the parameter carries it.
        var now = DateTime.UtcNow.AddSeconds(-1);
        var since = now.AddTicks(-(now.Ticks % TimeSpan.TicksPerMillisecond));
        var word = $"zoekwoord{Guid.NewGuid():N}"[..20];
        Organisation provider;
        Initiative initiative, draftInitiative;
        Theme parentTheme, childTheme;
        TargetGroup group;
        Activity byTheme, byChildTheme, byGroup, byInitiative, draft, ofDraftInitiative;
        await using (var db = await app().OpenDbAsync())
        {
            var rotterdam = await RotterdamAsync(db);
            provider = Organisation(OrganisationKind.Welfare);
            initiative = Initiative(rotterdam);
            draftInitiative = Initiative(rotterdam);
            draftInitiative.Status = InitiativeStatus.Draft;
            parentTheme = new Theme { Code = Unique("t")[..30], NameNl = Unique("Thema"), NameEn = "Theme" };
            childTheme = new Theme { Code = Unique("c")[..30], NameNl = Unique("Subthema"), NameEn = "Subtheme", Parent = parentTheme };
            group = new TargetGroup { Code = Unique("g")[..30], NameNl = Unique("Doelgroep"), NameEn = "Group" };
            Activity New(string name, ActivityStatus status = ActivityStatus.Active) => new()
            {
                Name = Unique(name),
                Status = status,
                Municipality = rotterdam,
                ProviderOrganisation = provider,
                Location = new ActivityLocation { Street = "Teststraat", HouseNumber = "1", Postcode = Postcode.Parse("3014 AB"), Place = "Rotterdam" },
            };
            byTheme = New("Thema-activiteit");
            byTheme.Themes = [parentTheme];
            byChildTheme = New("Subthema-activiteit");
            byChildTheme.Themes = [childTheme];
            byChildTheme.Description = $"Met het {word} erin";
            byGroup = New("Doelgroep-activiteit", ActivityStatus.Paused);
            byGroup.TargetGroups = [group];
            byInitiative = New("Initiatief-activiteit");
            byInitiative.ProviderOrganisation = null;
            byInitiative.ProviderInitiative = initiative;
            byInitiative.Themes = [parentTheme];
            draft = New("Concept-activiteit", ActivityStatus.Draft);
            draft.Themes = [parentTheme];
            draft.Description = word;
            ofDraftInitiative = New("Activiteit van een conceptinitiatief");
            ofDraftInitiative.ProviderOrganisation = null;
            ofDraftInitiative.ProviderInitiative = draftInitiative;
            ofDraftInitiative.Themes = [parentTheme];
            ofDraftInitiative.Description = word;
            db.AddRange(byTheme, byChildTheme, byGroup, byInitiative, draft, ofDraftInitiative);
            await db.SaveChangesAsync();
        }

        Assert.Equal(Ids(byTheme, byChildTheme, byInitiative), await ServiceIdsAsync($"services?taxonomy_term_id={parentTheme.Id}"));
        Assert.Equal(Ids(byChildTheme), await ServiceIdsAsync($"services?taxonomy_term_id={childTheme.Id}"));
        Assert.Equal(Ids(byGroup), await ServiceIdsAsync($"services?taxonomy_term_id={group.Id}"));
        Assert.Equal(Ids(byTheme, byChildTheme, byGroup), await ServiceIdsAsync($"services?organization_id={provider.Id}"));
        Assert.Equal(Ids(byInitiative), await ServiceIdsAsync($"services?organization_id={initiative.Id}"));
        Assert.Empty(await ServiceIdsAsync($"services?organization_id={draftInitiative.Id}"));
        Assert.Equal(Ids(byChildTheme), await ServiceIdsAsync($"services?search={word}"));
        Assert.Equal(Ids(byChildTheme), await ServiceIdsAsync($"services?search={word.ToUpperInvariant()}&organization_id={provider.Id}"));
        Assert.Equal(Ids(byTheme, byChildTheme, byGroup), await ServiceIdsAsync($"service_at_locations?organization_id={provider.Id}", "service_id"));

        // modified_after: exactly the published activities changed since, counted from the rows.
        await using (var db = await app().OpenDbAsync())
        {
            var changed = await db.Activities.Where(a => a.ModifiedAt >= since && a.Status != ActivityStatus.Draft)
                .Where(a => a.ProviderInitiativeId == null || a.ProviderInitiative!.Status != InitiativeStatus.Draft).Select(a => a.Id).ToListAsync();
            Assert.Contains(byGroup.Id, changed);
            Assert.Equal(changed.Select(id => id.ToString("D")).Order(), await ServiceIdsAsync($"services?modified_after={since:yyyy-MM-ddTHH:mm:ss.fffZ}"));
            Assert.Empty(await ServiceIdsAsync($"services?modified_after={DateTime.UtcNow.AddDays(1):yyyy-MM-dd}"));

            var withGroups = await db.Activities.Where(a => a.TargetGroups.Any() && a.Status != ActivityStatus.Draft)
                .Where(a => a.ProviderInitiativeId == null || a.ProviderInitiative!.Status != InitiativeStatus.Draft).Select(a => a.Id).ToListAsync();
            Assert.Equal(withGroups.Select(id => id.ToString("D")).Order(), await ServiceIdsAsync($"services?taxonomy_id={HsdsIds.TargetGroupsTaxonomy}"));
        }

        // Hidden rows are absent from every list and 404 by ID, exactly like rows that do not exist.
        foreach (var hidden in new[] { draft, ofDraftInitiative })
        {
            Assert.Equal(404, (await GetAsync($"services/{hidden.Id}")).Status);
            Assert.Equal(404, (await GetAsync($"service_at_locations/{HsdsIds.Of(hidden.Id, HsdsIds.Part.ServiceAtLocation)}")).Status);
        }

        Assert.Equal(404, (await GetAsync($"organizations/{draftInitiative.Id}")).Status);
        var shown = await OkAsync($"services/{byChildTheme.Id}");
        Assert.Equal(byChildTheme.Name, shown["name"]!.GetValue<string>());
        Assert.Equal(provider.Id.ToString("D"), shown["organization"]!["id"]!.GetValue<string>());
        Assert.Contains(shown["attributes"]!.AsArray(), a => a!["taxonomy_term_id"]!.GetValue<string>() == childTheme.Id.ToString("D")
            && a["taxonomy_term"]!["parent_id"]!.GetValue<string>() == parentTheme.Id.ToString("D"));
        Assert.Equal("3014 AB", shown["service_at_locations"]![0]!["location"]!["addresses"]![0]!["postal_code"]!.GetValue<string>());
        Assert.Equal("temporarily closed", (await OkAsync($"services/{byGroup.Id}"))["status"]!.GetValue<string>());
        var place = await OkAsync($"service_at_locations/{HsdsIds.Of(byTheme.Id, HsdsIds.Part.ServiceAtLocation)}");
        Assert.Equal(byTheme.Id.ToString("D"), place["service_id"]!.GetValue<string>());
        Assert.Equal(byTheme.Name, place["service"]!["name"]!.GetValue<string>());

        var organization = await OkAsync($"organizations/{provider.Id}?full_service=true");
        Assert.Equal(Ids(byTheme, byChildTheme, byGroup), organization["services"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).Order().ToList());
        Assert.All(organization["services"]!.AsArray(), s => Assert.NotNull(s!["attributes"]));
        var hosted = await OkAsync($"organizations/{initiative.Id}");
        Assert.Equal(Ids(byInitiative), hosted["services"]!.AsArray().Select(s => s!["id"]!.GetValue<string>()).ToList());
        Assert.Null(hosted["services"]![0]!["attributes"]);

        var terms = await OkAsync($"taxonomy_terms?parent_id={parentTheme.Id}");
        Assert.Equal([childTheme.Id.ToString("D")], terms["contents"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        var groups = await OkAsync($"taxonomy_terms?taxonomy_id={HsdsIds.TargetGroupsTaxonomy}&per_page=100");
        Assert.Contains(group.Id.ToString("D"), groups["contents"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
        Assert.All(groups["contents"]!.AsArray(), t => Assert.Equal(HsdsIds.TargetGroupsTaxonomy.ToString("D"), t!["taxonomy_id"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task No_answer_holds_a_person_s_contact_data()
    {
        await using var db = await app().OpenDbAsync();
        var personal = (await db.People.Select(p => new[] { p.Email, p.Phone, p.FullName }).ToListAsync()).SelectMany(v => v).OfType<string>().Where(v => v.Length > 3).ToList();
        Assert.NotEmpty(personal);
        foreach (var (_, path) in await EveryAnswerAsync())
        {
            var text = (await GetAsync(path)).Text;
            Assert.DoesNotContain("\"contacts\"", text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"phones\"", text, StringComparison.Ordinal);
            Assert.All(personal, value => Assert.DoesNotContain(value, text, StringComparison.Ordinal));
        }
    }

    [SkippableTheory]
    [InlineData("services?per_page=0")]
    [InlineData("services?per_page=101")]
    [InlineData("services?per_page=ten")]
    [InlineData("services?page=0")]
    [InlineData("services?organization_id=not-a-uuid")]
    [InlineData("services?taxonomy_term_id=123")]
    [InlineData("services?modified_after=yesterday")]
    [InlineData("services?modified_after=2026-13-01")]
    [InlineData("services?full=yes")]
    [InlineData("services?postcode=3014AB")]
    [InlineData("services?format=ndjson")]
    [InlineData("services/not-a-uuid")]
    [InlineData("organizations?taxonomy_term_id=0196a3c5-7d9f-7000-8000-000000000000")]
    [InlineData("taxonomy_terms?top_only=1")]
    public async Task A_bad_parameter_is_a_400_in_the_error_shape_of_graphql(string path)
    {
        var response = await GetAsync(path);
        Assert.Equal(400, response.Status);
        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
        Assert.False(string.IsNullOrWhiteSpace(response.Errors![0]!["message"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task An_unknown_id_is_a_404_on_every_endpoint_that_takes_one()
    {
        var unknown = Guid.CreateVersion7();
        foreach (var path in new[] { "services", "organizations", "taxonomies", "taxonomy_terms", "service_at_locations" })
        {
            var response = await GetAsync($"{path}/{unknown}");
            Assert.Equal(404, response.Status);
            Assert.Equal("NOT_FOUND", response.FirstErrorCode);
        }
    }

    [SkippableFact]
    public async Task ETag_answers_304_until_the_data_changes()
    {
        using var first = await app().Client.GetAsync("/hsds/services?per_page=5");
        var etag = first.Headers.ETag!;
        Assert.False(etag.IsWeak);
        Assert.Contains("no-cache", first.Headers.CacheControl!.ToString(), StringComparison.Ordinal);

        using var same = await SendAsync("/hsds/services?per_page=5", etag);
        Assert.Equal(System.Net.HttpStatusCode.NotModified, same.StatusCode);
        Assert.Empty(await same.Content.ReadAsByteArrayAsync());

        // Another page is another representation.
        using var other = await SendAsync("/hsds/services?per_page=6", etag);
        Assert.Equal(System.Net.HttpStatusCode.OK, other.StatusCode);

        await using (var db = await app().OpenDbAsync())
        {
            var activity = await db.Activities.FirstAsync(a => a.Status == ActivityStatus.Active);
            activity.Description = Unique("Changed");
            await db.SaveChangesAsync();
        }

        using var changed = await SendAsync("/hsds/services?per_page=5", etag);
        Assert.Equal(System.Net.HttpStatusCode.OK, changed.StatusCode);
        Assert.NotEqual(etag, changed.Headers.ETag);

        // An invalid token is refused as on /graphql, never read as anonymous.
        using var forged = new HttpRequestMessage(HttpMethod.Get, "/hsds/services");
        forged.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not.a.token");
        var refused = await app().SendAsync(forged);
        Assert.Equal(401, refused.Status);
        Assert.Equal("UNAUTHENTICATED", refused.FirstErrorCode);
    }

    [SkippableFact]
    public async Task A_page_runs_the_same_statements_whatever_its_size_and_number()
    {
        await SyntheticWorld.OfAsync(app(), Synthetic, seed: 3);
        using var statements = await SqlStatements.RecordAsync(app());
        var counts = new List<int>();
        foreach (var path in new[] { "services?full=true&per_page=5", "services?full=true&per_page=50", "services?full=true&per_page=50&page=2", "services?full=true&per_page=100" })
        {
            var before = statements.All.Count;
            var body = await OkAsync(path);
            Assert.True(body["size"]!.GetValue<int>() >= 5);
            counts.Add(statements.All.Count - before);
        }

        // Versions, identifier count, COUNT, the page, two for the providers, themes, target groups, regions, municipalities.
        Assert.All(counts, c => Assert.Equal(10, c));
    }

    private static List<string> Ids(params Activity[] activities) => [.. activities.Select(a => a.Id.ToString("D")).Order()];

    private async Task<List<string>> ServiceIdsAsync(string path, string field = "id")
    {
        var ids = new List<string>();
        for (var page = 1; ; page++)
        {
            var body = await OkAsync($"{path}{(path.Contains('?', StringComparison.Ordinal) ? "&" : "?")}per_page=100&page={page}");
            ids.AddRange(body["contents"]!.AsArray().Select(c => c![field]!.GetValue<string>()));
            if (body["last_page"]!.GetValue<bool>())
            {
                Assert.Equal(body["total_items"]!.GetValue<int>(), ids.Count);
                return [.. ids.Order()];
            }
        }
    }

    /// <summary>The published activities, counted from the rows: not a draft, and not of a draft initiative.</summary>
    private async Task<List<string>> PublishedActivityIdsAsync()
    {
        await using var db = await app().OpenDbAsync();
        var ids = await db.Activities.Where(a => a.Status != ActivityStatus.Draft)
            .Where(a => a.ProviderInitiativeId == null || a.ProviderInitiative!.Status != InitiativeStatus.Draft).Select(a => a.Id).ToListAsync();
        return [.. ids.Select(id => id.ToString("D"))];
    }

    /// <summary>One request per endpoint and form, and one per object of every list, as (OpenAPI operation, path).</summary>
    private async Task<List<(string Operation, string Path)>> EveryAnswerAsync()
    {
        var answers = new List<(string, string)> { ("/", ""), ("/taxonomies", "taxonomies") };
        foreach (var list in new[] { "services", "service_at_locations", "organizations", "taxonomy_terms" })
        {
            answers.Add((Operation(list), $"{list}?per_page=100"));
            if (list != "taxonomy_terms")
            {
                answers.Add((Operation(list), $"{list}?per_page=100&full=true"));
            }

            foreach (var item in (await OkAsync($"{list}?per_page=100"))["contents"]!.AsArray())
            {
                var id = item!["id"]!.GetValue<string>();
                answers.Add(($"/{list}/{{id}}", list == "organizations" ? $"{list}/{id}?full_service=true" : $"{list}/{id}"));
            }
        }

        answers.Add(("/taxonomies/{id}", $"taxonomies/{HsdsIds.ThemesTaxonomy}"));
        return answers;
    }

    private static string Operation(string path) => "/" + path.Split('?')[0];

    /// <summary>Writes every answer to a file and validates them all in one run of tests/js/hsds.mjs; returns the objects validated.</summary>
    private async Task<int> ValidateAsync(IEnumerable<(string Operation, string Path)> answers)
    {
        var folder = Directory.CreateTempSubdirectory("hsds-").FullName;
        try
        {
            var manifest = new JsonArray();
            var i = 0;
            var objects = 0;
            foreach (var (operation, path) in answers)
            {
                var response = await GetAsync(path);
                Assert.True(response.Status == 200, $"{path}: {response.Status} {response.Text}");
                // What the validator must report: every object of a list (or the answer), and every service nested in one.
                var items = response.Body!["contents"] is JsonArray contents ? [.. contents.Select(c => c!)] : new List<JsonNode> { response.Body };
                objects += items.Count + items.Sum(item => (item["services"] as JsonArray)?.Count ?? (item["service"] is null ? 0 : 1));
                var file = Path.Combine(folder, $"{i++}.json");
                await File.WriteAllTextAsync(file, response.Text);
                manifest.Add(new JsonObject { ["operation"] = operation, ["file"] = file });
            }

            var list = Path.Combine(folder, "manifest.json");
            await File.WriteAllTextAsync(list, manifest.ToJsonString());
            var (code, output) = await NodeTools.NodeAsync("hsds.mjs", [list], TimeSpan.FromMinutes(2));
            Assert.True(code == 0, output);
            var match = System.Text.RegularExpressions.Regex.Match(output, @"valid: (\d+) answers, (\d+) objects, 0 errors");
            Assert.True(match.Success, output);
            Assert.Equal(manifest.Count, int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
            Assert.Equal(objects, int.Parse(match.Groups[2].Value, System.Globalization.CultureInfo.InvariantCulture));
            return objects;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<JsonNode> OkAsync(string path)
    {
        var response = await GetAsync(path);
        Assert.True(response.Status == 200, $"{path}: {response.Status} {response.Text}");
        Assert.Equal("application/json", response.MediaType);
        return response.Body!;
    }

    private async Task<GraphQLResponse> GetAsync(string path)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"/hsds/{path}");
        return await app().SendAsync(request);
    }

    private async Task<HttpResponseMessage> SendAsync(string path, EntityTagHeaderValue etag)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.IfNoneMatch.Add(etag);
        return await app().Client.SendAsync(request);
    }
}

public sealed class SqliteHsdsTests(SqliteAppFixture fixture) : HsdsTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresHsdsTests(PostgresAppFixture fixture) : HsdsTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
