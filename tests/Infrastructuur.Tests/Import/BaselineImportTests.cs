using System.IO.Compression;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Import;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Hosting;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Infrastructuur.Tests.Import;

/// <summary>
/// The baseline import (issue 16) through both entrances, the upload over real HTTP with real tokens and the command
/// with the app's own database settings: each test imports into a municipality of its own, so nothing another test does
/// can change what it counts.
/// </summary>
public abstract class BaselineImportTests(Func<TestApp> app)
{
    private static readonly string Folder = Path.Combine(TestEnvironment.RepoRoot, "tests", "Infrastructuur.Tests", "Import");

    [SkippableFact]
    public async Task The_hsds_example_package_imports_through_the_command_and_again_changes_nothing()
    {
        var w = await World.CreateAsync(app());
        var package = Path.Combine(Folder, "hsds-example");

        Assert.Equal(0, await CommandAsync("import", "baseline", package, "--municipality", w.Code));

        await using var db = await app().OpenDbAsync();
        var activity = await db.Activities.AsNoTracking().Include(a => a.ProviderOrganisation).Include(a => a.Neighbourhoods)
            .SingleAsync(a => a.MunicipalityId == w.Municipality);
        Assert.Equal(Guid.Parse("ac148810-d857-441c-9679-408f346de14b"), activity.Id); // the HSDS service id is the stable key
        Assert.Equal(("Community Counselling", "Example Organization Inc.", "email@example.com"), (activity.Name, activity.ProviderOrganisation!.Name, activity.ProviderOrganisation.Email));
        Assert.Equal((12, 100), (activity.MinimumAge, activity.MaximumAge));
        Assert.Equal((Api.Features.Activities.ScheduleKind.Recurring, Api.Features.Activities.Weekday.Thursday), (activity.Schedule.Kind, activity.Schedule.Weekday));
        Assert.Equal((new TimeOnly(10, 0), new TimeOnly(18, 0)), (activity.Schedule.StartTime, activity.Schedule.EndTime));
        Assert.Equal(["ur"], activity.Languages);
        Assert.Equal("MyCity", activity.Location!.Place);
        Assert.Empty(activity.Neighbourhoods); // the example's service area is free text, reported as a warning

        var history = await db.ChangeRecords.CountAsync(c => c.EntityId == activity.Id && c.Mutation == "importBaseline");
        Assert.Equal(1, history);

        // The same package by upload (zipped), as the municipality's official: nothing changes the second time.
        var report = await UploadAsync(w, Zip(package), "application/zip", w.Official);
        Assert.Equal(200, report.Status);
        Assert.Equal((0, 0, 1, true), (Int(report, "created"), Int(report, "updated"), Int(report, "unchanged"), report.Body!["written"]!.GetValue<bool>()));
        Assert.Contains(report.Body!["problems"]!.AsArray(), p => p!["code"]!.GetValue<string>() == "NotImported" && p["file"]!.GetValue<string>() == "services.csv" && p["row"]!.GetValue<int>() == 2);
        Assert.Equal(history, await db.ChangeRecords.CountAsync(c => c.EntityId == activity.Id));
    }

    [SkippableFact]
    public async Task A_template_with_errors_names_each_bad_row_and_writes_nothing()
    {
        var w = await World.CreateAsync(app());
        var report = await UploadAsync(w, w.File("baseline-errors.csv"), "text/csv", w.Official, language: "nl");

        Assert.Equal(422, report.Status);
        Assert.False(report.Body!["written"]!.GetValue<bool>());
        var problems = report.Body["problems"]!.AsArray().Select(p => (Row: p!["row"]!.GetValue<int>(), Column: p["column"]!.GetValue<string>(), Code: p["code"]!.GetValue<string>(), Message: p["message"]!.GetValue<string>())).ToList();
        Assert.Contains(problems, p => p is { Row: 3, Column: "themas", Code: "UnknownTheme" } && p.Message.Contains("flying-lessons", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Row: 4, Column: "buurten", Code: "UnknownNeighbourhood" } && p.Message.Contains("BU99999999", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Row: 5, Column: "begindatum", Code: "BadDate" } && p.Message.StartsWith("\"31-02-2027\" is geen datum", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Row: 6, Code: "DuplicateRow" } && p.Message.Contains("rij 2", StringComparison.Ordinal));
        Assert.Contains(problems, p => p is { Row: 7, Column: "organisatie", Code: "Required" });
        Assert.DoesNotContain(problems, p => p.Row == 2);

        await using var db = await app().OpenDbAsync();
        Assert.Equal(0, await db.Activities.CountAsync(a => a.MunicipalityId == w.Municipality));
        Assert.False(await db.OrganisationIdentifiers.AnyAsync(i => i.Value == w.Kvk));

        // The same errors from the command, in English, with exit code 1.
        Assert.Equal(1, await CommandAsync("import", "baseline", await w.FileOnDiskAsync("baseline-errors.csv"), "--municipality", w.Code));
        Assert.Equal(0, await db.Activities.CountAsync(a => a.MunicipalityId == w.Municipality));
    }

