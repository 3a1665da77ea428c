using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// A municipality of its own with a hand-built fixture whose dashboard figures are worked out by hand in the tests.
/// <code>
/// Regions: district D1 (buurten B1, B2), district D2 (buurten B3, B4).
/// Areas:   A1 = {D1} (so D1, B1, B2) · A2 = {B2, B3} · A3 = {B4} (nothing happens there: the empty area).
/// Themes:  T ⊃ TS (a theme with a sub-theme), U.   Target groups: G ⊃ GS, H.
/// Organisations: O1 school (B1, B3: a provider in two areas), O2 welfare (B2), O3 sports club (B1),
///                O4 fund and O5 municipality (funders, no regions), O6 neighbourhood company (B2).
/// Initiatives:   I1 active (B1, since 2020), I2 draft (B2), I3 active (B3, since 2026-03-01).
/// Activities:
///   X1 O1 ACTIVE  TS/GS  B1     2025-09-01..2026-06-30 (spans two years) cap 20, verified 2025-12-01,
///                 reach 30 (2025-09..12, GS, B1) and 40 (2026-01..06, no group, no region)
///   X2 I1 ACTIVE  T/G    B1     weekly from 2024-01-01         cap 10, verified 2024-06-01
///   X3 O2 ENDED   U/H    B2,B3  2025-01-01..2025-03-31         no cap, reach 12 (2024-12-01..2025-01-31, H, B3)
///   X4 I2 DRAFT   T/G    B2     from 2025-01-01                cap 100 (hidden)
///   X5 O3 PAUSED  T/GS   B1     one-off 2025-05-05, no last day cap 15, verified 2025-01-15
///   X6 O1 ACTIVE  T+TS/G B3     2026-01-01..2026-12-31         cap 5 (tagged with a theme and its sub-theme)
/// Signals: S1 2025-03-10 B2 T/GS by O1 · S2 2025-06-01 B1 U/GS traced to TS, resident · S3 2025-07-01 B3 U/H resident
///          (answered by X2) · S4 2025-08-01 B3 U/H resident · S5 2025-09-01 B2 TS/no group, resident
///          · S6 2024-05-01 B1 T/G by O3 · S7 2026-02-01 B3 U/H by O2.
/// Network: C1 O1+I1 from 2024-01-01 · C2 O2+O3+O4 2025-03-01..2025-04-30 · M1 2025-05-01 O1,O2 · M2 2025-11-01 O1,O2,I1
///          · K1 coalition: I1 since 2019, O3 2025-06-01..2025-09-01 (left).
/// Money (Money in euros): lines L1 6.1, L2 7.1, L3 4.3 (O5, 2025), L4 no Iv3 (O4, 2025).
///   G1 O5 → programme P (B1, T)  awarded 2025-02-01 300.00 = L1 100.00 + L2 150.00 + L3 50.00; paid 2025-03-01 60.00 (L1),
///      2025-10-01 90.00 (L2), 2026-01-15 30.00 (L1)
///   G2 O4 → I1 (B1, B2, TS)      awarded 2025-05-01 45.50 on L4; paid 2025-06-01 45.50 (L4)
///   G3 O5 → O2 (B3, U)           awarded 2024-11-01 80.00 on L1; paid 2025-01-10 20.00 (L1)
///   G4 O5 → O1 (B1, T)           applied 2025-04-01 (hidden) · G5 O5 → I1 (B1) rejected 2025-07-01 (hidden)
///   G6 O5 → O3 (B2, T)           awarded 2025-08-01 12.34, allocated to no line
///   Programme P (B1) 2024..2027. O6's company reinvested 2025: profit 1000.00, 600.00 = I1+T 400.00, B2 200.00; 2024: 500.00, 100.00 to I1.
/// </code>
/// </summary>
public sealed class DashboardWorld
{
    private static int _next = 7000;

    public required Municipality Municipality { get; init; }

    public required Dictionary<string, Neighbourhood> Regions { get; init; }

    public required Dictionary<string, Area> Areas { get; init; }

    public required Dictionary<string, Theme> Themes { get; init; }

    public required Dictionary<string, TargetGroup> Groups { get; init; }

    public required Dictionary<string, Organisation> Organisations { get; init; }

