using System.Text.Json.Nodes;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Tests.Infrastructure;
using static Infrastructuur.Tests.Access.AccessWorld;

namespace Infrastructuur.Tests.Access;

/// <summary>
/// The authorization matrix of docs/security.md, generated: every role (in its own scope and in another) against every kind
/// of object, each asked for on every path that leads to it — node(id:), the root by-ID field, nested edges, list
/// membership and totalCount. All paths must give the same answer, and that answer must be the one in the table.
/// </summary>
public abstract class VisibilityMatrixTests(Func<TestApp> app)
{
    // "yes": the viewer sees the object (or the field's value); "-": it is as if it did not exist (null, NOT_FOUND on
    // node(id:) and by-ID roots, absent from lists and counts; personal fields and the register are null).
    // "own" viewers' scope covers the objects; "other" viewers' the same kind of scope elsewhere. The world's fund works
    // in the other municipality, so the other official sees its applications (officials see the funder's municipality).
    private const string Expected = """
        object               | anonymous | resident own | resident other | coordinator own | coordinator other | partner_staff own | partner_staff other | municipal_official own | municipal_official other | admin
        draft activity       | -         | -            | -              | yes             | -                 | -                 | -                   | yes                    | -                        | yes
        published activity   | yes       | yes          | yes            | yes             | yes               | yes               | yes                 | yes                    | yes                      | yes
        draft initiative     | -         | -            | -              | yes             | -                 | -                 | -                   | yes                    | -                        | yes
        applied grant        | -         | -            | -              | yes             | -                 | -                 | -                   | yes                    | yes                      | yes
        awarded grant        | yes       | yes          | yes            | yes             | yes               | yes               | yes                 | yes                    | yes                      | yes
        person contact       | -         | yes          | -              | yes             | -                 | yes               | -                   | yes                    | -                        | yes
        signal               | -         | -            | -              | yes             | -                 | yes               | -                   | yes                    | -                        | yes
        access log           | -         | yes          | -              | -               | -                 | -                 | -                   | -                      | -                        | yes
        shareholder register | -         | -            | -              | -               | -                 | -                 | -                   | yes                    | -                        | yes
        """;

    private static readonly (string[] Viewers, Dictionary<(string Object, string Viewer), bool> Cells) Table = Parse(Expected);

    [SkippableFact]
    public async Task Every_role_sees_every_object_as_the_matrix_says_on_every_path()
    {
        var w = await CreateAsync(app());
        Assert.Equal(Table.Viewers.Order(), w.Viewers.Keys.Order());
        var probes = Probes(w);
        Assert.Equal(Table.Cells.Keys.Select(k => k.Object).Distinct().Order(), probes.Keys.Order());

        var mismatches = new List<string>();
        foreach (var ((obj, viewer), expected) in Table.Cells)
        {
            var response = await app().QueryAsync(probes[obj].Query, probes[obj].Variables(viewer), w.Viewers[viewer]);
            Assert.Equal(200, response.Status);
            var paths = probes[obj].Read(response.Data!, viewer);
            foreach (var (path, seen) in paths.Where(p => p.Visible != expected))
            {
                mismatches.Add($"{obj} × {viewer}: {path} says {(seen ? "visible" : "hidden")}, the matrix says {(expected ? "visible" : "hidden")}");
            }

            // Hidden by-ID lookups answer exactly as for a missing object (NOT_FOUND); nothing else errs.
            var codes = response.Errors?.Select(e => e!["extensions"]!["code"]!.GetValue<string>()).ToList() ?? [];
            if (codes.Any(c => c != "NOT_FOUND") || codes.Count != (expected ? 0 : probes[obj].HiddenNotFounds))
            {
                mismatches.Add($"{obj} × {viewer}: expected {(expected ? 0 : probes[obj].HiddenNotFounds)} NOT_FOUND errors and no other: {response.Text}");
            }
        }

        Assert.True(mismatches.Count == 0, string.Join('\n', mismatches));
    }

