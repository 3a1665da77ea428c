using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// Dashboards count published records only, for every caller: records hidden from anyone (drafts, everything of a draft
/// initiative, applications and rejections) change no figure, whoever asks, and the figures are the same for every
/// caller; only small counts of residents' signals differ (see DashboardTests for suppression).
/// </summary>
public abstract class DashboardVisibilityTests(Func<TestApp> app)
{
    // Every section of the dashboard with every figure, as the benchmark scenarios ask for them.
    private static readonly string[] Sections =
    [
        "baseline { totals { activities providers organisationProviders initiativeProviders capacity activitiesWithCapacity reach verifiedActivities verifiedShare } "
            + "cells { theme { name } targetGroup { name } figures { activities providers capacity reach verifiedShare } } overlapCount "
            + "overlaps(first: 20) { theme { name } targetGroup { name } neighbourhood { name } activities providerCount providers { ... on Organisation { name } ... on Initiative { name } } } }",
        "needsVersusOffering { signals { value suppressed } summary { unmetNeeds offeringWithoutSignal matched overlapping } "
            + "cells { theme { name } targetGroup { name } neighbourhood { name } signals suppressed activities providers reach classification gap } }",
        "network { period { nodeCount edgeCount density componentCount componentSizes largestComponentShare isolatedCount isolated { ... on Organisation { name } ... on Initiative { name } } } "
            + "previousPeriod { nodeCount edgeCount density } nodes(first: 100) { totalCount nodes { kind name } } edges(first: 100) { totalCount nodes { kind weight } } }",
        "funding { amountAwarded amountDisbursed grants multiLineAmountAwarded multiLineShare unallocatedAmountAwarded byFunder { funder { name } amountAwarded amountDisbursed grants } "
            + "byIv3TaskField { iv3TaskField amountAwarded amountDisbursed grants } byRecipientKind { kind amountAwarded amountDisbursed grants } byTheme { theme { name } amountAwarded amountDisbursed grants } "
            + "byNeighbourhood { neighbourhood { name } amountAwarded amountDisbursed grants } programmes { programme { name } amountAwarded amountDisbursed budgetLineCount } "
            + "reinvestments { company { name } profit amountReinvested initiatives { initiative { name } amount } } }",
        "annualReview(year: 2025) { activities { value previous change } providers { value previous change } capacity { value previous change } reach { value previous change } "
            + "ran { theme { name } activities { value previous } } reached { theme { name } targetGroup { name } reach { value previous } } signals { value previous suppressed } "
            + "newThemes { theme { name } signals { value suppressed } } }",
    ];

    private static readonly string[] Counts =
    [
        "of: ACTIVITIES, groupBy: [THEME, PROVIDER_KIND]", "of: ACTIVITIES, groupBy: [NEIGHBOURHOOD, QUARTER]", "of: INITIATIVES, groupBy: [AREA]",
        "of: GRANTS, groupBy: [PROVIDER_KIND, YEAR]", "of: SIGNALS, groupBy: [THEME]", "of: ORGANISATIONS, groupBy: [AREA]",
    ];

    [SkippableFact]
    public async Task Hidden_rows_change_no_dashboard_figure_and_every_caller_gets_the_same_figures()
    {
        var w = await DashboardWorld.CreateAsync(app());
        var callers = new Dictionary<string, string?>
        {
            ["anonymous"] = null,
            ["resident"] = Tokens.Mint($"resident-{Guid.NewGuid():N}", "resident"),
            ["official"] = w.OfficialToken,
            ["admin"] = w.AdminToken,
        };

        var before = await SnapshotAsync(w, callers);
        await AddHiddenRowsAsync(w);
        var after = await SnapshotAsync(w, callers);

        foreach (var (key, figures) in before)
        {
            Assert.True(figures == after[key], $"{key} changed when hidden rows were added:\nbefore {figures}\nafter  {after[key]}");
        }

        // Apart from the signals (suppressed for some), every caller gets the same figures.
        foreach (var (key, figures) in before.Where(p => !p.Key.Contains("needsVersusOffering", StringComparison.Ordinal) && !p.Key.Contains("annualReview", StringComparison.Ordinal) && !p.Key.Contains("SIGNALS", StringComparison.Ordinal)))
        {
            var anonymousKey = "anonymous" + key[key.IndexOf(' ', StringComparison.Ordinal)..];
            Assert.True(figures == before[anonymousKey], $"{key} differs from what anonymous sees:\n{figures}\n{before[anonymousKey]}");
        }
    }