    public required Dictionary<string, Initiative> Initiatives { get; init; }

    public required Dictionary<string, Activity> Activities { get; init; }

    public required Programme Programme { get; init; }

    /// <summary>The token subject of an official serving this municipality.</summary>
    public required string OfficialSubject { get; init; }

    public string Code(string key) => Themes.TryGetValue(key, out var theme) ? theme.Code : Groups[key].Code;

    public static async Task<DashboardWorld> CreateAsync(TestApp app)
    {
        var n = Interlocked.Increment(ref _next);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var m = new Municipality { Name = $"Dashboardgemeente {n}", CbsCode = $"GM{n}" };
        Neighbourhood Region(string name, RegionLevel level, Neighbourhood? parent = null) => new() { Name = $"{name} {suffix}", Level = level, Municipality = m, Parent = parent };
        var d1 = Region("D1", RegionLevel.District);
        var d2 = Region("D2", RegionLevel.District);
        var regions = new Dictionary<string, Neighbourhood>
        {
            ["D1"] = d1, ["D2"] = d2, ["B1"] = Region("B1", RegionLevel.Neighbourhood, d1), ["B2"] = Region("B2", RegionLevel.Neighbourhood, d1),
            ["B3"] = Region("B3", RegionLevel.Neighbourhood, d2), ["B4"] = Region("B4", RegionLevel.Neighbourhood, d2),
        };
        var areas = new Dictionary<string, Area>
        {
            ["A1"] = new() { Name = $"A1 {suffix}", Municipality = m, Neighbourhoods = [d1] },
            ["A2"] = new() { Name = $"A2 {suffix}", Municipality = m, Neighbourhoods = [regions["B2"], regions["B3"]] },
            ["A3"] = new() { Name = $"A3 {suffix}", Municipality = m, Neighbourhoods = [regions["B4"]] },
        };
        var t = new Theme { Code = $"t-{suffix}", NameNl = $"Thema T {suffix}", NameEn = $"Theme T {suffix}" };
        var themes = new Dictionary<string, Theme>
        {
            ["T"] = t,
            ["TS"] = new() { Code = $"ts-{suffix}", NameNl = $"Subthema TS {suffix}", NameEn = $"Sub-theme TS {suffix}", Parent = t },
            ["U"] = new() { Code = $"u-{suffix}", NameNl = $"Thema U {suffix}", NameEn = $"Theme U {suffix}" },
        };
        var g = new TargetGroup { Code = $"g-{suffix}", NameNl = $"Groep G {suffix}", NameEn = $"Group G {suffix}" };
        var groups = new Dictionary<string, TargetGroup>
        {
            ["G"] = g,
            ["GS"] = new() { Code = $"gs-{suffix}", NameNl = $"Subgroep GS {suffix}", NameEn = $"Sub-group GS {suffix}", Parent = g },
            ["H"] = new() { Code = $"h-{suffix}", NameNl = $"Groep H {suffix}", NameEn = $"Group H {suffix}" },
        };
        Organisation Org(string key, OrganisationKind kind, params string[] places) => new() { Name = $"Organisatie {key} {suffix}", Kind = kind, Neighbourhoods = [.. places.Select(p => regions[p])] };
        var organisations = new Dictionary<string, Organisation>
        {
            ["O1"] = Org("O1", OrganisationKind.School, "B1", "B3"),
            ["O2"] = Org("O2", OrganisationKind.Welfare, "B2"),
            ["O3"] = Org("O3", OrganisationKind.SportsClub, "B1"),
            ["O4"] = Org("O4", OrganisationKind.Fund),
            ["O5"] = Org("O5", OrganisationKind.Municipality),
            ["O6"] = Org("O6", OrganisationKind.NeighbourhoodCompany, "B2"),
        };
        Initiative Init(string key, InitiativeStatus status, string place, DateOnly startedOn) => new() { Name = $"Initiatief {key} {suffix}", Status = status, Municipality = m, Neighbourhoods = [regions[place]], StartedOn = startedOn };
        var initiatives = new Dictionary<string, Initiative>
        {
            ["I1"] = Init("I1", InitiativeStatus.Active, "B1", new DateOnly(2020, 1, 1)),
            ["I2"] = Init("I2", InitiativeStatus.Draft, "B2", new DateOnly(2025, 1, 1)),
            ["I3"] = Init("I3", InitiativeStatus.Active, "B3", new DateOnly(2026, 3, 1)),
        };

        Activity Act(string key, object provider, ActivityStatus status, string theme, string group, string[] places, ActivitySchedule schedule, int? capacity, DateOnly? verified) => new()
        {
            Name = $"Activiteit {key} {suffix}",
            Status = status,
            Municipality = m,
            ProviderOrganisation = provider as Organisation,
            ProviderInitiative = provider as Initiative,
            Themes = [.. theme.Split('+').Select(k => themes[k])],
            TargetGroups = [groups[group]],
            Neighbourhoods = [.. places.Select(p => regions[p])],
            Schedule = schedule,
            Capacity = capacity,
            LastVerifiedOn = verified,
        };
        var x1 = Act("X1", organisations["O1"], ActivityStatus.Active, "TS", "GS", ["B1"], ActivitySchedule.Period(new(2025, 9, 1), new(2026, 6, 30)), 20, new(2025, 12, 1));
        x1.Reach =
        [
            new() { PeriodStart = new(2025, 9, 1), PeriodEnd = new(2025, 12, 31), TargetGroup = groups["GS"], Neighbourhood = regions["B1"], Count = 30, CountingMethod = CountingMethod.Headcount },
            new() { PeriodStart = new(2026, 1, 1), PeriodEnd = new(2026, 6, 30), Count = 40, CountingMethod = CountingMethod.Registration },
        ];
        var x3 = Act("X3", organisations["O2"], ActivityStatus.Ended, "U", "H", ["B2", "B3"], ActivitySchedule.Period(new(2025, 1, 1), new(2025, 3, 31)), null, null);
        x3.Reach = [new() { PeriodStart = new(2024, 12, 1), PeriodEnd = new(2025, 1, 31), TargetGroup = groups["H"], Neighbourhood = regions["B3"], Count = 12, CountingMethod = CountingMethod.Estimate }];
        var activities = new Dictionary<string, Activity>
        {
            ["X1"] = x1,
            ["X2"] = Act("X2", initiatives["I1"], ActivityStatus.Active, "T", "G", ["B1"], ActivitySchedule.Weekly(Weekday.Monday, new(10, 0), new(11, 0), new(2024, 1, 1)), 10, new(2024, 6, 1)),
            ["X3"] = x3,
            ["X4"] = Act("X4", initiatives["I2"], ActivityStatus.Draft, "T", "G", ["B2"], ActivitySchedule.Period(new(2025, 1, 1), null), 100, null),
            ["X5"] = Act("X5", organisations["O3"], ActivityStatus.Paused, "T", "GS", ["B1"], new ActivitySchedule { Kind = ScheduleKind.OneOff, StartsOn = new(2025, 5, 5) }, 15, new(2025, 1, 15)),
            ["X6"] = Act("X6", organisations["O1"], ActivityStatus.Active, "T+TS", "G", ["B3"], ActivitySchedule.Period(new(2026, 1, 1), new(2026, 12, 31)), 5, null),
        };

        Signal Sig(DateOnly on, string place, string theme, string? group, Organisation? by, Theme? underlying = null) => new()
        {
            ObservedOn = on,
            Neighbourhood = regions[place],
            Municipality = m,
            Themes = [themes[theme]],
            TargetGroup = group is null ? null : groups[group],
            ReportedByOrganisation = by,
            ReportedByResident = by is null,
            UnderlyingTheme = underlying,
        };
        var s3 = Sig(new(2025, 7, 1), "B3", "U", "H", null);
        s3.Responses = [new SignalResponse { ActivityId = activities["X2"].Id }];
        Signal[] signals =
        [
            Sig(new(2025, 3, 10), "B2", "T", "GS", organisations["O1"]),
            Sig(new(2025, 6, 1), "B1", "U", "GS", null, themes["TS"]),
            s3,
            Sig(new(2025, 8, 1), "B3", "U", "H", null),
            Sig(new(2025, 9, 1), "B2", "TS", null, null),
            Sig(new(2024, 5, 1), "B1", "T", "G", organisations["O3"]),
            Sig(new(2026, 2, 1), "B3", "U", "H", organisations["O2"]),
        ];

        CollaborationParty Party(object p) => new() { Organisation = p as Organisation, Initiative = p as Initiative };
        MeetingParticipant Participant(object p) => new() { Organisation = p as Organisation, Initiative = p as Initiative };
        Collaboration[] collaborations =
        [
            new() { Purpose = "C1", StartsOn = new(2024, 1, 1), Municipality = m, Parties = [Party(organisations["O1"]), Party(initiatives["I1"])] },
            new() { Purpose = "C2", StartsOn = new(2025, 3, 1), EndsOn = new(2025, 4, 30), Municipality = m, Parties = [Party(organisations["O2"]), Party(organisations["O3"]), Party(organisations["O4"])] },
        ];
        NetworkMeeting[] meetings =
        [
            new() { Title = "M1", Date = new(2025, 5, 1), Municipality = m, Participants = [Participant(organisations["O1"]), Participant(organisations["O2"])] },
            new() { Title = "M2", Date = new(2025, 11, 1), Municipality = m, Participants = [Participant(organisations["O1"]), Participant(organisations["O2"]), Participant(initiatives["I1"])] },
        ];
        var coalition = new Coalition
        {
            Name = $"K1 {suffix}",
            Municipality = m,
            Members =
            [
                new() { Initiative = initiatives["I1"], JoinedOn = new(2019, 1, 1) },
                new() { Organisation = organisations["O3"], JoinedOn = new(2025, 6, 1), LeftOn = new(2025, 9, 1) },
            ],
        };

        BudgetLine Line(string name, Organisation funder, string? iv3) => new() { Funder = funder, Year = 2025, Name = $"{name} {suffix}", Iv3TaskField = iv3, Column = name, AmountBudgetedCents = 1_000_000_00 };
        var (l1, l2, l3, l4) = (Line("L1", organisations["O5"], "6.1"), Line("L2", organisations["O5"], "7.1"), Line("L3", organisations["O5"], "4.3"), Line("L4", organisations["O4"], null));
        var programme = new Programme
        {
            Name = $"Programma P {suffix}",
            StartsOn = new(2024, 1, 1),
            EndsOn = new(2027, 12, 31),
            Owner = organisations["O5"],
            Municipality = m,
            Status = ProgrammeStatus.Active,
            Neighbourhoods = [regions["B1"]],
        };
        Grant NewGrant(string key, Organisation funder, object recipient, GrantStatus status, DateOnly on, long? awarded, string[] places, string[] themeKeys) => new()
        {
            Identifier = $"360G-dash-{suffix}-{key}",
            Title = key,
            Funder = funder,
            RecipientInitiative = recipient as Initiative,
            RecipientOrganisation = recipient as Organisation,
            RecipientProgramme = recipient as Programme,
            Status = status,
            AppliedOn = on.AddDays(-30),
            AwardDate = awarded is null ? null : on,
            AmountAppliedForCents = awarded ?? 999_99,
            AmountAwardedCents = awarded,
            BeneficiaryNeighbourhoods = [.. places.Select(p => regions[p])],
            Themes = [.. themeKeys.Select(k => themes[k])],
        };
        var g1 = NewGrant("G1", organisations["O5"], programme, GrantStatus.Disbursed, new(2025, 2, 1), 300_00, ["B1"], ["T"]);
        g1.Allocations = [new() { BudgetLine = l1, AmountCents = 100_00 }, new() { BudgetLine = l2, AmountCents = 150_00 }, new() { BudgetLine = l3, AmountCents = 50_00 }];
        g1.Disbursements = [new() { PaidOn = new(2025, 3, 1), AmountCents = 60_00, BudgetLineId = l1.Id }, new() { PaidOn = new(2025, 10, 1), AmountCents = 90_00, BudgetLineId = l2.Id }, new() { PaidOn = new(2026, 1, 15), AmountCents = 30_00, BudgetLineId = l1.Id }];
        var g2 = NewGrant("G2", organisations["O4"], initiatives["I1"], GrantStatus.Settled, new(2025, 5, 1), 45_50, ["B1", "B2"], ["TS"]);
        g2.Allocations = [new() { BudgetLine = l4, AmountCents = 45_50 }];
        g2.Disbursements = [new() { PaidOn = new(2025, 6, 1), AmountCents = 45_50, BudgetLineId = l4.Id }];
        var g3 = NewGrant("G3", organisations["O5"], organisations["O2"], GrantStatus.Awarded, new(2024, 11, 1), 80_00, ["B3"], ["U"]);
        g3.Allocations = [new() { BudgetLine = l1, AmountCents = 80_00 }];
        g3.Disbursements = [new() { PaidOn = new(2025, 1, 10), AmountCents = 20_00, BudgetLineId = l1.Id }];
        Grant[] grants =
        [
            g1, g2, g3,
            NewGrant("G4", organisations["O5"], organisations["O1"], GrantStatus.Applied, new(2025, 4, 1), null, ["B1"], ["T"]),
            NewGrant("G5", organisations["O5"], initiatives["I1"], GrantStatus.Rejected, new(2025, 7, 1), null, ["B1"], []),
            NewGrant("G6", organisations["O5"], organisations["O3"], GrantStatus.Awarded, new(2025, 8, 1), 12_34, ["B2"], ["T"]),
        ];
        var company = new NeighbourhoodCompany
        {
            Organisation = organisations["O6"],
            Purpose = "Test",
            Reinvestments =
            [
                new() { Year = 2025, ProfitCents = 1000_00, AmountReinvestedCents = 600_00, DecidedAt = "AV 2025", Allocations = [new() { Initiative = initiatives["I1"], Theme = themes["T"], AmountCents = 400_00 }, new() { Neighbourhood = regions["B2"], AmountCents = 200_00 }] },
                new() { Year = 2024, ProfitCents = 500_00, AmountReinvestedCents = 100_00, DecidedAt = "AV 2024", Allocations = [new() { Initiative = initiatives["I1"], AmountCents = 100_00 }] },
            ],
        };

        var official = new Person { DisplayName = $"Ambtenaar {suffix}", Subject = $"official-{suffix}" };
        await using var db = await app.OpenDbAsync();
        db.AddRange(m);
        db.AddRange(regions.Values);
        db.AddRange(areas.Values);
        db.AddRange(themes.Values);
        db.AddRange(groups.Values);
        db.AddRange(organisations.Values);
        db.AddRange(initiatives.Values);
        db.AddRange(activities.Values);
        db.AddRange(signals);
        db.AddRange(collaborations);
        db.AddRange(meetings);
        db.Add(coalition);
        db.AddRange(l1, l2, l3, l4);
        db.Add(programme);
        db.AddRange(grants);
        db.Add(company);
        db.Add(new OfficialAssignment { Person = official, Municipality = m });
        await db.SaveChangesAsync();
        return new DashboardWorld
        {
            Municipality = m,
            Regions = regions,
            Areas = areas,
            Themes = themes,
            Groups = groups,
            Organisations = organisations,
            Initiatives = initiatives,
            Activities = activities,
            Programme = programme,
            OfficialSubject = official.Subject,
        };
    }

