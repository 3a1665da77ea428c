using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Funding.FundingData;

namespace Infrastructuur.Tests.Funding;

/// <summary>Programmes over GraphQL: goals, participants, filters and funding by source, on each engine.</summary>
public abstract class ProgrammeTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Funding_by_source_sums_awarded_and_disbursed_per_funder_and_budget_line()
    {
        await using var db = await app().OpenDbAsync();
        var programme = Programme(await RotterdamAsync(db), Organisation(OrganisationKind.Welfare));
        var municipality = Organisation(OrganisationKind.Municipality);
        var fund = Organisation();
        var l1 = Line(municipality, iv3: "6.1");
        var l2 = Line(municipality, iv3: "7.1");
        var on = new DateOnly(2025, 3, 1);

        // Awarded from two lines, paid in three parts booked on them.
        var g1 = Grant(municipality, programme, 1_000_00, on, GrantStatus.Disbursed);
        g1.Allocations = [From(l1, 600_00), From(l2, 400_00)];
        g1.Disbursements = [Paid(250_10, l1), Paid(100_20, l1), Paid(399_99, l2)];
        var g2 = Grant(municipality, programme, 300_50, on);
        g2.Allocations = [From(l1, 300_50)];

        // A fund without budget lines: its award and payment fall under "no line".
        var g3 = Grant(fund, programme, 50_00, on, GrantStatus.Settled);
        g3.Disbursements = [Paid(20_00)];

        // None of these count: a rejection, an open application with a planned allocation, a grant to someone else.
        var rejected = Grant(fund, programme, null, null, GrantStatus.Rejected, appliedOn: on);
        var applied = Grant(municipality, programme, null, null, GrantStatus.Applied, appliedOn: on);
        applied.Allocations = [From(l2, 77_00)];
        var elsewhere = Grant(municipality, Organisation(OrganisationKind.School), 5_000_00, on);
        elsewhere.Allocations = [From(l1, 5_000_00)];
        db.AddRange(g1, g2, g3, rejected, applied, elsewhere);
        await db.SaveChangesAsync();

        var response = await app().QueryAsync($$"""
            { programme(id: "{{Id(programme)}}") {
                funding { grantCount funderCount budgetLineCount amountAwarded amountDisbursed }
                fundingBySource { funder { name } budgetLine { name } amountAwarded amountDisbursed }
                grants(first: 10) { totalCount } } }
            """);

        response.AssertOk();
        var result = response.Data!["programme"]!;
        var sources = result["fundingBySource"]!.AsArray().Select(s => (
            Funder: s!["funder"]!["name"]!.GetValue<string>(),
            Line: s["budgetLine"]?["name"]?.GetValue<string>(),
            Awarded: s["amountAwarded"].Money(),
            Disbursed: s["amountDisbursed"].Money()));
        Assert.Equal(
            [(municipality.Name, l1.Name, 900.50m, 350.30m), (municipality.Name, l2.Name, 400.00m, 399.99m), (fund.Name, null, 50.00m, 20.00m)],
            sources);
        var funding = result["funding"]!;
        Assert.Equal(3, funding["grantCount"]!.GetValue<int>());
        Assert.Equal(2, funding["funderCount"]!.GetValue<int>());
        Assert.Equal(2, funding["budgetLineCount"]!.GetValue<int>());
        Assert.Equal(1_350.50m, funding["amountAwarded"].Money());
        Assert.Equal(770.29m, funding["amountDisbursed"].Money());
        // The rejection and the open application are not public; an administrator counts them.
        Assert.Equal(3, result["grants"]!["totalCount"]!.GetValue<int>());
        var admin = await app().QueryAsync($$"""{ programme(id: "{{Id(programme)}}") { funding { grantCount } grants(first: 10) { totalCount } } }""", token: Tokens.Mint("programme-admin", "admin"));
        Assert.Equal(5, admin.AssertOk().Data!["programme"]!["grants"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(3, admin.Data!["programme"]!["funding"]!["grantCount"]!.GetValue<int>());
    }

    [SkippableFact]
    public async Task Programmes_filter_by_municipality_neighbourhood_with_children_theme_with_sub_themes_status_and_day()
    {
        await using var db = await app().OpenDbAsync();
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code);
        var places = await db.Neighbourhoods.Include(n => n.Municipality).ToListAsync();
        var middelland = places.Single(n => n.CbsCode == DemoData.MiddellandCode);
        var delfshaven = places.Single(n => n.CbsCode == DemoData.DelfshavenCode);
        var waterland = places.Single(n => n.Name == "Waterland");
        var owner = Organisation(OrganisationKind.Welfare);
        var rotterdamProgramme = Programme(middelland.Municipality!, owner);
        rotterdamProgramme.Neighbourhoods = [middelland];
        rotterdamProgramme.Themes = [themes[DemoTaxonomy.HealthyFood]];
        var nissewaardProgramme = Programme(waterland.Municipality!, owner);
        nissewaardProgramme.Neighbourhoods = [waterland];
        nissewaardProgramme.Themes = [themes[DemoTaxonomy.DebtPoverty]];
        nissewaardProgramme.Status = ProgrammeStatus.Draft;
        nissewaardProgramme.StartsOn = new DateOnly(2027, 1, 1);
        nissewaardProgramme.EndsOn = new DateOnly(2030, 12, 31);
        db.AddRange(rotterdamProgramme, nissewaardProgramme);
        await db.SaveChangesAsync();

        async Task<List<string>> NamesAsync(string filter)
        {
            var response = await app().QueryAsync($$"""{ programmes(first: 100, filterBy: { {{filter}} }) { nodes { name } } }""");
            var names = response.AssertOk().Data!["programmes"].Nodes().Strings("name");
            return [.. names.Where(n => n == rotterdamProgramme.Name || n == nissewaardProgramme.Name)];
        }

        Assert.Equal([rotterdamProgramme.Name], await NamesAsync($"neighbourhood: \"{Id(delfshaven)}\""));
        Assert.Equal([nissewaardProgramme.Name], await NamesAsync($"municipality: \"{Id(waterland.Municipality!)}\""));
        Assert.Equal([rotterdamProgramme.Name], await NamesAsync($"themes: [\"{Id(themes[DemoTaxonomy.HealthyFamilies])}\"]"));
        Assert.Equal([nissewaardProgramme.Name], await NamesAsync($"themes: [\"{Id(themes[DemoTaxonomy.DebtPoverty])}\"]"));
        Assert.Equal([nissewaardProgramme.Name], await NamesAsync("statuses: [DRAFT, STOPPED]"));
        Assert.Equal([rotterdamProgramme.Name], await NamesAsync("activeOn: \"2025-06-01\""));
        Assert.Equal([nissewaardProgramme.Name], await NamesAsync("activeOn: \"2030-12-31\""));
        Assert.Empty(await NamesAsync($"activeOn: \"2025-06-01\", municipality: \"{Id(waterland.Municipality!)}\""));

        var tooMany = string.Join(", ", Enumerable.Repeat($"\"{Id(themes[DemoTaxonomy.DebtPoverty])}\"", 101));
        var refused = await app().QueryAsync($$"""{ programmes(first: 5, filterBy: { themes: [{{tooMany}}] }) { totalCount } }""");
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", refused.FirstErrorCode);
    }

    [SkippableFact]
    public async Task Demo_programme_has_goals_with_measurements_participants_of_both_kinds_and_an_endorsement()
    {
        var response = await app().QueryAsync("""
            { programmes(first: 20, filterBy: { statuses: [ACTIVE] }) { nodes { id name startsOn endsOn writtenBy endorsedOn owner { name } municipality { cbsCode }
                goals { text baseline baselineYear target targetYear unit theme { code } measurements(first: 10) { totalCount nodes { measuredOn value } } }
                participants { __typename ... on Initiative { name programmes(first: 5) { nodes { name } } } ... on Organisation { name programmes(first: 5) { nodes { name } } } } } } }
            """);

        response.AssertOk();
        var programme = response.Data!["programmes"].Nodes().Single(p => p["name"]!.GetValue<string>() == DemoFunding.ProgrammeName);
        Assert.Equal("2024-01-01", programme["startsOn"]!.GetValue<string>());
        Assert.Equal("2028-12-31", programme["endsOn"]!.GetValue<string>());
        Assert.NotNull(programme["endorsedOn"]);
        Assert.Equal("Stichting Huis van de Wijk Middelland (demo)", programme["owner"]!["name"]!.GetValue<string>());
        Assert.Equal("GM0599", programme["municipality"]!["cbsCode"]!.GetValue<string>());

        var goals = programme["goals"]!.AsArray().Select(g => g!).ToList();
        Assert.InRange(goals.Count, 3, 4);
        Assert.All(goals, g => Assert.True(g["baseline"] is not null && g["target"] is not null && g["baselineYear"]!.GetValue<int>() < g["targetYear"]!.GetValue<int>()));
        Assert.Equal(45.5, goals[^1]["baseline"]!.GetValue<double>());
        var measured = goals.Single(g => g["measurements"]!["totalCount"]!.GetValue<int>() == 2 && g["unit"]!.GetValue<string>() == "children");
        Assert.Equal(["2024-09-01", "2025-09-01"], measured["measurements"].Nodes().Strings("measuredOn"));
        Assert.Equal(1000, measured["measurements"].Nodes()[1]["value"]!.GetValue<double>());

        var participants = programme["participants"]!.AsArray().Select(p => p!).ToList();
        Assert.Contains(participants, p => p["__typename"]!.GetValue<string>() == "Initiative");
        Assert.Contains(participants, p => p["__typename"]!.GetValue<string>() == "Organisation");
        Assert.All(participants, p => Assert.Contains(DemoFunding.ProgrammeName, p["programmes"].Nodes().Strings("name")));
        var names = participants.Strings("name");
        Assert.Equal(names.OrderBy(TextKey.Fold, StringComparer.Ordinal), names);
    }
}

public sealed class SqliteProgrammeTests(SqliteAppFixture fixture) : ProgrammeTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresProgrammeTests(PostgresAppFixture fixture) : ProgrammeTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