    [SkippableFact]
    public async Task Natural_person_shareholders_are_counted_exactly_for_the_official_and_suppressed_below_the_threshold_for_others()
    {
        var w = await DashboardWorld.CreateAsync(app());
        const string selection = "smallCellThreshold funding { shareholders { company { name } naturalPersons { value suppressed } organisations } }";
        var company = await AddShareholdersAsync(w, persons: 2, organisations: 1);

        // O6's company works in B2: two residents hold shares on 2025-12-31 (a third only until 2025-06-30), O1 holds some too.
        var anonymous = await w.DashboardAsync(app(), selection);
        var resident = await w.DashboardAsync(app(), selection, token: Tokens.Mint($"resident-{Guid.NewGuid():N}", "resident"));
        var official = await w.DashboardAsync(app(), selection, token: w.OfficialToken);
        Assert.Equal(5, anonymous["smallCellThreshold"]!.GetValue<int>());
        Assert.Equal("""[{"naturalPersons":{"value":null,"suppressed":true},"organisations":1}]""", Counts(anonymous));
        Assert.Equal(Counts(anonymous), Counts(resident));
        Assert.Equal("""[{"naturalPersons":{"value":2,"suppressed":false},"organisations":1}]""", Counts(official));

        // Three more residents: five, the threshold itself, is shown to everyone.
        await AddShareholdersAsync(w, persons: 3, organisations: 0, company);
        Assert.Equal("""[{"naturalPersons":{"value":5,"suppressed":false},"organisations":1}]""", Counts(await w.DashboardAsync(app(), selection)));
        Assert.Equal("""[{"naturalPersons":{"value":5,"suppressed":false},"organisations":1}]""", Counts(await w.DashboardAsync(app(), selection, token: w.OfficialToken)));

        static string Counts(System.Text.Json.Nodes.JsonNode d) =>
            new System.Text.Json.Nodes.JsonArray([.. d["funding"]!["shareholders"]!.AsArray().Select(c => (System.Text.Json.Nodes.JsonNode)new System.Text.Json.Nodes.JsonObject
            {
                ["naturalPersons"] = c!["naturalPersons"]!.DeepClone(),
                ["organisations"] = c["organisations"]!.DeepClone(),
            })]).ToJsonString();
    }

    /// <summary>Adds natural-person and organisation shareholders to O6's company (a share class first, when none is given).</summary>
    private async Task<Guid> AddShareholdersAsync(DashboardWorld w, int persons, int organisations, Guid? shareClass = null)
    {
        await using var db = await app().OpenDbAsync();
        var company = await db.NeighbourhoodCompanies.SingleAsync(c => c.OrganisationId == w.Organisations["O6"].Id);
        var @class = shareClass ?? Guid.NewGuid();
        if (shareClass is null)
        {
            db.Add(new ShareClass { Id = @class, CompanyId = company.Id, Name = "Gewoon", NominalValueCents = 1_00 });
            var leaver = new Person { DisplayName = $"Vertrokken aandeelhouder {Guid.NewGuid():N}" };
            db.Add(leaver);
            db.Add(new Shareholding { ShareClassId = @class, HolderPersonId = leaver.Id, Shares = 10, From = new(2024, 1, 1), Until = new(2025, 6, 30) });
        }

        for (var i = 0; i < persons; i++)
        {
            var holder = new Person { DisplayName = $"Aandeelhouder {Guid.NewGuid():N}" };
            db.Add(holder);
            db.Add(new Shareholding { ShareClassId = @class, HolderPersonId = holder.Id, Shares = 5, From = new(2025, 1, 1) });
        }

        for (var i = 0; i < organisations; i++)
        {
            db.Add(new Shareholding { ShareClassId = @class, HolderOrganisationId = w.Organisations["O1"].Id, Shares = 50, From = new(2024, 1, 1) });
        }

        await db.SaveChangesAsync();
        return @class;
    }