    [SkippableFact]
    public async Task Hidden_rows_change_neither_a_list_nor_its_total_count()
    {
        var w = await CreateAsync(app());
        async Task<(int Total, int Listed)> CountAsync(string viewer)
        {
            var response = await app().QueryAsync(
                "query($m: ID!, $f: ID!) { activities(first: 100, filterBy: { municipality: $m }) { totalCount nodes { id } } grants(first: 100, filterBy: { funder: $f }) { totalCount nodes { id } } }",
                new { m = Id(w.Own), f = Id(w.Funder) },
                w.Viewers[viewer]);
            var data = response.AssertOk().Data!;
            return (data["activities"]!["totalCount"]!.GetValue<int>() + data["grants"]!["totalCount"]!.GetValue<int>(),
                data["activities"]!["nodes"]!.AsArray().Count + data["grants"]!["nodes"]!.AsArray().Count);
        }

        // One published activity and one award are public; the draft and the application are there for the scope.
        Assert.Equal((2, 2), await CountAsync("anonymous"));
        Assert.Equal((2, 2), await CountAsync("partner_staff other"));
        Assert.Equal((4, 4), await CountAsync("coordinator own"));
        Assert.Equal((4, 4), await CountAsync("admin"));
    }

    /// <summary>One query that reaches an object on several paths; <paramref name="HiddenNotFounds"/>: the by-ID lookups in it, each NOT_FOUND when hidden.</summary>
    [SkippableFact]
    public async Task A_hidden_row_changes_no_aggregate_and_rows_hanging_off_it_are_hidden_with_it()
    {
        var w = await CreateAsync(app());
        var line = new BudgetLine { FunderId = w.Funder.Id, Year = 2026, Name = $"Lijn {w.Suffix}", Column = "Bewonersinitiatieven", AmountBudgetedCents = 10_000_00 };

        // An award to the draft initiative: awarded, yet hidden with the initiative it goes to.
        var hidden = new Grant { Identifier = $"360G-ACCESS-{w.Suffix}-3", Title = "Verborgen", FunderId = w.Funder.Id, RecipientInitiativeId = w.DraftInitiative.Id, AmountAwardedCents = 700_00, AwardDate = new DateOnly(2026, 4, 1), Status = GrantStatus.Awarded };
        var shown = new Grant { Identifier = $"360G-ACCESS-{w.Suffix}-4", Title = "Zichtbaar", FunderId = w.Funder.Id, RecipientInitiativeId = w.Initiative.Id, AmountAwardedCents = 300_00, AwardDate = new DateOnly(2026, 4, 1), Status = GrantStatus.Awarded };
        await using (var db = await app().OpenDbAsync())
        {
            db.AddRange(line, hidden, shown);
            db.AddRange(new GrantAllocation { GrantId = hidden.Id, BudgetLine = line, AmountCents = 700_00 }, new GrantAllocation { GrantId = shown.Id, BudgetLine = line, AmountCents = 300_00 });
            await db.SaveChangesAsync();
        }

        async Task<(decimal Allocated, int Allocations, int Grants)> AskAsync(string viewer)
        {
            var response = await app().QueryAsync(
                "query($l: ID!, $f: ID!) { node(id: $l) { ... on BudgetLine { amountAllocated grantAllocations(first: 10) { totalCount nodes { grant { id } } } } } grants(first: 100, filterBy: { funder: $f, statuses: [AWARDED] }) { totalCount } }",
                new { l = Id(line), f = Id(w.Funder) },
                w.Viewers[viewer]);
            var data = response.AssertOk().Data!;
            return (data["node"]!["amountAllocated"].Exact(), data["node"]!["grantAllocations"]!["totalCount"]!.GetValue<int>(), data["grants"]!["totalCount"]!.GetValue<int>());
        }

        // The world's award is not on the line; the two new awards are.
        Assert.Equal((300.00m, 1, 2), await AskAsync("anonymous"));
        Assert.Equal((300.00m, 1, 2), await AskAsync("partner_staff own"));
        Assert.Equal((1_000.00m, 2, 3), await AskAsync("coordinator own"));
        Assert.Equal((1_000.00m, 2, 3), await AskAsync("admin"));
    }

    [Fact]
    public void Every_entity_that_can_be_unpublished_or_hangs_off_one_has_a_rule()
    {
        Assert.Equal(
            ["AccessLogEntry", "Activity", "CoalitionMember", "CollaborationParty", "Disbursement", "Grant", "GrantAllocation", "Initiative", "InitiativeCoordinator", "MeetingParticipant", "ReachRecord", "ReinvestmentAllocation", "Signal"],
            Visibility.RuledTypes.Select(t => t.Name).Order(StringComparer.Ordinal));
    }