    public string Id<T>(T record)
        where T : Entity => GlobalId.Encode(typeof(T).Name, record.Id);

    public string AdminToken => Tokens.Mint($"admin-{Municipality.CbsCode}", "admin");

    public string OfficialToken => Tokens.Mint(OfficialSubject, "municipal_official");

    /// <summary>The dashboard of this municipality (or of <paramref name="place"/>) over [from, to], selecting <paramref name="selection"/>.</summary>
    public async Task<JsonNode> DashboardAsync(TestApp app, string selection, string from = "2025-01-01", string to = "2025-12-31", Entity? place = null, string? token = null)
    {
        var kind = place switch { Area => "area", Neighbourhood => "neighbourhood", _ => "municipality" };
        var id = place switch { Area a => Id(a), Neighbourhood n => Id(n), _ => Id(Municipality) };
        var response = await app.QueryAsync($$"""query($p: ID!, $from: Date!, $to: Date!) { dashboard(scope: { {{kind}}: $p, from: $from, to: $to }) { {{selection}} } }""", new { p = id, from, to }, token);
        response.AssertOk();
        return response.Data!["dashboard"]!;
    }

    /// <summary>A name without the world's suffix: "Organisatie O1 1a2b3c4d" → "O1".</summary>
    public static string Short(string? name) => name is null ? "-" : name.Split(' ')[^2];
}
