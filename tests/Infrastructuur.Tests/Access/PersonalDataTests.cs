using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Access.AccessWorld;

namespace Infrastructuur.Tests.Access;

/// <summary>The access log, the personal-data export, erasure and the viewer: docs/security.md, "Personal data".</summary>
public abstract class PersonalDataTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Reading_personal_data_writes_one_access_log_entry_per_person_and_request_and_public_reads_write_none()
    {
        var w = await CreateAsync(app());
        var official = w.People["municipal_official own"];

        // Public reads, a refused read and a read of another scope leave no entry.
        var publicRead = await app().QueryAsync("query($i: ID!) { initiative(id: $i) { name coordinators { person { displayName } } } }", new { i = Id(w.Initiative) }, w.Viewers["municipal_official own"]);
        publicRead.AssertOk();
        var refused = await app().QueryAsync("query($p: ID!) { node(id: $p) { ... on Person { fullName email } } }", new { p = Id(w.Contact) }, w.Viewers["municipal_official other"]);
        Assert.Null(refused.AssertOk().Data!["node"]!["fullName"]);
        var anonymous = await app().QueryAsync("query($p: ID!) { node(id: $p) { ... on Person { email } } }", new { p = Id(w.Contact) });
        Assert.Null(anonymous.AssertOk().Data!["node"]!["email"]);
        Assert.Empty(await EntriesAsync(w));

        // Two fields of the same person read twice in one request, and one field of another: one entry each.
        var read = await app().QueryAsync(
            """
            query($p: ID!, $i: ID!) {
              node(id: $p) { ... on Person { fullName email } }
              initiative(id: $i) { coordinators { person { id email } } } }
            """,
            new { p = Id(w.Contact), i = Id(w.Initiative) },
            w.Viewers["municipal_official own"]);
        Assert.Equal(w.Contact.Email, read.AssertOk().Data!["node"]!["email"]!.GetValue<string>());

        var entries = await EntriesAsync(w);
        var coordinator = w.People["coordinator own"];
        Assert.Equal(2, entries.Count);
        var aboutContact = entries.Single(e => e.PersonId == w.Contact.Id);
        Assert.Equal("email,fullName", aboutContact.Fields);
        Assert.Equal(official.Subject, aboutContact.ReaderSubject);
        Assert.Equal(Role.MunicipalOfficial, aboutContact.ReaderRole);
        Assert.Equal(official.Id, aboutContact.ReaderPersonId);
        Assert.Equal("email", entries.Single(e => e.PersonId == coordinator.Id).Fields);
        Assert.Single(entries.Select(e => e.RequestId).Distinct());
        Assert.True(DateTime.UtcNow - aboutContact.CreatedAt < TimeSpan.FromMinutes(5));
        Assert.DoesNotContain(entries, e => e.Fields.Contains('@') || e.Fields.Contains(w.Suffix, StringComparison.Ordinal));
    }

    [SkippableFact]
    public async Task The_shareholder_register_logs_each_holder_whose_holding_is_read_and_a_count_logs_nothing()
    {
        var w = await CreateAsync(app());
        const string Register = "query($c: ID!) { node(id: $c) { ... on NeighbourhoodCompany { shareholderRegister(first: 10) { totalCount SELECTION } } } }";
        async Task<System.Text.Json.Nodes.JsonNode?> ReadAsync(string selection, string viewer) =>
            (await app().QueryAsync(Register.Replace("SELECTION", selection, StringComparison.Ordinal), new { c = Id(w.Company) }, w.Viewers[viewer]))
                .AssertOk().Data!["node"]!["shareholderRegister"];

        // Outside the register's readers it is null; counting it reads no one's data; neither is logged.
        Assert.Null(await ReadAsync("nodes { shares }", "municipal_official other"));
        Assert.Equal(1, (await ReadAsync("", "municipal_official own"))!["totalCount"]!.GetValue<int>());
        Assert.Empty(await EntriesAsync(w));

        // A holding read is personal data of its holder, logged by the guard with the fields read.
        var read = await ReadAsync("nodes { shares startsOn }", "municipal_official own");
        Assert.Equal(10, read!["nodes"]![0]!["shares"]!.GetValue<int>());
        var entry = Assert.Single(await EntriesAsync(w));
        Assert.Equal((w.Shareholder.Id, "shares,startsOn"), (entry.PersonId, entry.Fields));
    }

    [SkippableFact]
    public async Task A_person_sees_who_read_their_data_and_an_administrator_sees_the_whole_log_but_nobody_else()
    {
        var w = await CreateAsync(app());
        await app().QueryAsync("query($p: ID!) { node(id: $p) { ... on Person { phone } } }", new { p = Id(w.Contact) }, w.Viewers["partner_staff own"]);

        var own = await app().QueryAsync("{ viewer { accessLog(first: 10) { totalCount nodes { fields readerRole reader { displayName } person { displayName } } } } }", token: w.Viewers["resident own"]);
        var log = own.AssertOk().Data!["viewer"]!["accessLog"]!;
        Assert.Equal(2, log["totalCount"]!.GetValue<int>());
        var newest = log["nodes"]![0]!;
        Assert.Equal(["phone"], newest["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal("PARTNER_STAFF", newest["readerRole"]!.GetValue<string>());
        Assert.Equal("medewerker (test)", newest["reader"]!["displayName"]!.GetValue<string>());

        // Who read it in which request is for administrators: the person sees role and name, not token subjects.
        var subject = await app().QueryAsync("{ viewer { accessLog(first: 1) { nodes { readerSubject } } } }", token: w.Viewers["resident own"]);
        Assert.Equal("FORBIDDEN", subject.FirstErrorCode);

        var admin = await app().QueryAsync("query($p: ID!) { accessLog(first: 10, filterBy: { person: $p }) { totalCount nodes { readerSubject requestId } } }", new { p = Id(w.Contact) }, w.Viewers["admin"]);
        Assert.Equal(2, admin.AssertOk().Data!["accessLog"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(w.People["partner_staff own"].Subject, admin.Data!["accessLog"]!["nodes"]![0]!["readerSubject"]!.GetValue<string>());

        Assert.Equal("UNAUTHENTICATED", (await app().QueryAsync("{ accessLog(first: 1) { totalCount } }")).FirstErrorCode);
        Assert.Equal("FORBIDDEN", (await app().QueryAsync("{ accessLog(first: 1) { totalCount } }", token: w.Viewers["municipal_official own"])).FirstErrorCode);
    }

    [SkippableFact]
    public async Task The_access_log_is_append_only()
    {
        var w = await CreateAsync(app());
        await using var db = await app().OpenDbAsync();
        var entry = await db.AccessLog.SingleAsync(e => e.Id == w.LogEntry.Id);
        entry.Fields = "nothing";
        var changed = await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        Assert.Contains("append-only", changed.Message, StringComparison.Ordinal);

        db.ChangeTracker.Clear();
        db.AccessLog.Remove(await db.AccessLog.SingleAsync(e => e.Id == w.LogEntry.Id));
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        // The only code that writes the log adds entries; no code updates, removes or bulk-changes them.
        var sources = Directory.EnumerateFiles(Path.Combine(TestEnvironment.RepoRoot, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Select(f => (File: f, Text: File.ReadAllText(f)))
            .ToList();
        var writers = sources.Where(s => s.Text.Contains("AccessLog.", StringComparison.Ordinal) && s.Text.Contains("db.AccessLog", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(writers);
        foreach (var (file, text) in sources.Where(s => s.Text.Contains("AccessLog", StringComparison.Ordinal)))
        {
            foreach (var verb in new[] { "AccessLog.Remove", "AccessLog.Update", "AccessLog.Attach", "ExecuteUpdate", "ExecuteDelete", "DELETE FROM \"AccessLog\"", "UPDATE \"AccessLog\"" })
            {
                Assert.False(text.Contains(verb, StringComparison.Ordinal), $"{file} contains {verb}");
            }
        }
    }

    [SkippableFact]
    public async Task The_export_holds_everything_about_the_person_and_its_reading_is_logged()
    {
        var w = await CreateAsync(app());
        var response = await app().QueryAsync(
            """
            { viewer { isAuthenticated role person { displayName }
                personalDataExport { exportedAt person { fullName email phone } coordinatorRoles { role startsOn initiative { name } }
                  employers { name } municipalitiesServed { name } shareholdings { shares shareClass { name } }
                  accessLog(first: 10) { totalCount nodes { fields } } } } }
            """,
            token: w.Viewers["resident own"]);

        var viewer = response.AssertOk().Data!["viewer"]!;
        Assert.True(viewer["isAuthenticated"]!.GetValue<bool>());
        Assert.Equal("RESIDENT", viewer["role"]!.GetValue<string>());
        var export = viewer["personalDataExport"]!;
        Assert.Equal(w.Contact.FullName, export["person"]!["fullName"]!.GetValue<string>());
        Assert.Equal(w.Contact.Phone, export["person"]!["phone"]!.GetValue<string>());
        Assert.Equal(w.Initiative.Name, export["coordinatorRoles"]![0]!["initiative"]!["name"]!.GetValue<string>());
        Assert.Empty(export["shareholdings"]!.AsArray());
        Assert.Equal(1, export["accessLog"]!["totalCount"]!.GetValue<int>());

        await using var db = await app().OpenDbAsync();
        var fields = await db.AccessLog.Where(e => e.PersonId == w.Contact.Id && e.ReaderSubject == w.Contact.Subject).Select(e => e.Fields).SingleAsync();
        // Every personal-data field the export answered, its own sections included, by the one guard.
        Assert.Equal("accessLog,coordinatorRoles,email,employers,exportedAt,fullName,municipalitiesServed,person,personalDataExport,phone,shareholdings", fields);

        var shareholder = await app().QueryAsync("{ viewer { personalDataExport { shareholdings { shares } } } }", token: Tokens.Mint("no-person-" + w.Suffix, "resident"));
        Assert.Null(shareholder.AssertOk().Data!["viewer"]!["personalDataExport"]);
    }

    [SkippableFact]
    public async Task Erasure_pseudonymises_the_person_and_keeps_every_reference()
    {
        var w = await CreateAsync(app());
        await using (var db = await app().OpenDbAsync())
        {
            Assert.True(await PersonErasure.EraseAsync(db, w.Contact.Id, default));
            Assert.True(await PersonErasure.EraseAsync(db, w.Contact.Id, default));
            Assert.False(await PersonErasure.EraseAsync(db, Guid.NewGuid(), default));
        }

        await using (var db = await app().OpenDbAsync())
        {
            var person = await db.People.SingleAsync(p => p.Id == w.Contact.Id);
            Assert.Equal((PersonErasure.ErasedName, null, null, null, null), (person.DisplayName, person.FullName, person.Email, person.Phone, person.Subject));
            Assert.True(await db.InitiativeCoordinators.AnyAsync(c => c.PersonId == w.Contact.Id));
            Assert.True(await db.AccessLog.AnyAsync(e => e.PersonId == w.Contact.Id));
        }

        // The coordinator role is still listed, under the pseudonym; the old sign-in no longer finds a person.
        var response = await app().QueryAsync("query($i: ID!) { initiative(id: $i) { coordinators { person { displayName fullName } } } }", new { i = Id(w.Initiative) }, w.Viewers["admin"]);
        var names = response.AssertOk().Data!["initiative"]!["coordinators"]!.AsArray().Select(c => c!["person"]!["displayName"]!.GetValue<string>()).ToList();
        Assert.Contains(PersonErasure.ErasedName, names);
        Assert.DoesNotContain(w.Contact.FullName!, response.Text, StringComparison.Ordinal);
        var signIn = await app().QueryAsync("{ viewer { person { id } personalDataExport { exportedAt } } }", token: w.Viewers["resident own"]);
        Assert.Null(signIn.AssertOk().Data!["viewer"]!["person"]);
    }

    [SkippableFact]
    public async Task The_viewer_shows_the_callers_own_scopes_and_edit_hints_follow_them()
    {
        var w = await CreateAsync(app());
        const string Query = """
            query($i: ID!, $d: ID!, $a: ID!, $o: ID!) {
              viewer { isAuthenticated role person { displayName } coordinatedInitiatives { name } employers { name } municipalities { name } }
              initiative(id: $i) { viewerCanEdit } draft: initiative(id: $d) { viewerCanEdit }
              activity(id: $a) { viewerCanEdit } organisation(id: $o) { viewerCanEdit } }
            """;
        var variables = new { i = Id(w.Initiative), d = Id(w.DraftInitiative), a = Id(w.PublishedActivity), o = Id(w.Host) };

        async Task<(System.Text.Json.Nodes.JsonNode Viewer, bool? Initiative, bool? Draft, bool Activity, bool Organisation)> AskAsync(string viewer)
        {
            var data = (await app().QueryAsync(Query, variables, w.Viewers[viewer])).Data!;
            return (data["viewer"]!, data["initiative"]?["viewerCanEdit"]?.GetValue<bool>(), data["draft"]?["viewerCanEdit"]?.GetValue<bool>(),
                data["activity"]!["viewerCanEdit"]!.GetValue<bool>(), data["organisation"]!["viewerCanEdit"]!.GetValue<bool>());
        }

        static List<string> Names(System.Text.Json.Nodes.JsonNode? list) => [.. list!.AsArray().Select(n => n!["name"]!.GetValue<string>())];

        var anonymous = await AskAsync("anonymous");
        Assert.False(anonymous.Viewer["isAuthenticated"]!.GetValue<bool>());
        Assert.Equal("ANONYMOUS", anonymous.Viewer["role"]!.GetValue<string>());
        Assert.Null(anonymous.Viewer["person"]);
        Assert.Equal((false, null, false, false), (anonymous.Initiative, anonymous.Draft, anonymous.Activity, anonymous.Organisation));

        var coordinator = await AskAsync("coordinator own");
        Assert.Equal("COORDINATOR", coordinator.Viewer["role"]!.GetValue<string>());
        Assert.Equal([w.DraftInitiative.Name, w.Initiative.Name], Names(coordinator.Viewer["coordinatedInitiatives"]));
        Assert.Empty(Names(coordinator.Viewer["employers"]));
        Assert.Equal((true, true, false, false), (coordinator.Initiative, coordinator.Draft, coordinator.Activity, coordinator.Organisation));

        var partner = await AskAsync("partner_staff own");
        Assert.Equal([w.Host.Name], Names(partner.Viewer["employers"]));
        Assert.Equal((false, null, true, true), (partner.Initiative, partner.Draft, partner.Activity, partner.Organisation));

        var official = await AskAsync("municipal_official own");
        Assert.Equal([w.Own.Name], Names(official.Viewer["municipalities"]));
        Assert.Equal((false, false, false, false), (official.Initiative, official.Draft, official.Activity, official.Organisation));

        var other = await AskAsync("municipal_official other");
        Assert.Equal((false, null, false, false), (other.Initiative, other.Draft, other.Activity, other.Organisation));

        var admin = await AskAsync("admin");
        Assert.Equal("ADMIN", admin.Viewer["role"]!.GetValue<string>());
        Assert.Equal((true, true, true, true), (admin.Initiative, admin.Draft, admin.Activity, admin.Organisation));

        // A scope counts only in the role that uses it: the coordinator signing in as a resident coordinates nothing.
        var asResident = await app().QueryAsync("{ viewer { role coordinatedInitiatives { name } } }", token: Tokens.Mint(w.People["coordinator own"].Subject!, "resident"));
        Assert.Empty(Names(asResident.AssertOk().Data!["viewer"]!["coordinatedInitiatives"]));
    }

    private async Task<List<AccessLogEntry>> EntriesAsync(AccessWorld w)
    {
        await using var db = await app().OpenDbAsync();
        var readers = w.People.Values.Select(p => p.Subject).ToList();
        return await db.AccessLog.AsNoTracking().Where(e => readers.Contains(e.ReaderSubject)).ToListAsync();
    }
}

public sealed class SqlitePersonalDataTests(SqliteAppFixture fixture) : PersonalDataTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresPersonalDataTests(PostgresAppFixture fixture) : PersonalDataTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