    private sealed record Probe(string Query, Func<string, object> Variables, Func<JsonNode, string, List<(string Path, bool Visible)>> Read, int HiddenNotFounds = 2);

    private static Dictionary<string, Probe> Probes(AccessWorld w)
    {
        static bool Member(JsonNode? connection, string id) => connection!["nodes"]!.AsArray().Any(n => n!["id"]!.GetValue<string>() == id);

        // A list path: membership, and a totalCount that counts exactly what is listed.
        static IEnumerable<(string, bool)> Listed(string path, JsonNode? connection, string id)
        {
            yield return (path, Member(connection, id));
            var total = connection!["totalCount"]!.GetValue<int>();
            yield return ($"{path}.totalCount", total == connection["nodes"]!.AsArray().Count ? Member(connection, id) : !Member(connection, id));
        }

        List<(string, bool)> ById(JsonNode d, string root) => [("node(id:)", d["node"] is not null), ($"{root}(id:)", d[root] is not null)];

        const string Page = "(first: 100) { totalCount nodes { id } }";
        var draft = Id(w.DraftActivity);
        var published = Id(w.PublishedActivity);
        var application = Id(w.Application);
        var award = Id(w.Award);
        Probe Activity(string id, string providerRoot, string provider) => new(
            $$"""
            query($id: ID!, $buurt: ID!, $m: ID!, $p: ID!) {
              node(id: $id) { id } activity(id: $id) { id }
              neighbourhood(id: $buurt) { activities{{Page}} }
              provider: {{providerRoot}}(id: $p) { activities{{Page}} }
              activities(first: 100, filterBy: { municipality: $m }) { totalCount nodes { id } } }
            """,
            _ => new { id, buurt = Id(w.OwnBuurt), m = Id(w.Own), p = provider },
            (d, _) => [.. ById(d, "activity"), .. Listed("neighbourhood.activities", d["neighbourhood"]!["activities"], id),
                .. Listed($"{providerRoot}.activities", d["provider"]!["activities"], id), .. Listed("activities", d["activities"], id)]);
        Probe Grant(string id) => new(
            $$"""
            query($id: ID!, $i: ID!, $f: ID!) {
              node(id: $id) { id } grant(id: $id) { id }
              initiative(id: $i) { grants{{Page}} }
              organisation(id: $f) { grantsFunded{{Page}} }
              grants(first: 100, filterBy: { funder: $f }) { totalCount nodes { id } } }
            """,
            _ => new { id, i = Id(w.Initiative), f = Id(w.Funder) },
            (d, _) => [.. ById(d, "grant"), .. Listed("initiative.grants", d["initiative"]!["grants"], id),
                .. Listed("organisation.grantsFunded", d["organisation"]!["grantsFunded"], id), .. Listed("grants", d["grants"], id)]);

        // Personal fields: all three shown, or all three null.
        static bool Shown(JsonNode? person, string path, List<(string, bool)> paths)
        {
            var values = new[] { "fullName", "email", "phone" }.Select(f => person![f]).ToList();
            paths.Add((path, values.All(v => v is not null)));
            return values.All(v => v is not null) || values.All(v => v is null);
        }

        var contact = Id(w.Contact);
        var signal = Id(w.Signal);
        var entry = Id(w.LogEntry);
        return new()
        {
            ["draft activity"] = Activity(draft, "initiative", Id(w.Initiative)),
            ["published activity"] = Activity(published, "organisation", Id(w.Host)),
            ["draft initiative"] = new(
                $$"""
                query($id: ID!, $buurt: ID!, $m: ID!) {
                  node(id: $id) { id } initiative(id: $id) { id }
                  neighbourhood(id: $buurt) { initiatives{{Page}} }
                  municipality(id: $m) { initiatives{{Page}} }
                  initiatives(first: 100, filterBy: { municipality: $m }) { totalCount nodes { id } } }
                """,
                _ => new { id = Id(w.DraftInitiative), buurt = Id(w.OwnBuurt), m = Id(w.Own) },
                (d, _) => [.. ById(d, "initiative"), .. Listed("neighbourhood.initiatives", d["neighbourhood"]!["initiatives"], Id(w.DraftInitiative)),
                    .. Listed("municipality.initiatives", d["municipality"]!["initiatives"], Id(w.DraftInitiative)), .. Listed("initiatives", d["initiatives"], Id(w.DraftInitiative))]),
            ["applied grant"] = Grant(application),
            ["awarded grant"] = Grant(award),
            ["person contact"] = new(
                """
                query($id: ID!, $i: ID!) {
                  node(id: $id) { ... on Person { fullName email phone } }
                  initiative(id: $i) { coordinators { person { id fullName email phone } } } }
                """,
                _ => new { id = contact, i = Id(w.Initiative) },
                (d, _) =>
                {
                    var paths = new List<(string, bool)>();
                    var allOrNothing = Shown(d["node"], "node(id:) { fullName email phone }", paths)
                        & Shown(d["initiative"]!["coordinators"]!.AsArray().Single(c => c!["person"]!["id"]!.GetValue<string>() == contact)!["person"], "initiative.coordinators.person", paths);
                    paths.Add(("all three fields alike", allOrNothing ? paths[0].Item2 : !paths[0].Item2));
                    return paths;
                },
                HiddenNotFounds: 0),
            ["signal"] = new(
                """
                query($id: ID!, $m: ID!) {
                  node(id: $id) { ... on Signal { id } } signal(id: $id) { id description }
                  signals(first: 100, filterBy: { municipality: $m }) { totalCount nodes { id } } }
                """,
                _ => new { id = signal, m = Id(w.Own) },
                (d, _) => [.. ById(d, "signal"), .. Listed("signals", d["signals"], signal),
                    ("signal(id:) { description }", d["signal"]?["description"]?.GetValue<string>() == w.SignalText)]),
            ["access log"] = new(
                """
                query($id: ID!, $p: ID!, $admin: Boolean!) {
                  node(id: $id) { id }
                  viewer { accessLog(first: 100) { totalCount nodes { id } } }
                  accessLog(first: 100, filterBy: { person: $p }) @include(if: $admin) { totalCount nodes { id } } }
                """,
                viewer => new { id = entry, p = contact, admin = viewer == "admin" },
                (d, viewer) => [("node(id:)", d["node"] is not null),
                    .. Listed(viewer == "admin" ? "accessLog(filterBy: person)" : "viewer.accessLog", viewer == "admin" ? d["accessLog"] : d["viewer"]!["accessLog"], entry)],
                HiddenNotFounds: 1),
            ["shareholder register"] = new(
                """
                query($c: ID!, $o: ID!) {
                  node(id: $c) { ... on NeighbourhoodCompany { shareholderRegister(first: 10) { totalCount nodes { holder { id } } } } }
                  organisation(id: $o) { neighbourhoodCompany { shareholderRegister(first: 10) { totalCount nodes { holder { id } } } } } }
                """,
                _ => new { c = Id(w.Company), o = GlobalIdOf("Organisation", w.Company.OrganisationId) },
                (d, _) =>
                [
                    ("node(id:).shareholderRegister", Holds(d["node"]!["shareholderRegister"], Id(w.Shareholder))),
                    ("organisation.neighbourhoodCompany.shareholderRegister", Holds(d["organisation"]!["neighbourhoodCompany"]!["shareholderRegister"], Id(w.Shareholder))),
                ],
                HiddenNotFounds: 0),
        };
    }

