using System.Text.Json.Nodes;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Tests.Infrastructure;
using static Infrastructuur.Tests.Dashboards.DashboardWorld;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// Every dashboard figure against the hand-built <see cref="DashboardWorld"/>; the expected numbers are worked out by hand
/// from the fixture (see the world's summary), never by the code under test.
/// </summary>
public abstract class DashboardTests(Func<TestApp> app)
{
    private const string Figures = "activities providers organisationProviders initiativeProviders capacity activitiesWithCapacity reach verifiedActivities verifiedShare";

    [SkippableFact]
    public async Task Baseline_counts_what_ran_per_theme_and_group_with_sub_themes_rolled_up()
    {
        var w = await DashboardWorld.CreateAsync(app());

        var d = await w.DashboardAsync(app(), $"baseline {{ totals {{ {Figures} }} cells {{ theme {{ name }} targetGroup {{ name }} figures {{ {Figures} }} }} }}");

        // Ran in 2025: X1 (spans 2025–2026), X2 (weekly since 2024), X3 (ended in March), X5 (paused, one-off in May);
        // never X4 (a draft) nor X6 (2026). Providers O1, I1, O2, O3. Capacity 20 + 10 + 15 (X3 has none).
        // Verified from 2024-12-31 to 2025-12-31: X1 and X5. Reach: X1's 30 (Sept–Dec) and X3's 12 (Dec 2024–Jan 2025).
        Assert.Equal("4 4 3 1 45 3 42 2 0.5", Line(d["baseline"]!["totals"]!));
        var cells = d["baseline"]!["cells"]!.AsArray().ToDictionary(c => $"{Short(Name(c!["theme"]))}/{Short(Name(c!["targetGroup"]))}", c => Line(c!["figures"]!));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["T/G"] = "3 3 2 1 45 3 30 2 0.6666666666666666",   // X1 (via TS, GS), X2, X5 (via GS)
                ["T/GS"] = "2 2 2 0 35 2 30 2 1",                   // X1, X5
                ["TS/G"] = "1 1 1 0 20 1 30 1 1",                   // X1
                ["TS/GS"] = "1 1 1 0 20 1 30 1 1",                  // X1
                ["U/H"] = "1 1 1 0 0 0 12 0 0",                     // X3
            },
            cells);
    }

    [SkippableFact]
    public async Task An_activity_spanning_two_years_counts_in_both_and_the_sub_theme_tag_is_not_counted_twice()
    {
        var w = await DashboardWorld.CreateAsync(app());

        var d = await w.DashboardAsync(app(), $"baseline {{ totals {{ {Figures} }} cells {{ theme {{ name }} targetGroup {{ name }} figures {{ activities capacity reach }} }} }}", "2026-01-01", "2026-12-31");

        // 2026: X1 (until June), X2, X6. Providers O1 (twice) and I1. Reach: X1's 40 for January–June (no group: counts for
        // each of X1's groups). X6 is tagged T and TS but counts once under T.
        Assert.Equal("3 2 1 1 35 3 40 0 0", Line(d["baseline"]!["totals"]!));
        var cells = d["baseline"]!["cells"]!.AsArray().ToDictionary(c => $"{Short(Name(c!["theme"]))}/{Short(Name(c!["targetGroup"]))}", c => Line(c!["figures"]!));
        Assert.Equal(
            new Dictionary<string, string>
            {
                ["T/G"] = "3 35 40",
                ["T/GS"] = "1 20 40",
                ["TS/G"] = "2 25 40",
                ["TS/GS"] = "1 20 40",
            },
            cells);
    }

    [SkippableFact]
    public async Task Overlaps_list_cells_with_two_or_more_distinct_providers_by_name()
    {
        var w = await DashboardWorld.CreateAsync(app());

        var d = await w.DashboardAsync(app(), "baseline { overlapCount overlaps(first: 10) { theme { name } targetGroup { name } neighbourhood { name } activities providerCount providers { ... on Organisation { name } ... on Initiative { name } } } }");

        Assert.Equal(2, d["baseline"]!["overlapCount"]!.GetValue<int>());
        var overlaps = d["baseline"]!["overlaps"]!.AsArray().Select(o => $"{Short(Name(o!["theme"]))}/{Short(Name(o!["targetGroup"]))}/{Short(Name(o!["neighbourhood"]))} {o!["activities"]} {o["providerCount"]}: {string.Join(",", o["providers"]!.AsArray().Select(p => Short(Name(p))))}");
        Assert.Equal(["T/G/B1 3 3: I1,O1,O3", "T/GS/B1 2 2: O1,O3"], overlaps);

        var limited = await w.DashboardAsync(app(), "baseline { overlapCount overlaps(first: 1) { providerCount } }");
        Assert.Equal(2, limited["baseline"]!["overlapCount"]!.GetValue<int>());
        Assert.Single(limited["baseline"]!["overlaps"]!.AsArray());

        // providers(first:) names the first by name and keeps the count whole.
        var firstProvider = await w.DashboardAsync(app(), "baseline { overlaps(first: 1) { providerCount providers(first: 2) { ... on Organisation { name } ... on Initiative { name } } } }");
        var top = firstProvider["baseline"]!["overlaps"]![0]!;
        Assert.Equal("3: I1,O1", $"{top["providerCount"]}: {string.Join(",", top["providers"]!.AsArray().Select(p => Short(Name(p))))}");
    }

    [SkippableFact]
    public async Task The_network_graph_pages_its_nodes_and_edges_by_cursor_and_names_only_the_first_isolated_nodes()
    {
        var w = await DashboardWorld.CreateAsync(app());
        static List<string> InOrder(JsonNode? page) => [.. page!["nodes"]!.AsArray().Select(n => Short(Name(n)))];

        var first = (await w.DashboardAsync(app(), "network { nodes(first: 2) { totalCount nodes { name } pageInfo { hasNextPage hasPreviousPage endCursor } } period { isolatedCount isolated(first: 0) { __typename } } }"))["network"]!;
        Assert.Equal(["I1", "O1"], InOrder(first["nodes"]));
        Assert.Equal("5 true false", $"{first["nodes"]!["totalCount"]} {first["nodes"]!["pageInfo"]!["hasNextPage"]} {first["nodes"]!["pageInfo"]!["hasPreviousPage"]}");
        Assert.Equal("1 0", $"{first["period"]!["isolatedCount"]} {first["period"]!["isolated"]!.AsArray().Count}");

        var after = first["nodes"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        var rest = (await w.DashboardAsync(app(), $$"""network { nodes(first: 10, after: "{{after}}") { nodes { name } pageInfo { hasNextPage hasPreviousPage startCursor } } }"""))["network"]!["nodes"]!;
        Assert.Equal(["O2", "O3", "O6"], InOrder(rest));
        Assert.Equal("false true", $"{rest["pageInfo"]!["hasNextPage"]} {rest["pageInfo"]!["hasPreviousPage"]}");

        var before = rest["pageInfo"]!["startCursor"]!.GetValue<string>();
        var back = (await w.DashboardAsync(app(), $$"""network { nodes(last: 1, before: "{{before}}") { nodes { name } pageInfo { hasNextPage hasPreviousPage } } }"""))["network"]!["nodes"]!;
        Assert.Equal(["O1"], InOrder(back));
        Assert.Equal("true true", $"{back["pageInfo"]!["hasNextPage"]} {back["pageInfo"]!["hasPreviousPage"]}");

        // A cursor of the other list, or not a cursor at all, is refused rather than read as a position.
        var edgeCursor = (await w.DashboardAsync(app(), "network { edges(first: 1) { pageInfo { endCursor } } }"))["network"]!["edges"]!["pageInfo"]!["endCursor"]!.GetValue<string>();
        foreach (var bad in new[] { edgeCursor, "bm90LWEtY3Vyc29y", "%%%" })
        {
            var response = await app().QueryAsync($$"""query($p: ID!) { dashboard(scope: { municipality: $p, from: "2025-01-01", to: "2025-12-31" }) { network { nodes(first: 1, after: "{{bad}}") { totalCount } } } }""", new { p = w.Id(w.Municipality) });
            Assert.True(response.FirstErrorCode == "BAD_REQUEST", response.Text);
        }
    }

    [SkippableFact]
    public async Task Areas_scope_by_their_regions_a_provider_in_two_areas_shows_in_both_and_an_empty_area_is_all_zero()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string selection = "baseline { totals { activities providers capacity reach } cells { theme { name } } overlapCount } network { period { nodeCount edgeCount density componentCount componentSizes largestComponentShare isolatedCount } nodes(first: 100) { nodes { name } } } funding { amountAwarded amountDisbursed grants programmes { amountAwarded } reinvestments { amountReinvested } } needsVersusOffering { signals { value } summary { unmetNeeds offeringWithoutSignal matched overlapping } }";

        var a1 = await w.DashboardAsync(app(), selection, place: w.Areas["A1"], token: w.AdminToken);
        var a2 = await w.DashboardAsync(app(), selection, place: w.Areas["A2"], token: w.AdminToken);
        var a3 = await w.DashboardAsync(app(), selection, place: w.Areas["A3"], token: w.AdminToken);

        // A1 = D1, B1, B2: X1, X2, X5 in B1 and X3 in B2 ran; reach: X1's 30 for B1 (X3's record is for B3, outside A1).
        Assert.Equal("4 4 45 30", Line(a1["baseline"]!["totals"]!));
        // A2 = B2, B3: only X3 (X4 is a draft, X6 is 2026); its record for B3 counts.
        Assert.Equal("1 1 0 12", Line(a2["baseline"]!["totals"]!));
        Assert.Equal("0 0 0 0", Line(a3["baseline"]!["totals"]!));
        Assert.Empty(a3["baseline"]!["cells"]!.AsArray());
        Assert.Equal(0, a3["baseline"]!["overlapCount"]!.GetValue<int>());

        // O1 works in B1 (A1) and B3 (A2): a node of both networks.
        Assert.Equal(["I1", "O1", "O2", "O3", "O6"], Names(a1["network"]!["nodes"]!["nodes"]));
        Assert.Equal(["O1", "O2", "O6"], Names(a2["network"]!["nodes"]!["nodes"]));
        Assert.Equal("3 1 0.3333333333333333 2 [2,1] 0.6666666666666666 1", Line(a2["network"]!["period"]!));
        Assert.Equal("0 0 null 0 [] null 0", Line(a3["network"]!["period"]!));

        // Money benefiting A2's regions: G2 (B1, B2: 45.50) and G6 (B2: 12.34) awarded; paid G2 45.50 and G3 20.00 (B3).
        Assert.Equal("57.84 65.50 2 [] [{\"amountReinvested\":\"600.00\"}]", Line(a2["funding"]!));
        Assert.Equal("0.00 0.00 0 [] []", Line(a3["funding"]!));
        Assert.Equal("0 0 0 0 0", $"{a3["needsVersusOffering"]!["signals"]!["value"]} {Line(a3["needsVersusOffering"]!["summary"]!)}");
    }

    [SkippableFact]
    public async Task Needs_versus_offering_classifies_and_ranks_cells_by_gap_for_callers_who_see_the_signals()
    {
        var w = await DashboardWorld.CreateAsync(app());

        var d = await w.DashboardAsync(app(), "needsVersusOffering { signals { value suppressed } summary { unmetNeeds offeringWithoutSignal matched overlapping } cells { theme { name } targetGroup { name } neighbourhood { name } signals suppressed activities providers reach classification gap } }", token: w.OfficialToken);

        var n = d["needsVersusOffering"]!;
        Assert.Equal("5 false", Line(n["signals"]!));
        Assert.Equal("4 1 2 3", Line(n["summary"]!));
        var cells = n["cells"]!.AsArray().Select(c => $"{Short(Name(c!["theme"]))}/{Short(Name(c!["targetGroup"]))}/{Short(Name(c!["neighbourhood"]))} {c!["signals"]} {c["activities"]} {c["providers"]} {c["reach"]} {c["classification"]} {c["gap"]}").ToList();
        Assert.Equal(
            [
                // gap 1: signals nobody answered. S1 (by O1) in B2: X4 would answer it but is a draft.
                "T/-/B2 1 0 0 0 UNMET_NEED 1", "T/G/B2 1 0 0 0 UNMET_NEED 1", "T/GS/B2 1 0 0 0 UNMET_NEED 1", "TS/-/B2 1 0 0 0 UNMET_NEED 1",

                // gap 0: S3 and S4 in B3, met by X3 (U/H in B3) and by X2, recorded as the response to S3: two providers.
                "U/H/B3 2 2 2 12 OVERLAPPING 0",
                "TS/G/B1 1 1 1 30 MATCHED 0", "TS/GS/B1 1 1 1 30 MATCHED 0",   // S2, traced to TS, met by X1
                "T/GS/B1 1 2 2 30 OVERLAPPING -1",                              // X1, X5
                "U/H/B2 0 1 1 0 OFFERING_WITHOUT_SIGNAL -1",                   // X3 serves B2 too; its record is for B3
                "T/G/B1 1 3 3 30 OVERLAPPING -2",                               // X1, X2, X5
            ],
            SortTies(cells));
        Assert.All(n["cells"]!.AsArray(), c => Assert.False(c!["suppressed"]!.GetValue<bool>()));
    }

    [SkippableFact]
    public async Task Residents_small_signal_counts_are_suppressed_for_callers_who_may_not_see_the_signals()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string selection = "smallCellThreshold seesRecords needsVersusOffering { signals { value suppressed } cells { theme { name } targetGroup { name } neighbourhood { name } signals suppressed activities gap } }";

        var anonymous = await w.DashboardAsync(app(), selection);
        var resident = await w.DashboardAsync(app(), selection, token: Tokens.Mint($"resident-{Guid.NewGuid():N}", "resident"));
        var otherOfficial = await w.DashboardAsync(app(), selection, token: Tokens.Mint($"official-elsewhere-{Guid.NewGuid():N}", "municipal_official"));
        var admin = await w.DashboardAsync(app(), selection, token: w.AdminToken);
        var official = await w.DashboardAsync(app(), selection, token: w.OfficialToken);

        Assert.Equal(5, anonymous["smallCellThreshold"]!.GetValue<int>());
        Assert.True(official["seesRecords"]!.GetValue<bool>());
        Assert.False(otherOfficial["seesRecords"]!.GetValue<bool>());
        Assert.False(anonymous["seesRecords"]!.GetValue<bool>());
        Assert.True(admin["seesRecords"]!.GetValue<bool>());

        // Four of the five signals were raised by residents: the total is a small cell.
        Assert.Equal("null true", Line(anonymous["needsVersusOffering"]!["signals"]!));
        Assert.Equal("5 false", Line(admin["needsVersusOffering"]!["signals"]!));
        Assert.Equal(admin["needsVersusOffering"]!.ToJsonString(), official["needsVersusOffering"]!.ToJsonString());
        var exact = official["needsVersusOffering"]!["cells"]!.AsArray().ToDictionary(c => $"{Short(Name(c!["theme"]))}/{Short(Name(c!["targetGroup"]))}/{Short(Name(c!["neighbourhood"]))}", c => $"{c!["signals"] ?? "null"} {c["suppressed"]}");
        Assert.Equal("2 false", exact["U/H/B3"]);
        Assert.Equal("1 false", exact["T/G/B1"]);
        var cells = anonymous["needsVersusOffering"]!["cells"]!.AsArray().ToDictionary(c => $"{Short(Name(c!["theme"]))}/{Short(Name(c!["targetGroup"]))}/{Short(Name(c!["neighbourhood"]))}", c => $"{c!["signals"] ?? "null"} {c["suppressed"]} {c["activities"]} {c["gap"] ?? "null"}");
        Assert.Equal("1 false 0 1", cells["T/GS/B2"]);          // S1 was raised by an organisation
        Assert.Equal("null true 2 null", cells["U/H/B3"]);       // two residents' signals
        Assert.Equal("null true 3 null", cells["T/G/B1"]);       // one resident's signal
        Assert.Equal("0 false 1 -1", cells["U/H/B2"]);
        Assert.Equal(7, cells.Values.Count(v => v.Contains("true", StringComparison.Ordinal)));

        // A suppressed cell ranks as if it had one signal: T/G/B1 (3 activities) sorts as gap −2, last.
        Assert.Equal("T/G/B1", cells.Keys.Last());
        Assert.Equal(anonymous["needsVersusOffering"]!.ToJsonString(), resident["needsVersusOffering"]!.ToJsonString());
        Assert.Equal(anonymous["needsVersusOffering"]!.ToJsonString(), otherOfficial["needsVersusOffering"]!.ToJsonString());
    }

    [SkippableFact]
    public async Task Without_the_cache_the_sibling_fields_of_a_section_still_compute_it_once()
    {
        TestEnvironment.Require(TestApp.Unavailable(app().Engine));
        await using var uncached = await TestApp.StartAsync(app().Engine, new Dictionary<string, string?> { ["Dashboards:CacheSeconds"] = "0" });
        var w = await DashboardWorld.CreateAsync(uncached);
        using var statements = await SqlStatements.RecordAsync(uncached);

        var one = await w.DashboardAsync(uncached, "funding { amountAwarded }");
        var single = statements.All.Count;
        var five = await w.DashboardAsync(uncached, "funding { amountAwarded amountDisbursed grants multiLineAmountAwarded unallocatedAmountAwarded }");

        // The same statements for one field as for five: the five share one computation in progress.
        Assert.Equal(single, statements.All.Count - single);
        Assert.Equal("\"357.84\"", one["funding"]!["amountAwarded"]!.ToJsonString());   // G1 300.00 + G2 45.50 + G6 12.34 in 2025
        Assert.Equal("\"357.84\"", five["funding"]!["amountAwarded"]!.ToJsonString());
    }

    [SkippableFact]
    public async Task The_small_cell_threshold_is_configurable()
    {
        TestEnvironment.Require(TestApp.Unavailable(app().Engine));
        await using var strict = await TestApp.StartAsync(app().Engine, new Dictionary<string, string?> { ["Dashboards:SmallCellThreshold"] = "2" });
        var w = await DashboardWorld.CreateAsync(strict);

        const string selection = "smallCellThreshold needsVersusOffering { signals { value suppressed } cells { theme { name } targetGroup { name } neighbourhood { name } signals suppressed } }";
        var d = await w.DashboardAsync(strict, selection);
        var official = await w.DashboardAsync(strict, selection, token: w.OfficialToken);

        // With a threshold of 2, the two residents' signals in U/H/B3 are no longer a small cell; one is, and four are not.
        Assert.Equal(2, d["smallCellThreshold"]!.GetValue<int>());
        Assert.Equal("5 false", Line(d["needsVersusOffering"]!["signals"]!));
        var cells = d["needsVersusOffering"]!["cells"]!.AsArray().ToDictionary(c => $"{Short(Name(c!["theme"]))}/{Short(Name(c!["targetGroup"]))}/{Short(Name(c!["neighbourhood"]))}", c => $"{c!["signals"] ?? "null"} {c["suppressed"]}");
        Assert.Equal("2 false", cells["U/H/B3"]);    // at the threshold: shown
        Assert.Equal("null true", cells["T/G/B1"]);  // below it: suppressed for anonymous callers
        var exact = official["needsVersusOffering"]!["cells"]!.AsArray().ToDictionary(c => $"{Short(Name(c!["theme"]))}/{Short(Name(c!["targetGroup"]))}/{Short(Name(c!["neighbourhood"]))}", c => $"{c!["signals"] ?? "null"} {c["suppressed"]}");
        Assert.Equal("2 false", exact["U/H/B3"]);
        Assert.Equal("1 false", exact["T/G/B1"]);     // but not for an official of the municipality
    }

    [SkippableFact]
    public async Task Network_figures_come_from_collaborations_meetings_and_coalitions_and_compare_with_the_year_before()
    {
        var w = await DashboardWorld.CreateAsync(app());
        using var sql = await SqlStatements.RecordAsync(app());

        var d = await w.DashboardAsync(app(), "network { period { startsOn endsOn nodeCount edgeCount density componentCount componentSizes largestComponentShare isolatedCount isolated { ... on Organisation { name } ... on Initiative { name } } } previousPeriod { startsOn endsOn nodeCount edgeCount density componentCount componentSizes largestComponentShare isolatedCount } change { nodeCount edgeCount density componentCount isolatedCount largestComponentShare } nodes(first: 100) { totalCount nodes { id kind name party { __typename } } } edges(first: 100) { totalCount nodes { from to kind weight } } }");

        // Nodes: O1, O2, O3, O6 (O4 and O5 work in no region), I1 (I2 is a draft, I3 started in 2026).
        // 2025 pairs: O1–I1 (C1, M2), O2–O3 (C2; O4 is no node), O1–O2 (M1, M2), O2–I1 (M2), I1–O3 (K1) → E = 5, density 2·5/(5·4).
        var net = d["network"]!;
        Assert.Equal("2025-01-01 2025-12-31 5 5 0.5 2 [4,1] 0.8 1", Line(net["period"]!, "isolated"));
        Assert.Equal(["O6"], Names(net["period"]!["isolated"]));

        // 2024: only C1 ties O1 and I1; O3 joined K1 in 2025.
        Assert.Equal("2024-01-01 2024-12-31 5 1 0.1 4 [2,1,1,1] 0.4 3", Line(net["previousPeriod"]!));
        Assert.Equal("0 4 0.4 -2 -2 0.4", Line(net["change"]!));
        Assert.Equal(["I1", "O1", "O2", "O3", "O6"], Names(net["nodes"]!["nodes"]));
        Assert.Equal("5 6", $"{net["nodes"]!["totalCount"]} {net["edges"]!["totalCount"]}");
        var nodes = net["nodes"]!["nodes"]!.AsArray().ToDictionary(x => x!["id"]!.GetValue<string>(), x => Short(Name(x)));
        Assert.Equal("INITIATIVE Initiative", $"{net["nodes"]!["nodes"]![0]!["kind"]} {net["nodes"]!["nodes"]![0]!["party"]!["__typename"]}");
        var edges = net["edges"]!["nodes"]!.AsArray().Select(e => $"{e!["kind"]} {string.Join("-", new[] { nodes[e["from"]!.GetValue<string>()], nodes[e["to"]!.GetValue<string>()] }.Order(StringComparer.Ordinal))} {e["weight"]}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(["COALITION I1-O3 1", "COLLABORATION I1-O1 1", "COLLABORATION O2-O3 1", "MEETING I1-O1 1", "MEETING I1-O2 1", "MEETING O1-O2 2"], edges);

        // The edges come from one self-join per kind and period, not a query per node or pair.
        Assert.Equal(2, sql.Reading("MeetingParticipants"));
        Assert.Equal(2, sql.Reading("CollaborationParties"));
        Assert.Equal(2, sql.Reading("CoalitionMembers"));
    }

    [SkippableFact]
    public async Task The_network_reads_its_nodes_once_for_both_periods_and_counts_an_initiative_only_from_the_period_it_started()
    {
        var w = await DashboardWorld.CreateAsync(app());
        using var sql = await SqlStatements.RecordAsync(app());

        const string selection = "network { period { nodeCount isolatedCount } previousPeriod { nodeCount isolatedCount } change { nodeCount } nodes(first: 100) { nodes { name } } }";
        var d = (await w.DashboardAsync(app(), selection, "2026-01-01", "2026-12-31"))["network"]!;

        // I3 started on 2026-03-01: a node of 2026, not of 2025 (the period before), although the nodes are read once.
        Assert.Equal(["I1", "I3", "O1", "O2", "O3", "O6"], Names(d["nodes"]!["nodes"]));
        Assert.Equal("6 5 1", $"{d["period"]!["nodeCount"]} {d["previousPeriod"]!["nodeCount"]} {d["change"]!["nodeCount"]}");
        Assert.Equal(1, sql.Reading("OrganisationNeighbourhood"));

        // The period before, asked as a period of its own, has the same figures.
        var before = (await w.DashboardAsync(app(), "network { period { nodeCount isolatedCount } }"))["network"]!["period"]!;
        Assert.Equal(before.ToJsonString(), d["previousPeriod"]!.ToJsonString());
    }

    [SkippableFact]
    public async Task A_write_shows_in_the_next_dashboard_although_figures_are_cached()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string selection = "network { period { edgeCount isolatedCount } }";
        var before = await w.DashboardAsync(app(), selection);

        await using (var db = await app().OpenDbAsync())
        {
            db.Add(new NetworkMeeting
            {
                Title = "M3",
                Date = new DateOnly(2025, 12, 1),
                MunicipalityId = w.Municipality.Id,
                Participants = [new() { OrganisationId = w.Organisations["O6"].Id }, new() { OrganisationId = w.Organisations["O3"].Id }],
            });
            await db.SaveChangesAsync();
        }

        var after = await w.DashboardAsync(app(), selection);
        Assert.Equal("5 1", Line(before["network"]!["period"]!));
        Assert.Equal("6 0", Line(after["network"]!["period"]!));
    }

    [SkippableFact]
    public async Task Funding_sums_money_exactly_by_funder_column_recipient_kind_theme_and_region()
    {
        var w = await DashboardWorld.CreateAsync(app());

        var d = await w.DashboardAsync(app(), """
            funding { amountAwarded amountDisbursed grants multiLineAmountAwarded multiLineShare unallocatedAmountAwarded
              byFunder { funder { name } amountAwarded amountDisbursed grants } byIv3TaskField { iv3TaskField amountAwarded amountDisbursed grants }
              byRecipientKind { kind amountAwarded amountDisbursed grants } byTheme { theme { name } amountAwarded amountDisbursed grants } byNeighbourhood { neighbourhood { name } amountAwarded amountDisbursed grants }
              programmes { programme { name } amountAwarded amountDisbursed budgetLineCount sources { year funder { name } budgetLine { name } amountAwarded amountDisbursed } }
              reinvestments { company { name } profit amountReinvested initiatives { initiative { name } amount } themes { theme { name } amount } neighbourhoods { neighbourhood { name } amount } } }
            """);

        var f = d["funding"]!;

        // Awarded in 2025: G1 300.00 + G2 45.50 + G6 12.34; never G4 (applied) or G5 (rejected); G3 was awarded in 2024.
        // Paid in 2025: G1 60.00 + 90.00 (not the 30.00 of 2026), G2 45.50, G3 20.00. G1 draws on three lines: 300.00 of 357.84.
        Assert.Equal("357.84 215.50 3 300.00 0.8383635144198525 12.34", Line(f, "byFunder", "byIv3TaskField", "byRecipientKind", "byTheme", "byNeighbourhood", "programmes", "reinvestments"));
        Assert.Equal(["O5 312.34 170.00 2", "O4 45.50 45.50 1"], Rows(f["byFunder"], "funder"));
        Assert.Equal(["7.1 150.00 90.00 1", "6.1 100.00 80.00 1", "4.3 50.00 0.00 1", "null 45.50 45.50 1"], f["byIv3TaskField"]!.AsArray().Select(r => $"{r!["iv3TaskField"] ?? "null"} {r["amountAwarded"]} {r["amountDisbursed"]} {r["grants"]}"));
        Assert.Equal(["PROGRAMME 300.00 150.00 1", "INITIATIVE 45.50 45.50 1", "ORGANISATION 12.34 20.00 1"], f["byRecipientKind"]!.AsArray().Select(r => $"{r!["kind"]} {r["amountAwarded"]} {r["amountDisbursed"]} {r["grants"]}"));
        Assert.Equal(["T 357.84 195.50 3", "TS 45.50 45.50 1", "U 0.00 20.00 0"], Rows(f["byTheme"], "theme"));
        Assert.Equal(["B1 345.50 195.50 2", "B2 57.84 45.50 2", "B3 0.00 20.00 0"], Rows(f["byNeighbourhood"], "neighbourhood"));

        // The programme's money over all its years, per year, funder and line.
        var programme = f["programmes"]!.AsArray().Single()!;
        Assert.Equal("300.00 180.00 3", Line(programme, "programme", "sources"));
        Assert.Equal(
            ["2025 O5 L2 150.00 90.00", "2025 O5 L1 100.00 60.00", "2025 O5 L3 50.00 0.00", "2026 O5 L1 0.00 30.00"],
            programme["sources"]!.AsArray().Select(s => $"{s!["year"]} {Short(Name(s["funder"]))} {Short(Name(s["budgetLine"]))} {s["amountAwarded"]} {s["amountDisbursed"]}"));

        // Reinvestments of 2025 only; the allocation to I1 and T counts in both lists.
        var company = f["reinvestments"]!.AsArray().Single()!;
        Assert.Equal("O6 1000.00 600.00", $"{Short(Name(company["company"]))} {company["profit"]} {company["amountReinvested"]}");
        Assert.Equal(["I1 400.00"], Rows(company["initiatives"], "initiative"));
        Assert.Equal(["T 400.00"], Rows(company["themes"], "theme"));
        Assert.Equal(["B2 200.00"], Rows(company["neighbourhoods"], "neighbourhood"));
    }

    [SkippableFact]
    public async Task The_annual_review_compares_what_ran_whom_it_reached_and_new_themes_with_the_year_before()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string review = "year activities { value previous change relativeChange } providers { value previous change } capacity { value previous } reach { value previous change } "
            + "ran { theme { name } activities { value previous change } providers { value previous } } reached { theme { name } targetGroup { name } reach { value previous } activities { value previous } } "
            + "signals { value previous change suppressed } signalsByTheme { theme { name } signals { value previous suppressed } } newThemes { theme { name } signals { value previous suppressed } }";

        var y2025 = (await w.DashboardAsync(app(), $"annualReview(year: 2025) {{ {review} }}", token: w.OfficialToken))["annualReview"]!;
        var y2026 = (await w.DashboardAsync(app(), $"annualReview(year: 2026) {{ {review} }}", token: w.OfficialToken))["annualReview"]!;
        var public2025 = (await w.DashboardAsync(app(), "annualReview(year: 2025) { signals { value suppressed } newThemes { theme { name } signals { value previous suppressed } } }"))["annualReview"]!;

        // 2024: only X2 ran. 2025: X1, X2, X3, X5. 2026: X1, X2, X6.
        Assert.Equal("4 1 3 3", Line(y2025["activities"]!));
        Assert.Equal("4 1 3", Line(y2025["providers"]!));
        Assert.Equal("45 10", Line(y2025["capacity"]!));
        Assert.Equal("42 0 42", Line(y2025["reach"]!));
        Assert.Equal("3 4 -1 -0.25", Line(y2026["activities"]!));
        Assert.Equal("2 4 -2", Line(y2026["providers"]!));
        Assert.Equal("40 42 -2", Line(y2026["reach"]!));
        Assert.Equal(["T 3 3 0 2 3", "TS 2 1 1 1 1", "U 0 1 -1 0 1"], y2026["ran"]!.AsArray().Select(r => $"{Short(Name(r!["theme"]))} {Line(r["activities"]!)} {Line(r["providers"]!)}"));
        Assert.Equal(
            ["T/G 40 30 3 3", "T/GS 40 30 1 2", "TS/G 40 30 2 1", "TS/GS 40 30 1 1", "U/H 0 12 0 1"],
            y2026["reached"]!.AsArray().Select(r => $"{Short(Name(r!["theme"]))}/{Short(Name(r["targetGroup"]))} {Line(r["reach"]!)} {Line(r["activities"]!)}").Order(StringComparer.Ordinal));

        // Signals of 2025 (S1–S5) against 2024 (S6): TS and U are new; T is not. In 2026 (S7) nothing is new: U was signalled in 2025.
        Assert.Equal("5 1 4 false", Line(y2025["signals"]!));
        Assert.Equal(["T 3 1 false", "TS 2 0 false", "U 2 0 false"], y2025["signalsByTheme"]!.AsArray().Select(t => $"{Short(Name(t!["theme"]))} {Line(t["signals"]!)}").Order(StringComparer.Ordinal));
        Assert.Equal(["TS 2 0 false", "U 2 0 false"], y2025["newThemes"]!.AsArray().Select(t => $"{Short(Name(t!["theme"]))} {Line(t["signals"]!)}").Order(StringComparer.Ordinal));
        Assert.Equal("1 5 -4 false", Line(y2026["signals"]!));
        Assert.Empty(y2026["newThemes"]!.AsArray());

        // For the public the residents' counts are small cells; that a theme is new is still shown.
        Assert.Equal("null true", Line(public2025["signals"]!));
        Assert.Equal(["TS null null true", "U null null true"], public2025["newThemes"]!.AsArray().Select(t => $"{Short(Name(t!["theme"]))} {Line(t["signals"]!)}").Order(StringComparer.Ordinal));
    }

    [SkippableFact]
    public async Task Grouped_counts_are_grouped_in_the_database_and_count_published_records_for_every_caller()
    {
        var w = await DashboardWorld.CreateAsync(app());
        var m = w.Id(w.Municipality);

        // Published activities: X1, X2, X3, X5, X6 (capacities 20, 10, none, 15, 5); never the draft X4 (100), not even for the admin.
        Assert.Equal(["[] 5 50 5 20 12.5"], await CountsAsync("ACTIVITIES", "[]", $"{{ municipality: \"{m}\" }}"));
        Assert.Equal(["[] 5 50 5 20 12.5"], await CountsAsync("ACTIVITIES", "[]", $"{{ municipality: \"{m}\" }}", w.AdminToken));
        Assert.Equal(["[TS] 2 25 5 20 12.5", "[T] 4 50 5 20 12.5", "[U] 1 null null null null"], await CountsAsync("ACTIVITIES", "[THEME]", $"{{ municipality: \"{m}\" }}"));
        Assert.Equal(["[2024] 1 10 10 10 10", "[2025] 3 35 15 20 17.5", "[2026] 1 5 5 5 5"], await CountsAsync("ACTIVITIES", "[YEAR]", $"{{ municipality: \"{m}\" }}"));
        Assert.Equal(["[2024-Q1] 1", "[2025-Q1] 1", "[2025-Q2] 1", "[2025-Q3] 1", "[2026-Q1] 1"], await CountsAsync("ACTIVITIES", "[QUARTER]", $"{{ municipality: \"{m}\" }}", brief: true));
        Assert.Equal(["[2024-01] 1", "[2025-01] 1", "[2025-05] 1", "[2025-09] 1", "[2026-01] 1"], await CountsAsync("ACTIVITIES", "[MONTH]", $"{{ municipality: \"{m}\" }}", brief: true));
        Assert.Equal(["[INITIATIVE] 1", "[SCHOOL] 2", "[SPORTS_CLUB] 1", "[WELFARE] 1"], await CountsAsync("ACTIVITIES", "[PROVIDER_KIND]", $"{{ municipality: \"{m}\" }}", brief: true));
        Assert.Equal(["[INITIATIVE] 1", "[SCHOOL] 2", "[SPORTS_CLUB] 1", "[WELFARE] 1"], await CountsAsync("ACTIVITIES", "[PROVIDER_KIND]", $"{{ municipality: \"{m}\" }}", w.OfficialToken, brief: true));

        // Whose schedule overlaps 2025, per area and theme: X3 serves B2 (in A1 through D1) and B3 (A2).
        Assert.Equal(
            ["[A1,TS] 1", "[A1,T] 3", "[A1,U] 1", "[A2,U] 1"],
            await CountsAsync("ACTIVITIES", "[AREA, THEME]", $"{{ municipality: \"{m}\", from: \"2025-01-01\", to: \"2025-12-31\" }}", brief: true));
        Assert.Equal(["[B1,GS] 2", "[B1,G] 3"], await CountsAsync("ACTIVITIES", "[NEIGHBOURHOOD, TARGET_GROUP]", $"{{ area: \"{w.Id(w.Areas["A1"])}\", themes: [\"{w.Id(w.Themes["T"])}\"] }}", brief: true));

        // A provider in two areas counts in each; the empty area has no row.
        Assert.Equal(["[A1] 4", "[A2] 3"], await CountsAsync("ORGANISATIONS", "[AREA]", $"{{ municipality: \"{m}\" }}", brief: true));
        Assert.Equal(["[NEIGHBOURHOOD_COMPANY] 1", "[SCHOOL] 1", "[SPORTS_CLUB] 1", "[WELFARE] 1"], await CountsAsync("ORGANISATIONS", "[PROVIDER_KIND]", $"{{ municipality: \"{m}\" }}", brief: true));
        Assert.Equal(["[B1] 1"], await CountsAsync("INITIATIVES", "[NEIGHBOURHOOD]", $"{{ area: \"{w.Id(w.Areas["A1"])}\" }}", brief: true));
        Assert.Equal(["[B1] 1"], await CountsAsync("INITIATIVES", "[NEIGHBOURHOOD]", $"{{ area: \"{w.Id(w.Areas["A1"])}\" }}", w.AdminToken, brief: true));

        // Grants in euros; never the application G4 or the rejection G5, not even for the admin.
        Assert.Equal(["[2024] 1 80.00 80.00 80.00 80.00", "[2025] 3 357.84 12.34 300.00 119.28"], await CountsAsync("GRANTS", "[YEAR]", $"{{ municipality: \"{m}\" }}"));
        Assert.Equal(
            ["[INITIATIVE] 1 45.50 45.50 45.50 45.50", "[PROGRAMME] 1 300.00 300.00 300.00 300.00", "[SPORTS_CLUB] 1 12.34 12.34 12.34 12.34", "[WELFARE] 1 80.00 80.00 80.00 80.00"],
            await CountsAsync("GRANTS", "[PROVIDER_KIND]", $"{{ municipality: \"{m}\" }}", w.AdminToken));

        // Signals: residents' small counts are suppressed for the public, not for the official.
        Assert.Equal(["[2024] 1", "[2025] null", "[2026] 1"], await CountsAsync("SIGNALS", "[YEAR]", $"{{ municipality: \"{m}\" }}", brief: true));
        Assert.Equal(["[2024] 1", "[2025] 5", "[2026] 1"], await CountsAsync("SIGNALS", "[YEAR]", $"{{ municipality: \"{m}\" }}", w.OfficialToken, brief: true));
        Assert.Equal(["[TS] 2", "[T] 3", "[U] 2"], await CountsAsync("SIGNALS", "[THEME]", $"{{ municipality: \"{m}\", from: \"2025-01-01\", to: \"2025-12-31\" }}", w.OfficialToken, brief: true));
    }

    [SkippableFact]
    public async Task Combinations_that_make_no_sense_and_bad_scopes_are_refused()
    {
        var w = await DashboardWorld.CreateAsync(app());
        var m = w.Id(w.Municipality);

        foreach (var (of, by, filter) in new[]
        {
            ("ORGANISATIONS", "[THEME]", ""), ("ORGANISATIONS", "[YEAR]", ""), ("SIGNALS", "[PROVIDER_KIND]", ""), ("INITIATIVES", "[TARGET_GROUP]", ""),
            ("GRANTS", "[TARGET_GROUP]", ""), ("ACTIVITIES", "[THEME, THEME]", ""), ("ACTIVITIES", "[THEME, YEAR, AREA, NEIGHBOURHOOD]", ""),
            ("ORGANISATIONS", "[]", "filterBy: { from: \"2025-01-01\" }"), ("ACTIVITIES", "[]", $"filterBy: {{ municipality: \"{m}\", area: \"{w.Id(w.Areas["A1"])}\" }}"),
            ("ACTIVITIES", "[]", "filterBy: { from: \"2025-02-01\", to: \"2025-01-01\" }"),
        })
        {
            var response = await app().QueryAsync($"{{ counts(of: {of}, groupBy: {by} {filter}) {{ count }} }}");
            Assert.True(response.FirstErrorCode == "BAD_REQUEST", $"{of} {by} {filter}: {response.Text}");
        }

        foreach (var scope in new[]
        {
            $"municipality: \"{m}\", area: \"{w.Id(w.Areas["A1"])}\", from: \"2025-01-01\", to: \"2025-12-31\"",
            "from: \"2025-01-01\", to: \"2025-12-31\"",
            $"municipality: \"{m}\", from: \"2025-12-31\", to: \"2025-01-01\"",
            $"municipality: \"{m}\", from: \"2000-01-01\", to: \"2025-12-31\"",
            $"municipality: \"{w.Id(w.Areas["A1"])}\", from: \"2025-01-01\", to: \"2025-12-31\"",
        })
        {
            var response = await app().QueryAsync($"{{ dashboard(scope: {{ {scope} }}) {{ startsOn }} }}");
            Assert.True(response.FirstErrorCode == "BAD_REQUEST", $"{scope}: {response.Text}");
        }

        var missing = await app().QueryAsync($"{{ dashboard(scope: {{ municipality: \"{Infrastructuur.Api.GraphQL.GlobalId.Encode("Municipality", Guid.NewGuid())}\", from: \"2025-01-01\", to: \"2025-12-31\" }}) {{ startsOn }} }}");
        Assert.Equal("NOT_FOUND", missing.FirstErrorCode);
        Assert.Null(missing.Data!["dashboard"]);
        var badYear = await app().QueryAsync($"{{ dashboard(scope: {{ municipality: \"{m}\", from: \"2025-01-01\", to: \"2025-12-31\" }}) {{ annualReview(year: 99999) {{ year }} }} }}");
        Assert.Equal("BAD_REQUEST", badYear.FirstErrorCode);
    }

    private async Task<List<string>> CountsAsync(string of, string groupBy, string filter, string? token = null, bool brief = false)
    {
        var response = await app().QueryAsync($"{{ counts(of: {of}, groupBy: {groupBy}, filterBy: {filter}) {{ keys {{ dimension value label }} count suppressed capacity {{ sum min max average }} amountAwarded {{ sum min max average }} }} }}", token: token);
        response.AssertOk();
        return [.. response.Data!["counts"]!.AsArray().Select(r =>
        {
            var keys = "[" + string.Join(",", r!["keys"]!.AsArray().Select(k => k!["dimension"]!.GetValue<string>() is "THEME" or "TARGET_GROUP" or "AREA" or "NEIGHBOURHOOD" ? Short(k["label"]?.GetValue<string>()) : k["value"]?.GetValue<string>() ?? "null")) + "]";
            var count = r["count"]?.ToJsonString() ?? "null";
            Assert.Equal(r["count"] is null, r["suppressed"]!.GetValue<bool>());
            var measure = r["capacity"] ?? r["amountAwarded"];

            // Euros are Money, exact as a string; a capacity sum is a Long, a string too.
            Assert.All([r["capacity"]?["sum"], r["amountAwarded"]?["sum"], r["amountAwarded"]?["average"]], v => Assert.True(v is null || v.GetValueKind() == System.Text.Json.JsonValueKind.String, $"{v} is not a string"));
            return brief ? $"{keys} {count}" : $"{keys} {count} {measure?["sum"] ?? "null"} {measure?["min"] ?? "null"} {measure?["max"] ?? "null"} {measure?["average"] ?? "null"}";
        }).Order(StringComparer.Ordinal)];
    }

    /// <summary>The scalar values of an object's fields, in order, separated by spaces (arrays compact, nulls as "null").</summary>
    private static string Line(JsonNode node, params string[] skip) =>
        string.Join(" ", node.AsObject().Where(p => !skip.Contains(p.Key)).Select(p => p.Value switch
        {
            null => "null",
            JsonArray array => array.ToJsonString(),
            JsonObject o => Short(o["name"]?.GetValue<string>()),
            var v => v.ToString(),
        }));

    private static string? Name(JsonNode? node) => node?["name"]?.GetValue<string>();

    private static List<string> Names(JsonNode? list) => [.. list!.AsArray().Select(n => Short(Name(n))).Order(StringComparer.Ordinal)];

    private static IEnumerable<string> Rows(JsonNode? list, string key) =>
        list!.AsArray().Select(r => $"{Short(Name(r![key]))} {Line(r, key)}");

    /// <summary>Cells of equal rank in name order, so a test does not depend on how ties between IDs fall.</summary>
    private static List<string> SortTies(List<string> cells) =>
        [.. cells.Select((c, i) => (c, i)).GroupBy(x => x.c.Split(' ')[^1] + "|" + x.c.Split(' ')[1] + "|" + x.c.Split(' ')[2])
            .SelectMany(g => g.Select(x => x.c).Order(StringComparer.Ordinal))];
}

public sealed class SqliteDashboardTests(SqliteAppFixture fixture) : DashboardTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDashboardTests(PostgresAppFixture fixture) : DashboardTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