    [SkippableFact]
    public async Task The_good_file_imports_a_dry_run_writes_nothing_and_importing_it_twice_changes_nothing()
    {
        var w = await World.CreateAsync(app());
        var dry = await UploadAsync(w, w.File("baseline-good.csv"), "text/csv", w.Official, dryRun: true);
        Assert.Equal(200, dry.Status);
        Assert.Equal((3, false), (Int(dry, "created"), dry.Body!["written"]!.GetValue<bool>()));
        await using var db = await app().OpenDbAsync();
        Assert.Equal(0, await db.Activities.CountAsync(a => a.MunicipalityId == w.Municipality));

        var first = await UploadAsync(w, w.File("baseline-good.csv"), "text/csv", w.Official);
        Assert.Equal(200, first.Status);
        Assert.Equal((3, 0, 0, 2), (Int(first, "created"), Int(first, "updated"), Int(first, "unchanged"), Int(first, "organisationsCreated")));
        var club = await db.Activities.AsNoTracking().Include(a => a.Themes).Include(a => a.TargetGroups).Include(a => a.ProviderOrganisation).ThenInclude(o => o!.Identifiers)
            .SingleAsync(a => a.MunicipalityId == w.Municipality && a.Name == "Beweegclub 55+");
        Assert.Equal((250L, "per keer", 20, 55), (club.Cost!.FeeCents!.Value, club.Cost.FeeDescription, club.Capacity!.Value, club.MinimumAge!.Value));
        Assert.Equal((new DateOnly(2027, 1, 5), new DateOnly(2027, 12, 31), Api.Features.Activities.Weekday.Tuesday), (club.Schedule.StartsOn!.Value, club.Schedule.EndsOn!.Value, club.Schedule.Weekday!.Value));
        Assert.Equal(["healthy-families"], club.Themes.Select(t => t.Code));
        Assert.Equal(["older-people"], club.TargetGroups.Select(t => t.Code));
        Assert.Equal(w.Kvk, club.ProviderOrganisation!.Identifiers.Single().Value);
        var walk = await db.Activities.AsNoTracking().Include(a => a.Neighbourhoods).SingleAsync(a => a.MunicipalityId == w.Municipality && a.Name == "Wandelgroep");
        Assert.Equal(["Noord", "Zuid"], walk.Neighbourhoods.Select(n => n.Name).Order());
        var versions = await Versions(db, w);
        var history = await db.ChangeRecords.CountAsync();

        var second = await UploadAsync(w, w.File("baseline-good.csv"), "text/csv", w.Official);
        Assert.Equal((0, 0, 3, 0, 0), (Int(second, "created"), Int(second, "updated"), Int(second, "unchanged"), Int(second, "organisationsCreated"), Int(second, "organisationsUpdated")));
        Assert.Equal(versions, await Versions(db, w));
        Assert.Equal(history, await db.ChangeRecords.CountAsync());

        // Next year's file changes one description: that activity is updated, in place, and the change is in its history.
        var changed = w.File("baseline-good.csv").Replace("Samen wandelen door de wijk.", "Samen wandelen, nu ook op zaterdag.", StringComparison.Ordinal);
        var third = await UploadAsync(w, changed, "text/csv", w.Official);
        Assert.Equal((0, 1, 2), (Int(third, "created"), Int(third, "updated"), Int(third, "unchanged")));
        var record = await db.ChangeRecords.SingleAsync(c => c.EntityId == walk.Id && c.Field == "Description");
        Assert.Equal(("Samen wandelen, nu ook op zaterdag.", "importBaseline", w.OfficialSubject), (record.NewValue, record.Mutation, record.ChangedBySubject));
    }