    private static bool Holds(JsonNode? register, string person) =>
        register is not null && register["nodes"]!.AsArray().Any(n => n!["holder"]!["id"]!.GetValue<string>() == person) && register["totalCount"]!.GetValue<int>() == 1;

    private static string GlobalIdOf(string type, Guid id) => Infrastructuur.Api.GraphQL.GlobalId.Encode(type, id);

    private static (string[] Viewers, Dictionary<(string, string), bool> Cells) Parse(string table)
    {
        var rows = table.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(r => r.Split('|', StringSplitOptions.TrimEntries))
            .ToList();
        var viewers = rows[0][1..];
        var cells = new Dictionary<(string, string), bool>();
        foreach (var row in rows.Skip(1))
        {
            Assert.Equal(viewers.Length + 1, row.Length);
            for (var i = 1; i < row.Length; i++)
            {
                Assert.True(row[i] is "yes" or "-", $"Cell '{row[i]}' in row '{row[0]}' must be 'yes' or '-'.");
                cells[(row[0], viewers[i - 1])] = row[i] == "yes";
            }
        }

        return (viewers, cells);
    }
}

public sealed class SqliteVisibilityMatrixTests(SqliteAppFixture fixture) : VisibilityMatrixTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresVisibilityMatrixTests(PostgresAppFixture fixture) : VisibilityMatrixTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
