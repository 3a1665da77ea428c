using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Tests.Infrastructure;
using Infrastructuur.Tests.Network;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Signals;

public abstract class SignalTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Theme_filter_includes_direct_sub_themes_only()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var onTheme = await AddSignalAsync(w, new DateOnly(2025, 1, 1), w.BuurtA, [w.Theme]);
        var onSub = await AddSignalAsync(w, new DateOnly(2025, 1, 2), w.BuurtA, [w.SubTheme]);
        await AddSignalAsync(w, new DateOnly(2025, 1, 3), w.BuurtA, [w.OtherTheme]);

        var response = await Query(w, """{ themes: [$theme] }""", """{ themes: [$sub] }""", """{ themes: [$sub, $other] }""");

        Assert.Equal([Day(onSub), Day(onTheme)], Days(response, 0));
        Assert.Equal([Day(onSub)], Days(response, 1));
        Assert.Equal(["2025-01-03", Day(onSub)], Days(response, 2));
    }

    [SkippableFact]
    public async Task Neighbourhood_filter_includes_the_regions_inside_it_and_area_filter_its_neighbourhoods()
    {
        var w = await NetworkWorld.CreateAsync(app());
        var inA = await AddSignalAsync(w, new DateOnly(2025, 2, 1), w.BuurtA, [w.Theme]);
        var inB = await AddSignalAsync(w, new DateOnly(2025, 2, 2), w.BuurtB, [w.Theme]);
        var inDistrict = await AddSignalAsync(w, new DateOnly(2025, 2, 3), w.District, [w.Theme]);
        await AddSignalAsync(w, new DateOnly(2025, 2, 4), w.OtherDistrict, [w.Theme]);

        var response = await Query(w, """{ neighbourhood: $district }""", """{ neighbourhood: $buurtA }""", """{ area: $area }""");

        Assert.Equal([Day(inDistrict), Day(inB), Day(inA)], Days(response, 0));
        Assert.Equal([Day(inA)], Days(response, 1));
        Assert.Equal([Day(inA)], Days(response, 2));
    }

    [SkippableFact]
    public async Task Date_range_and_status_filters_are_inclusive_and_the_list_is_newest_first()
    {
        var w = await NetworkWorld.CreateAsync(app());
        await AddSignalAsync(w, new DateOnly(2024, 12, 31), w.BuurtA, [w.Theme]);
        await AddSignalAsync(w, new DateOnly(2025, 1, 1), w.BuurtA, [w.Theme], SignalStatus.Closed);
        await AddSignalAsync(w, new DateOnly(2025, 6, 30), w.BuurtA, [w.Theme], SignalStatus.Discussed);
        await AddSignalAsync(w, new DateOnly(2025, 7, 1), w.BuurtA, [w.Theme]);

        var response = await Query(w, """{ from: "2025-01-01", to: "2025-06-30" }""", """{ statuses: [NEW, DISCUSSED] }""", """{ from: "2025-01-01", statuses: [CLOSED] }""");

        Assert.Equal(["2025-06-30", "2025-01-01"], Days(response, 0));
        Assert.Equal(2, response.Data!["q0"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["2025-07-01", "2025-06-30", "2024-12-31"], Days(response, 1));
        Assert.Equal(3, response.Data["q1"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["2025-01-01"], Days(response, 2));
    }

    [SkippableFact]
    public async Task Signal_exposes_nothing_about_a_person_and_its_description_not_to_anonymous_callers()
    {
        var response = await app().QueryAsync("""{ __type(name: "Signal") { fields { name type { name kind ofType { name ofType { name } } } } } }""");

        response.AssertOk();
        var fields = response.Data!["__type"]!["fields"]!.AsArray();
        Assert.Equal(
            ["description", "discussedAt", "id", "neighbourhood", "observedOn", "reporterKind", "reportingOrganisation", "responses", "status", "targetGroup", "themes", "underlyingTheme", "version"],
            Strings(fields, "name").Order(StringComparer.Ordinal));
        Assert.DoesNotContain(fields, f => f!.ToJsonString().Contains("Person", StringComparison.Ordinal));

        // Who may read a signal is tested under Access; anonymous callers never get one, so never its description.
        var w = await NetworkWorld.CreateAsync(app());
        await AddSignalAsync(w, new DateOnly(2025, 3, 1), w.BuurtA, [w.Theme], reporter: w.OrganisationA.Id);
        var asked = await app().QueryAsync("""query($m: ID!) { signals(first: 10, filterBy: { municipality: $m }) { totalCount nodes { description } } }""", new { m = Id(w.Municipality) });
        Assert.Equal(0, asked.AssertOk().Data!["signals"]!["totalCount"]!.GetValue<int>());
        Assert.DoesNotContain("Gevoelig", asked.Text, StringComparison.Ordinal);
        var admin = await app().QueryAsync("""query($m: ID!) { signals(first: 10, filterBy: { municipality: $m }) { nodes { description } } }""", new { m = Id(w.Municipality) }, Admin);
        Assert.Contains("Gevoelig", admin.AssertOk().Text, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task Reporter_is_an_organisation_by_name_or_an_anonymous_resident()
    {
        var w = await NetworkWorld.CreateAsync(app());
        await AddSignalAsync(w, new DateOnly(2025, 3, 1), w.BuurtA, [w.Theme], reporter: w.OrganisationA.Id);
        await AddSignalAsync(w, new DateOnly(2025, 3, 2), w.BuurtA, [w.Theme]);

        var response = await app().QueryAsync("""
            query($m: ID!) { signals(first: 5, filterBy: { municipality: $m }) { nodes { reporterKind reportingOrganisation { name } } } }
            """, new { m = Id(w.Municipality) }, Admin);

        response.AssertOk();
        var nodes = response.Data!["signals"]!["nodes"]!.AsArray();
        Assert.Equal("RESIDENT", nodes[0]!["reporterKind"]!.GetValue<string>());
        Assert.Null(nodes[0]!["reportingOrganisation"]);
        Assert.Equal("ORGANISATION", nodes[1]!["reporterKind"]!.GetValue<string>());
        Assert.Equal(w.OrganisationA.Name, nodes[1]!["reportingOrganisation"]!["name"]!.GetValue<string>());
        Assert.DoesNotContain("Gevoelig", response.Text, StringComparison.Ordinal);

        // A signal with both (or neither) kinds of reporter is refused by the database itself.
        await using var db = await app().OpenDbAsync();
        db.Add(new Signal { ObservedOn = new DateOnly(2025, 3, 3), NeighbourhoodId = w.BuurtA.Id, MunicipalityId = w.Municipality.Id, ReportedByOrganisationId = w.OrganisationA.Id, ReportedByResident = true });
        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
    }

    [SkippableFact]
    public async Task Demo_signal_chain_reads_from_the_teachers_signal_to_the_collaboration_it_started()
    {
        var response = await app().QueryAsync("""
            { municipality(cbsCode: "GM1930") { id } theme(code: "concentration-problems") { id } }
            """);
        response.AssertOk();
        var chain = await app().QueryAsync("""
            query($m: ID!, $t: ID!) { signals(first: 5, filterBy: { municipality: $m, themes: [$t] }) { totalCount nodes {
                status reporterKind reportingOrganisation { name kind } targetGroup { code } underlyingTheme { code }
                neighbourhood { areas(first: 2) { nodes { name } } }
                discussedAt(first: 5) { nodes { area { name } organiser { name }
                  collaborationsStarted { formality themes { code } parties { ... on Organisation { name } } } } } } } }
            """, new { m = response.Data!["municipality"]!["id"]!.GetValue<string>(), t = response.Data["theme"]!["id"]!.GetValue<string>() }, DemoOfficial);

        chain.AssertOk();
        var signal = chain.Data!["signals"]!["nodes"]![0]!;
        Assert.Equal(1, chain.Data["signals"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("ADDRESSED", signal["status"]!.GetValue<string>());
        Assert.Equal("ORGANISATION", signal["reporterKind"]!.GetValue<string>());
        Assert.Equal("SCHOOL", signal["reportingOrganisation"]!["kind"]!.GetValue<string>());
        Assert.Equal("children-4-12", signal["targetGroup"]!["code"]!.GetValue<string>());
        Assert.Equal(DemoTaxonomy.DebtPoverty, signal["underlyingTheme"]!["code"]!.GetValue<string>());
        var meeting = signal["discussedAt"]!["nodes"]![0]!;
        Assert.Equal(Strings(signal["neighbourhood"]!["areas"]!["nodes"], "name"), [meeting["area"]!["name"]!.GetValue<string>()]);
        Assert.Equal("Gemeente Nissewaard", meeting["organiser"]!["name"]!.GetValue<string>());
        var started = Assert.Single(meeting["collaborationsStarted"]!.AsArray())!;
        Assert.Equal([signal["reportingOrganisation"]!["name"]!.GetValue<string>(), DemoNetwork.NutritionTeam], Strings(started["parties"], "name"));
        Assert.Contains(DemoTaxonomy.HealthyFood, Strings(started["themes"], "code"));
    }

    [SkippableFact]
    public async Task Middelland_signals_reach_anonymous_callers_and_residents_only_as_the_suppressed_count()
    {
        // Issue 11: counts(groupBy: NEIGHBOURHOOD) suppressed Middelland's three residents' signals while signals(filterBy:)
        // listed each with its day, theme and target group. An official serving Rotterdam reads them; nobody else counts them.
        var rotterdamOfficial = await OfficialOfAsync("GM0599");
        var ids = (await app().QueryAsync("""{ neighbourhood(cbsCode: "BU05990325") { id } municipality(cbsCode: "GM0599") { id } }""")).AssertOk().Data!;
        var (middelland, rotterdam) = (ids["neighbourhood"]!["id"]!.GetValue<string>(), ids["municipality"]!["id"]!.GetValue<string>());
        const string Ask = """
            query($n: ID!, $m: ID!) {
              signals(first: 100, filterBy: { neighbourhood: $n }) { totalCount nodes { id observedOn themes { code } targetGroup { code } reporterKind } }
              inMunicipality: signals(first: 100, filterBy: { municipality: $m }) { totalCount nodes { id } }
              counts(of: SIGNALS, groupBy: [NEIGHBOURHOOD], filterBy: { neighbourhood: $n }) { count suppressed } }
            """;

        var seen = (await app().QueryAsync(Ask, new { n = middelland, m = rotterdam }, rotterdamOfficial)).AssertOk().Data!;
        var listed = Strings(seen["signals"]!["nodes"], "id");
        Assert.True(listed.Count >= 3, seen.ToJsonString());
        Assert.Equal(listed.Count, seen["signals"]!["totalCount"]!.GetValue<int>());
        Assert.All(seen["signals"]!["nodes"]!.AsArray(), s => Assert.Equal("RESIDENT", s!["reporterKind"]!.GetValue<string>()));
        Assert.Equal(listed.Count, seen["counts"]!.AsArray().Sum(c => c!["count"]!.GetValue<int>()));

        foreach (var caller in new[] { null, Tokens.Mint($"signals-resident-{Guid.NewGuid():N}", "resident"), await OfficialOfAsync("GM1930") })
        {
            var data = (await app().QueryAsync(Ask, new { n = middelland, m = rotterdam }, caller)).AssertOk().Data!;
            Assert.Equal(0, data["signals"]!["totalCount"]!.GetValue<int>());
            Assert.Empty(data["signals"]!["nodes"]!.AsArray());
            Assert.Equal(0, data["inMunicipality"]!["totalCount"]!.GetValue<int>());
            var cell = Assert.Single(data["counts"]!.AsArray())!;
            Assert.Null(cell["count"]);
            Assert.True(cell["suppressed"]!.GetValue<bool>());

            // By ID the signals answer exactly as signals that do not exist.
            var byId = await app().QueryAsync("""
                query($id: ID!, $ids: [ID!]!) { node(id: $id) { id } signal(id: $id) { id } nodes(ids: $ids) { id } }
                """, new { id = listed[0], ids = listed }, caller);
            Assert.Null(byId.Data!["node"]);
            Assert.Null(byId.Data!["signal"]);
            Assert.All(byId.Data!["nodes"]!.AsArray(), n => Assert.Null(n));
            Assert.All(byId.Errors!, e => Assert.Equal("NOT_FOUND", e!["extensions"]!["code"]!.GetValue<string>()));
        }
    }

    [SkippableFact]
    public async Task A_signal_outside_the_callers_scope_is_on_no_nested_list_either()
    {
        // The demo teachers' signal in Nissewaard, discussed at a network meeting there.
        var ids = (await app().QueryAsync("""{ municipality(cbsCode: "GM1930") { id } theme(code: "concentration-problems") { id } }""")).AssertOk().Data!;
        const string Ask = """
            query($m: ID!, $t: ID!) {
              signals(first: 5, filterBy: { municipality: $m, themes: [$t] }) { totalCount nodes { id } }
              networkMeetings(first: 20, filterBy: { municipality: $m }) { nodes { signalsDiscussed { id } } } }
            """;
        var variables = new { m = ids["municipality"]!["id"]!.GetValue<string>(), t = ids["theme"]!["id"]!.GetValue<string>() };
        static List<string> Discussed(JsonNode data) =>
            [.. data["networkMeetings"]!["nodes"]!.AsArray().SelectMany(m => m!["signalsDiscussed"]!.AsArray()).Select(s => s!["id"]!.GetValue<string>())];

        var official = (await app().QueryAsync(Ask, variables, DemoOfficial)).AssertOk().Data!;
        var signal = Assert.Single(Strings(official["signals"]!["nodes"], "id"));
        Assert.Contains(signal, Discussed(official));

        foreach (var caller in new[] { null, Tokens.Mint($"signals-resident-{Guid.NewGuid():N}", "resident"), await OfficialOfAsync("GM0599") })
        {
            var data = (await app().QueryAsync(Ask, variables, caller)).AssertOk().Data!;
            Assert.Equal(0, data["signals"]!["totalCount"]!.GetValue<int>());
            Assert.Empty(Discussed(data));
        }
    }

    private static readonly string Admin = Tokens.Mint("signals-admin", "admin");

    private static readonly string DemoOfficial = Tokens.Mint("demo-official", "municipal_official");

    /// <summary>A token of a new official serving the municipality with this CBS code.</summary>
    private async Task<string> OfficialOfAsync(string cbsCode)
    {
        var subject = $"signals-official-{Guid.NewGuid():N}";
        await using var db = await app().OpenDbAsync();
        var person = new Infrastructuur.Api.Features.People.Person { DisplayName = "Ambtenaar (signaaltest)", Subject = subject };
        db.AddRange(person, new Infrastructuur.Api.Features.Access.OfficialAssignment { MunicipalityId = (await db.Municipalities.SingleAsync(m => m.CbsCode == cbsCode)).Id, Person = person });
        await db.SaveChangesAsync();
        return Tokens.Mint(subject, "municipal_official");
    }

    private static string Day(Signal s) => s.ObservedOn.ToString("O", System.Globalization.CultureInfo.InvariantCulture);

    private static List<string> Days(GraphQLResponse response, int query) => Strings(response.Data![$"q{query}"]!["nodes"], "observedOn");

    /// <summary>Runs several signal filters at once, each also restricted to the world's municipality.</summary>
    private async Task<GraphQLResponse> Query(NetworkWorld w, params string[] filters)
    {
        var fields = filters.Select((f, i) =>
            $"q{i}: signals(first: 20, filterBy: {{ municipality: $m, {f.Trim().TrimStart('{').TrimEnd('}')} }}) {{ totalCount nodes {{ observedOn }} }}");
        var ids = new Dictionary<string, string>
        {
            ["m"] = Id(w.Municipality), ["theme"] = Id(w.Theme), ["sub"] = Id(w.SubTheme), ["other"] = Id(w.OtherTheme),
            ["district"] = Id(w.District), ["buurtA"] = Id(w.BuurtA), ["area"] = Id(w.Area),
        };

        // GraphQL refuses declared variables a document does not use, so declare only the ones the filters name.
        var used = ids.Where(v => v.Key == "m" || filters.Any(f => f.Contains($"${v.Key}", StringComparison.Ordinal))).ToDictionary();
        var declared = string.Join(", ", used.Keys.Select(k => $"${k}: ID!"));
        var response = await app().QueryAsync($"query({declared}) {{ {string.Join(' ', fields)} }}", used, Admin);
        return response.AssertOk();
    }

    private async Task<Signal> AddSignalAsync(NetworkWorld w, DateOnly observedOn, Neighbourhood place, Theme[] themes, SignalStatus status = SignalStatus.New, Guid? reporter = null)
    {
        await using var db = await app().OpenDbAsync();
        var signal = new Signal
        {
            ObservedOn = observedOn,
            NeighbourhoodId = place.Id,
            MunicipalityId = w.Municipality.Id,
            Themes = await Find<Theme>(db, themes),
            ReportedByOrganisationId = reporter,
            ReportedByResident = reporter is null,
            Description = "Gevoelig (test).",
            Status = status,
        };
        db.Add(signal);
        await db.SaveChangesAsync();
        return signal;
    }
}

public sealed class SqliteSignalTests(SqliteAppFixture fixture) : SignalTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSignalTests(PostgresAppFixture fixture) : SignalTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