    [SkippableFact]
    public async Task A_multipart_form_with_one_file_imports_like_the_bare_body_and_a_file_over_the_limit_is_413()
    {
        var w = await World.CreateAsync(app());
        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(w.File("baseline-good.csv")));
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "nulmeting.csv");
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ImportEndpoint.Path}?municipality={w.Code}&dryRun=true") { Content = form };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", w.Official);

        var report = await app().SendAsync(request);

        Assert.Equal(200, report.Status);
        Assert.Equal((3, false), (Int(report, "created"), report.Body!["written"]!.GetValue<bool>()));

        // The upload has its own size limit (Import:MaxUploadBytes); a larger file is refused before it is read.
        await using var small = await TestApp.StartAsync(app().Engine, new Dictionary<string, string?> { ["Import:MaxUploadBytes"] = "64" });
        using var tooLarge = new HttpRequestMessage(HttpMethod.Post, $"{ImportEndpoint.Path}?municipality=GM1930&dryRun=true") // a demo municipality: the app is fresh
        {
            Content = new ByteArrayContent(System.Text.Encoding.UTF8.GetBytes(w.File("baseline-good.csv"))) { Headers = { ContentType = new MediaTypeHeaderValue("text/csv") } },
        };
        tooLarge.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint("demo-admin", "admin"));
        var refused = await small.SendAsync(tooLarge);
        Assert.Equal((413, "BAD_REQUEST"), (refused.Status, refused.FirstErrorCode));
    }

    [SkippableFact]
    public async Task Export_then_import_is_identity_in_csv_and_xlsx()
    {
        var w = await World.CreateAsync(app());
        Assert.Equal(200, (await UploadAsync(w, w.File("baseline-good.csv"), "text/csv", w.Official)).Status);
        await using var db = await app().OpenDbAsync();
        var versions = await Versions(db, w);
        var folder = Directory.CreateTempSubdirectory("infra-export-").FullName;
        try
        {
            foreach (var file in new[] { "inventory.csv", "inventory.xlsx" })
            {
                var path = Path.Combine(folder, file);
                Assert.Equal(0, await CommandAsync("export", "baseline", "--municipality", w.Code, path));
                var report = await UploadAsync(w, await File.ReadAllBytesAsync(path), file.EndsWith(".csv", StringComparison.Ordinal) ? "text/csv" : "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", w.Official);
                Assert.Equal((200, 0, 0, 3), (report.Status, Int(report, "created"), Int(report, "updated"), Int(report, "unchanged")));
            }

            // Exported again, the file is the same byte for byte; the records kept their versions.
            var again = Path.Combine(folder, "again.csv");
            Assert.Equal(0, await CommandAsync("export", "baseline", "--municipality", w.Code, again));
            Assert.Equal(await File.ReadAllTextAsync(Path.Combine(folder, "inventory.csv")), await File.ReadAllTextAsync(again));
            Assert.Equal(versions, await Versions(db, w));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [SkippableFact]
    public async Task Anonymous_callers_other_roles_and_officials_of_another_municipality_are_refused()
    {
        var w = await World.CreateAsync(app());
        var file = w.File("baseline-good.csv");

        var anonymous = await UploadAsync(w, file, "text/csv", token: null);
        Assert.Equal((401, "UNAUTHENTICATED"), (anonymous.Status, anonymous.FirstErrorCode));
        var resident = await UploadAsync(w, file, "text/csv", Tokens.Mint("import-resident", "resident"));
        Assert.Equal((403, "FORBIDDEN"), (resident.Status, resident.FirstErrorCode));
        var other = await UploadAsync(w, file, "text/csv", Tokens.Mint("demo-official", "municipal_official")); // serves Nissewaard, not this one
        Assert.Equal((403, "FORBIDDEN"), (other.Status, other.FirstErrorCode));
        var unknown = await UploadAsync(w with { Code = "GM0000" }, file, "text/csv", w.Official);
        Assert.Equal((404, "NOT_FOUND"), (unknown.Status, unknown.FirstErrorCode));
        var forged = await UploadAsync(w, file, "text/csv", Tokens.Mint(w.OfficialSubject, "municipal_official", key: "another-key-of-at-least-thirty-two-bytes!!"u8.ToArray()));
        Assert.Equal((401, "UNAUTHENTICATED"), (forged.Status, forged.FirstErrorCode));

        await using var db = await app().OpenDbAsync();
        Assert.Equal(0, await db.Activities.CountAsync(a => a.MunicipalityId == w.Municipality));

        var admin = await UploadAsync(w, file, "text/csv", Tokens.Mint("demo-admin", "admin"), dryRun: true);
        Assert.Equal(200, admin.Status);
    }

    private static int Int(GraphQLResponse report, string field) => report.Body![field]!.GetValue<int>();

    private static async Task<Dictionary<Guid, int>> Versions(Api.Data.InfrastructuurDb db, World w) =>
        await db.Activities.AsNoTracking().Where(a => a.MunicipalityId == w.Municipality).ToDictionaryAsync(a => a.Id, a => a.Version);

    private async Task<GraphQLResponse> UploadAsync(World w, string text, string contentType, string? token, bool dryRun = false, string? language = null) =>
        await UploadAsync(w, System.Text.Encoding.UTF8.GetBytes(text), contentType, token, dryRun, language);

    private async Task<GraphQLResponse> UploadAsync(World w, byte[] body, string contentType, string? token, bool dryRun = false, string? language = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{ImportEndpoint.Path}?municipality={w.Code}{(dryRun ? "&dryRun=true" : string.Empty)}")
        {
            Content = new ByteArrayContent(body) { Headers = { ContentType = new MediaTypeHeaderValue(contentType) } },
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (language is not null)
        {
            request.Headers.AcceptLanguage.ParseAdd(language);
        }

        return await app().SendAsync(request);
    }

    /// <summary>The real command, against the test app's own database.</summary>
    private async Task<int> CommandAsync(params string[] args)
    {
        var config = app().Services.GetRequiredService<IConfiguration>();
        string[] database = app().Engine == Engine.Sqlite
            ? ["--Database:Provider", "Sqlite", "--Database:SqlitePath", config["Database:SqlitePath"]!]
            : ["--Database:Provider", "Postgres", "--Database:PostgresConnectionString", config["Database:PostgresConnectionString"]!];
        return await ImportCommands.RunAsync([.. args, .. database, "--Logging:LogLevel:Default", "Warning"], TextWriter.Null) ?? -1;
    }

    private static byte[] Zip(string folder)
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var file in Directory.GetFiles(folder))
            {
                zip.CreateEntryFromFile(file, Path.GetFileName(file));
            }
        }

        return buffer.ToArray();
    }

    /// <summary>A municipality of the test's own with two neighbourhoods (one with a CBS code) and an official who serves it.</summary>
    private sealed record World(string Code, Guid Municipality, string NoordCode, string Kvk, string OfficialSubject, string Official)
    {
        public static async Task<World> CreateAsync(TestApp app)
        {
            var number = Random.Shared.Next(9000, 9999);
            var code = $"GM{number}";
            await using var db = await app.OpenDbAsync();
            while (await db.Municipalities.AnyAsync(m => m.CbsCode == code))
            {
                number = Random.Shared.Next(9000, 9999);
                code = $"GM{number}";
            }

            var municipality = new Municipality { Name = $"Testgemeente {number}", CbsCode = code };
            var noord = $"BU{number}0001";
            db.Add(municipality);
            db.Add(new Neighbourhood { Name = "Noord", Level = RegionLevel.Neighbourhood, CbsCode = noord, CbsCodeYear = 2024, Municipality = municipality });
            db.Add(new Neighbourhood { Name = "Zuid", Level = RegionLevel.Neighbourhood, Municipality = municipality });
            var subject = $"import-official-{number}-{Guid.NewGuid():N}";
            var person = new Person { DisplayName = "Ambtenaar (test)", Subject = subject };
            db.Add(person);
            db.Add(new OfficialAssignment { Person = person, Municipality = municipality });
            await db.SaveChangesAsync();
            var kvk = Random.Shared.Next(10_000_000, 99_999_999).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return new World(code, municipality.Id, noord, kvk, subject, Tokens.Mint(subject, "municipal_official"));
        }

        /// <summary>A template file of this folder with the world's codes filled in (organisation names too: a name matches across municipalities).</summary>
        public string File(string name) =>
            System.IO.File.ReadAllText(Path.Combine(Folder, name)).Replace("{{KVK}}", Kvk, StringComparison.Ordinal).Replace("{{NOORD}}", NoordCode, StringComparison.Ordinal)
                .Replace("{{N}}", Code, StringComparison.Ordinal);

        public async Task<string> FileOnDiskAsync(string name)
        {
            var path = Path.Combine(Path.GetTempPath(), $"{Code}-{name}");
            await System.IO.File.WriteAllTextAsync(path, File(name));
            return path;
        }
    }
}

public sealed class SqliteBaselineImportTests(SqliteAppFixture fixture) : BaselineImportTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresBaselineImportTests(PostgresAppFixture fixture) : BaselineImportTests(() => fixture.App), IClassFixture<PostgresAppFixture>;

public sealed class ImportMessageTests
{
    [Fact]
    public void Every_import_problem_code_has_an_english_and_a_dutch_message() => Assert.Empty(ImportMessages.Missing());
}
