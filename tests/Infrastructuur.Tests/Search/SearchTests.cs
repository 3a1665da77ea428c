using System.Text;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Infrastructuur.Tests.Search;

/// <summary>Query.search on each engine's own full-text index: matching, ranking, paging and the index following writes.</summary>
public abstract class SearchTests(Func<TestApp> app)
{
    private const string Search = """
        query($text: String!, $first: Int, $after: String, $last: Int, $before: String) {
          search(text: $text, first: $first, after: $after, last: $last, before: $before) {
            totalCount
            pageInfo { hasNextPage hasPreviousPage startCursor endCursor }
            edges { cursor node {
              __typename
              ... on Organisation { id name }
              ... on Initiative { id name }
              ... on Activity { id name }
              ... on Programme { id name } } } } }
        """;

    [SkippableFact]
    public async Task Cafe_middellander_finds_the_demo_cafe_whatever_the_case_and_accents()
    {
        foreach (var text in new[] { "cafe middellander", "CAFÉ Middellander", "café middellander" })
        {
            var first = (await SearchAsync(text, first: 5)).First();
            Assert.Equal("Activity", first.Type);
            Assert.Equal(DemoOffering.CafeTitle, first.Name);
        }
    }

    [SkippableFact]
    public async Task Finds_all_four_kinds_and_ranks_a_match_in_the_name_above_one_in_the_description()
    {
        var word = Word();
        await using (var db = await app().OpenDbAsync())
        {
            var (municipality, owner) = await BaseAsync(db);
            db.AddRange(
                new Organisation { Name = $"Stichting {word}", Kind = OrganisationKind.Other },
                new Initiative { Name = $"Initiatief {Word()}", Description = $"Over {word} en meer.", Municipality = municipality },
                new Activity { Name = $"Workshop {word}", MunicipalityId = municipality.Id, ProviderOrganisationId = owner.Id },
                new Programme { Name = $"Programma {Word()}", Description = $"Gaat over {word} en meer.", Municipality = municipality, Owner = owner, StartsOn = new(2025, 1, 1), EndsOn = new(2026, 1, 1) });
            await db.SaveChangesAsync();
        }

        var hits = await SearchAsync(word, first: 10);

        Assert.Equal(["Activity", "Initiative", "Organisation", "Programme"], hits.Select(h => h.Type).Order(StringComparer.Ordinal));
        Assert.Equal(["Activity", "Organisation"], hits.Take(2).Select(h => h.Type).Order(StringComparer.Ordinal));
        Assert.Equal(["Initiative", "Programme"], hits.Skip(2).Select(h => h.Type).Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task The_index_follows_inserts_updates_and_deletes_of_all_four_kinds()
    {
        var (before, after) = (Word(), Word());
        Organisation organisation;
        Initiative initiative;
        Activity activity;
        Programme programme;
        await using (var db = await app().OpenDbAsync())
        {
            var (municipality, owner) = await BaseAsync(db);
            organisation = new Organisation { Name = $"Organisatie {before}", Kind = OrganisationKind.Other };
            initiative = new Initiative { Name = $"Initiatief {before}", Municipality = municipality };
            activity = new Activity { Name = $"Activiteit {before}", MunicipalityId = municipality.Id, ProviderOrganisationId = owner.Id };
            programme = new Programme { Name = $"Programma {before}", Municipality = municipality, Owner = owner, StartsOn = new(2025, 1, 1), EndsOn = new(2026, 1, 1) };
            db.AddRange(organisation, initiative, activity, programme);
            await db.SaveChangesAsync();
        }

        Assert.Equal(4, await CountAsync(before));
        Assert.Equal(0, await CountAsync(after));

        // Updates through EF Core (which refolds the text) and one straight in SQL: the database keeps the index, not our code.
        await using (var db = await app().OpenDbAsync())
        {
            db.AttachRange(organisation, initiative, programme);
            organisation.Name = $"Organisatie {after}";
            initiative.Description = $"Nu over {after}";
            programme.Name = $"Programma {after}";
            await db.SaveChangesAsync();
            await db.Activities.Where(a => a.Id == activity.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.NameKey, $"activiteit {after}").SetProperty(a => a.SearchText, $"activiteit {after}"));
        }

                Assert.Equal(["Initiative"], (await SearchAsync(before, first: 10)).Select(h => h.Type)); // it kept its name
        Assert.Equal(["Activity", "Initiative", "Organisation", "Programme"], (await SearchAsync(after, first: 10)).Select(h => h.Type).Order(StringComparer.Ordinal));

        await using (var db = await app().OpenDbAsync())
        {
            await db.Programmes.Where(p => p.Id == programme.Id).ExecuteDeleteAsync();
            await db.Activities.Where(a => a.Id == activity.Id).ExecuteDeleteAsync();
            db.Attach(organisation);
            db.Attach(initiative);
            db.RemoveRange(organisation, initiative);
            await db.SaveChangesAsync();
        }

        Assert.Equal(0, await CountAsync(before));
        Assert.Equal(0, await CountAsync(after));
    }

    [SkippableFact]
    public async Task Pages_forward_and_backward_through_ranks_and_ties_without_skipping_or_repeating()
    {
        var word = Word();
        await using (var db = await app().OpenDbAsync())
        {
            var (municipality, owner) = await BaseAsync(db);

            // Twelve identical documents (one rank, ordered by ID) and eleven of growing length (eleven other ranks).
            db.AddRange(Enumerable.Range(0, 12).Select(_ => new Activity { Name = $"Gelijk {word}", MunicipalityId = municipality.Id, ProviderOrganisationId = owner.Id }));
            db.AddRange(Enumerable.Range(1, 11).Select(i => new Activity
            {
                Name = $"Anders {Word()}",
                Description = $"{word} {string.Join(' ', Enumerable.Repeat("vulling", i))}",
                MunicipalityId = municipality.Id,
                ProviderOrganisationId = owner.Id,
            }));
            await db.SaveChangesAsync();
        }

        var all = await SearchAsync(word, first: 100);
        Assert.Equal(23, all.Count);
        var ties = all.Where(h => h.Name.StartsWith("Gelijk", StringComparison.Ordinal)).ToList();
        Assert.Equal(ties.Select(h => GlobalId.Decode(h.Id, "Activity").ToString("N")).Order(StringComparer.Ordinal), ties.Select(h => GlobalId.Decode(h.Id, "Activity").ToString("N")));
        Assert.Equal(23, (await app().QueryAsync(Search, new { text = word, first = 1 }, Admin)).AssertOk().Data!["search"]!["totalCount"]!.GetValue<int>());

        var forward = new List<Hit>();
        string? after = null;
        for (var page = 0; page < 10; page++)
        {
            var response = (await app().QueryAsync(Search, new { text = word, first = 5, after }, Admin)).AssertOk();
            var search = response.Data!["search"]!;
            forward.AddRange(Hits(search));
            Assert.Equal(after is not null, search["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            if (!search["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = search["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(all.Select(h => h.Id), forward.Select(h => h.Id));

        var backward = new List<Hit>();
        string? before = null;
        for (var page = 0; page < 10; page++)
        {
            var response = (await app().QueryAsync(Search, new { text = word, last = 5, before }, Admin)).AssertOk();
            var search = response.Data!["search"]!;
            backward.InsertRange(0, Hits(search));
            if (!search["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>())
            {
                break;
            }

            before = search["pageInfo"]!["startCursor"]!.GetValue<string>();
        }

        Assert.Equal(all.Select(h => h.Id), backward.Select(h => h.Id));
    }

    [SkippableFact]
    public async Task Drafts_are_found_only_by_those_who_may_see_them_and_count_for_nobody_else()
    {
        var word = Word();
        await using (var db = await app().OpenDbAsync())
        {
            var (municipality, owner) = await BaseAsync(db);
            var official = new Infrastructuur.Api.Features.People.Person { DisplayName = "Ambtenaar (zoektest)", Subject = $"search-official-{word}" };
            db.AddRange(
                official,
                new Infrastructuur.Api.Features.Access.OfficialAssignment { Municipality = municipality, Person = official },
                new Initiative { Name = $"Concept {word}", Municipality = municipality },
                new Activity { Name = $"Concept {word}", MunicipalityId = municipality.Id, ProviderOrganisationId = owner.Id },
                new Activity { Name = $"Gepubliceerd {word}", Status = ActivityStatus.Active, MunicipalityId = municipality.Id, ProviderOrganisationId = owner.Id });
            await db.SaveChangesAsync();
        }

        var anonymous = await SearchAsync(word, first: 10, token: AnonymousCaller);
        Assert.Equal([$"Gepubliceerd {word}"], anonymous.Select(h => h.Name));
        Assert.Equal(1, await CountAsync(word, token: AnonymousCaller));
        var officialToken = Tokens.Mint($"search-official-{word}", "municipal_official");
        Assert.Equal(3, (await SearchAsync(word, first: 10, token: officialToken)).Count);
        Assert.Equal(3, await CountAsync(word, token: officialToken));
    }

    [SkippableFact]
    public async Task The_last_word_of_three_or_more_letters_matches_the_start_of_a_word()
    {
        Assert.Contains(await SearchAsync("eettafel middel", first: 10), h => h.Name == "Eettafel Middelland (demo)");
        Assert.Contains(await SearchAsync("eettafel MIDDÈL", first: 10), h => h.Name == "Eettafel Middelland (demo)");
        Assert.Empty(await SearchAsync("middel eettafel", first: 10)); // only the last word is a prefix
        Assert.Empty(await SearchAsync("eettafel mi", first: 10)); // too short to expand
    }

    [SkippableFact]
    public async Task Query_syntax_and_sql_in_the_text_are_only_words()
    {
        foreach (var text in new[] { "\"NEAR(cafe* OR middellander)\" -: ^ *", "'; DROP TABLE \"Activities\"; --", "cafe' & !middellander:*", "!!!", "   " })
        {
            var response = (await app().QueryAsync(Search, new { text, first = 5 })).AssertOk();
            Assert.NotNull(response.Data!["search"]!["totalCount"]);
        }

        var empty = (await app().QueryAsync(Search, new { text = "¿¡ — !", first = 5 })).AssertOk().Data!["search"]!;
        Assert.Equal(0, empty["totalCount"]!.GetValue<int>());
        Assert.Empty(empty["edges"]!.AsArray());
        Assert.Equal("Activity", (await SearchAsync("cafe middellander", first: 1)).Single().Type);
    }

    [SkippableFact]
    public async Task Refuses_a_foreign_cursor_and_text_over_the_limits()
    {
        var keyset = (await app().QueryAsync("{ activities(first: 1) { pageInfo { endCursor } } }")).AssertOk().Data!["activities"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        foreach (var cursor in new[] { keyset, "not-a-cursor", Convert.ToBase64String("search\n1\nPerson\n00000000000000000000000000000000"u8.ToArray()) })
        {
            Assert.Equal("BAD_REQUEST", (await app().QueryAsync(Search, new { text = "cafe", first = 5, after = cursor })).FirstErrorCode);
        }

        Assert.Equal("BAD_REQUEST", (await app().QueryAsync(Search, new { text = new string('a', 201), first = 5 })).FirstErrorCode);
        Assert.Equal("BAD_REQUEST", (await app().QueryAsync(Search, new { text = string.Join(' ', Enumerable.Range(0, 11).Select(i => $"w{i}")), first = 5 })).FirstErrorCode);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await app().QueryAsync(Search, new { text = "cafe" })).FirstErrorCode);
    }

    [SkippableFact]
    public async Task A_cursor_carrying_a_rank_or_tampered_with_is_a_bad_request_never_an_internal_error()
    {
        // Issue 11: the old cursors carried the rank; "NaN" there gave INTERNAL. No rank is read from a cursor any more.
        var id = Guid.NewGuid().ToString("N");
        string Old(string rank) => Base64Url(Encoding.UTF8.GetBytes($"search\n{rank}\nActivity\n{id}"));
        var real = (await app().QueryAsync(Search, new { text = "cafe middellander", first = 1 })).AssertOk().Data!["search"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(real.Replace('-', '+').Replace('_', '/').PadRight((real.Length + 3) / 4 * 4, '=')));
        var otherRecord = Base64Url(Encoding.UTF8.GetBytes(decoded[..^32] + id));
        var otherKind = Base64Url(Encoding.UTF8.GetBytes(decoded.Replace("Activity", "Initiative", StringComparison.Ordinal)));
        var flipped = real[..^2] + (real[^2] == 'A' ? 'B' : 'A') + real[^1];
        foreach (var cursor in new[] { Old("NaN"), Old("Infinity"), Old("-Infinity"), Old("1e999"), Old("1"), otherRecord, otherKind, flipped, real + "x", Base64Url("search\nActivity"u8.ToArray()) })
        {
            foreach (var page in new object[] { new { text = "cafe middellander", first = 5, after = cursor }, new { text = "cafe middellander", last = 5, before = cursor } })
            {
                var response = await app().QueryAsync(Search, page);
                Assert.True(response.FirstErrorCode == "BAD_REQUEST", $"{cursor}: {response.Text}");
            }
        }

        // The real cursor still pages, and one from another search only where its record matches that search too.
        (await app().QueryAsync(Search, new { text = "cafe middellander", first = 5, after = real })).AssertOk();
        Assert.Equal("BAD_REQUEST", (await app().QueryAsync(Search, new { text = Word(), first = 5, after = real })).FirstErrorCode);
    }

    [SkippableFact]
    public async Task A_result_keeps_its_cursor_when_hidden_drafts_matching_the_search_are_added()
    {
        // Issue 11: the cursor held the bm25 rank, which moves when rows enter the index — drafts the caller cannot see too.
        var word = Word();
        await using (var db = await app().OpenDbAsync())
        {
            var (municipality, owner) = await BaseAsync(db);
            db.AddRange(Enumerable.Range(1, 2).Select(i => new Activity { Name = $"Gepubliceerd {word} {Word()}", Status = ActivityStatus.Active, MunicipalityId = municipality.Id, ProviderOrganisationId = owner.Id }));
            await db.SaveChangesAsync();
        }

        async Task<(List<string> Cursors, int Total)> AskAsync()
        {
            var search = (await app().QueryAsync(Search, new { text = word, first = 10 })).AssertOk().Data!["search"]!;
            return ([.. search["edges"]!.AsArray().Select(e => e!["cursor"]!.GetValue<string>())], search["totalCount"]!.GetValue<int>());
        }

        var before = await AskAsync();
        await using (var db = await app().OpenDbAsync())
        {
            var (municipality, owner) = await BaseAsync(db);
            db.AddRange(Enumerable.Range(1, 8).Select(i => new Activity { Name = $"Concept {word}", Description = $"{word} {word}", MunicipalityId = municipality.Id, ProviderOrganisationId = owner.Id }));
            await db.SaveChangesAsync();
        }

        var after = await AskAsync();
        Assert.Equal((2, 2), (before.Total, after.Total));
        Assert.Equal(before.Cursors, after.Cursors);

        // Paging from the first result still gives the second, as before the drafts came.
        var next = (await app().QueryAsync(Search, new { text = word, first = 5, after = after.Cursors[0] })).AssertOk().Data!["search"]!;
        Assert.Equal([after.Cursors[1]], next["edges"]!.AsArray().Select(e => e!["cursor"]!.GetValue<string>()));
        Assert.Equal(10, await CountAsync(word));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    [SkippableFact]
    public async Task The_search_migration_rolls_back_and_forward_with_its_index()
    {
        await using var fresh = await FreshDatabase.CreateAsync(app().Engine);
        var db = fresh.Db;
        var migrator = db.GetService<IMigrator>();
        var search = db.Database.GetMigrations().Single(m => m.EndsWith("_Search", StringComparison.Ordinal));
        var before = db.Database.GetMigrations().TakeWhile(m => m != search).Last();
        await db.Database.MigrateAsync();
        await migrator.MigrateAsync(before);
        await migrator.MigrateAsync(search);

        // Rows written after the round trip are found: the index and its triggers or generated columns are back.
        var word = Word();
        var (municipality, owner) = await BaseAsync(db, await db.Municipalities.AnyAsync() ? null : new Municipality { Name = "Terugrol", CbsCode = "GM9998" });
        db.Add(new Activity { Name = $"Terug {word}", Status = ActivityStatus.Active, MunicipalityId = municipality.Id, ProviderOrganisationId = owner.Id });
        await db.SaveChangesAsync();
        var terms = Infrastructuur.Api.Features.Search.SearchTerms.Parse(word)!;
        Assert.Equal(1, await Infrastructuur.Api.Features.Search.SiteSearch.Hits(db, terms, Infrastructuur.Api.Features.Access.Viewer.Anonymous).CountAsync());
    }

    private sealed record Hit(string Type, string Id, string Name);

    /// <summary>A word no other record holds: letters only, so it is one token on both engines.</summary>
    private static string Word() => "zq" + new string([.. Guid.NewGuid().ToString("N")[..12].Select(c => (char)('a' + Convert.ToInt32(c.ToString(), 16)))]);

    private static async Task<(Municipality Municipality, Organisation Owner)> BaseAsync(InfrastructuurDb db, Municipality? created = null)
    {
        var municipality = created ?? await db.Municipalities.SingleAsync(m => m.CbsCode == "GM0599");
        if (created is not null)
        {
            db.Add(created);
        }

        var owner = new Organisation { Name = $"Eigenaar {Word()}", Kind = OrganisationKind.Welfare };
        db.Add(owner);
        return (municipality, owner);
    }

    // The index tests search as an administrator, who sees drafts too; what others see is the visibility test's subject.
    private static readonly string Admin = Tokens.Mint("search-admin", "admin");
    private const string AnonymousCaller = "";

    private async Task<int> CountAsync(string text, string? token = null) =>
        (await app().QueryAsync(Search, new { text, first = 1 }, Caller(token))).AssertOk().Data!["search"]!["totalCount"]!.GetValue<int>();

    private async Task<List<Hit>> SearchAsync(string text, int first, string? token = null) =>
        Hits((await app().QueryAsync(Search, new { text, first }, Caller(token))).AssertOk().Data!["search"]!);

    private static string? Caller(string? token) => token switch { null => Admin, AnonymousCaller => null, _ => token };

    private static List<Hit> Hits(JsonNode search) =>
        [.. search["edges"]!.AsArray().Select(e => e!["node"]!).Select(n => new Hit(
            n["__typename"]!.GetValue<string>(),
            n["id"]!.GetValue<string>(),
            n["name"]!.GetValue<string>()))];
}

public sealed class SqliteSearchTests(SqliteAppFixture fixture) : SearchTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSearchTests(PostgresAppFixture fixture) : SearchTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