    /// <summary>Every dashboard section and a set of grouped counts, for the municipality and two areas, per caller.</summary>
    private async Task<Dictionary<string, string>> SnapshotAsync(DashboardWorld w, Dictionary<string, string?> callers)
    {
        var snapshot = new Dictionary<string, string>();
        foreach (var (caller, token) in callers)
        {
            foreach (var place in new Infrastructuur.Api.Data.Entity?[] { null, w.Areas["A1"], w.Areas["A2"] })
            {
                foreach (var section in Sections)
                {
                    var d = await w.DashboardAsync(app(), section, place: place, token: token);
                    snapshot[$"{caller} {place?.Id} {section[..section.IndexOf(' ', StringComparison.Ordinal)]}"] = d.ToJsonString();
                }
            }

            foreach (var counts in Counts)
            {
                var response = await app().QueryAsync($"{{ counts({counts}, filterBy: {{ municipality: \"{w.Id(w.Municipality)}\" }}) {{ keys {{ dimension value label }} count suppressed capacity {{ sum min max average }} amountAwarded {{ sum min max average }} }} }}", token: token);
                response.AssertOk();
                snapshot[$"{caller} counts {counts}"] = response.Data!["counts"]!.ToJsonString();
            }
        }

        return snapshot;
    }

    /// <summary>
    /// Rows nobody but their owners, officials and admins may see: an ACTIVE activity (with reach, answering a signal) of
    /// the draft initiative I2, a draft activity of O1, an awarded grant over two budget lines to I2 with a payment, an
    /// application, I2 in a collaboration, a meeting and the coalition, and a second draft initiative.
    /// </summary>
    private async Task AddHiddenRowsAsync(DashboardWorld w)
    {
        await using var db = await app().OpenDbAsync();
        var i2 = w.Initiatives["I2"].Id;
        var theme = await db.Themes.SingleAsync(t => t.Id == w.Themes["T"].Id);
        var sub = await db.Themes.SingleAsync(t => t.Id == w.Themes["TS"].Id);
        var u = await db.Themes.SingleAsync(t => t.Id == w.Themes["U"].Id);
        var group = await db.TargetGroups.SingleAsync(t => t.Id == w.Groups["G"].Id);
        var h = await db.TargetGroups.SingleAsync(t => t.Id == w.Groups["H"].Id);
        var b1 = await db.Neighbourhoods.SingleAsync(n => n.Id == w.Regions["B1"].Id);
        var b3 = await db.Neighbourhoods.SingleAsync(n => n.Id == w.Regions["B3"].Id);
        var municipality = w.Municipality.Id;

        var ofDraft = new Activity
        {
            Name = "Verborgen activiteit van I2", Status = ActivityStatus.Active, MunicipalityId = municipality, ProviderInitiativeId = i2,
            Themes = [theme, u], TargetGroups = [group, h], Neighbourhoods = [b1, b3], Capacity = 50, LastVerifiedOn = new(2025, 6, 1),
            Schedule = ActivitySchedule.Period(new(2025, 2, 1), new(2025, 11, 30)),
        };
        var draft = new Activity
        {
            Name = "Concept van O1", Status = ActivityStatus.Draft, MunicipalityId = municipality, ProviderOrganisationId = w.Organisations["O1"].Id,
            Themes = [sub], TargetGroups = [group], Neighbourhoods = [b1], Capacity = 7, Schedule = ActivitySchedule.Period(new(2025, 3, 1), null),
        };
        db.AddRange(ofDraft, draft);
        db.Add(new ReachRecord { Activity = ofDraft, PeriodStart = new(2025, 3, 1), PeriodEnd = new(2025, 6, 30), Count = 25, NeighbourhoodId = b1.Id });
        db.Add(new ReachRecord { Activity = draft, PeriodStart = new(2025, 3, 1), PeriodEnd = new(2025, 6, 30), Count = 9 });
        var signal = await db.Signals.SingleAsync(s => s.MunicipalityId == municipality && s.ObservedOn == new DateOnly(2025, 8, 1));
        db.Add(new SignalResponse { SignalId = signal.Id, ActivityId = ofDraft.Id });

        var funder = w.Organisations["O5"].Id;
        var l1 = new BudgetLine { FunderId = funder, Year = 2025, Name = "Verborgen lijn 1", Iv3TaskField = "6.2", Column = "6.2", AmountBudgetedCents = 1_000_00 };
        var l2 = new BudgetLine { FunderId = funder, Year = 2025, Name = "Verborgen lijn 2", Iv3TaskField = "7.1", Column = "7.1", AmountBudgetedCents = 1_000_00 };
        var toDraft = new Grant
        {
            Identifier = $"360G-hidden-{Guid.NewGuid():N}", Title = "Aan een concept-initiatief", FunderId = funder, RecipientInitiativeId = i2, Status = GrantStatus.Disbursed,
            AppliedOn = new(2025, 1, 1), AwardDate = new(2025, 6, 1), AmountAppliedForCents = 70_00, AmountAwardedCents = 70_00,
            BeneficiaryNeighbourhoods = [b1], Themes = [theme],
            Allocations = [new() { BudgetLine = l1, AmountCents = 30_00 }, new() { BudgetLine = l2, AmountCents = 40_00 }],
        };
        toDraft.Disbursements = [new() { PaidOn = new(2025, 7, 1), AmountCents = 20_00, BudgetLineId = l1.Id }];
        var application = new Grant
        {
            Identifier = $"360G-hidden-{Guid.NewGuid():N}", Title = "Aanvraag", FunderId = funder, RecipientOrganisationId = w.Organisations["O2"].Id, Status = GrantStatus.Applied,
            AppliedOn = new(2025, 5, 1), AmountAppliedForCents = 500_00, BeneficiaryNeighbourhoods = [b3], Themes = [u],
        };
        db.AddRange(l1, l2, toDraft, application);

        db.Add(new Collaboration { Purpose = "Met een concept", StartsOn = new(2025, 1, 1), MunicipalityId = municipality, Parties = [new() { OrganisationId = w.Organisations["O3"].Id }, new() { InitiativeId = i2 }] });
        db.Add(new NetworkMeeting { Title = "M3", Date = new(2025, 6, 1), MunicipalityId = municipality, Participants = [new() { OrganisationId = w.Organisations["O4"].Id }, new() { InitiativeId = i2 }] });
        var coalition = await db.Coalitions.SingleAsync(c => c.MunicipalityId == municipality);
        db.Add(new CoalitionMember { CoalitionId = coalition.Id, InitiativeId = i2, JoinedOn = new(2025, 1, 1) });
        db.Add(new Initiative { Name = "Tweede concept", Status = InitiativeStatus.Draft, MunicipalityId = municipality, Neighbourhoods = [b1], StartedOn = new(2025, 2, 1), Themes = [theme] });
        await db.SaveChangesAsync();
    }
}

public sealed class SqliteDashboardVisibilityTests(SqliteAppFixture fixture) : DashboardVisibilityTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDashboardVisibilityTests(PostgresAppFixture fixture) : DashboardVisibilityTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
