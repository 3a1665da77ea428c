using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Funding.FundingData;

namespace Infrastructuur.Tests.Funding;

/// <summary>Grants and budget lines over GraphQL: exact money, allocations, recipients, filters and keyset paging, on each engine.</summary>
public abstract class GrantTests(Func<TestApp> app)
{
    private const string GrantFields = "identifier amountAwarded amountDisbursed";

    [SkippableFact]
    public async Task Amounts_are_exact_to_the_cent_both_ways()
    {
        var funder = Organisation();
        var grant = Grant(funder, Organisation(OrganisationKind.Welfare), 12_345_67, new DateOnly(2025, 3, 1), GrantStatus.Disbursed);
        grant.Disbursements = [Paid(10, on: new DateOnly(2025, 4, 1)), Paid(20, on: new DateOnly(2025, 5, 1))];
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(grant);
            await db.SaveChangesAsync();
        }

        var response = await app().QueryAsync($$"""{ grant(id: "{{Id(grant)}}") { {{GrantFields}} disbursements { amount } } }""");

        response.AssertOk();
        Assert.Contains("\"amountAwarded\":\"12345.67\"", response.Text, StringComparison.Ordinal);
        Assert.Contains("\"amountDisbursed\":\"0.30\"", response.Text, StringComparison.Ordinal);
        Assert.Equal(0.3m, response.Data!["grant"]!["amountDisbursed"].Money());
        Assert.Equal([0.10m, 0.20m], response.Data!["grant"]!["disbursements"]!.AsArray().Select(d => d!["amount"].Money()));

        // Input is exact as well: a string (variable or literal) or a whole number of euros; a third decimal is refused, not
        // rounded, and so is a JSON number or literal with a fraction, which GraphQL.NET would read as a binary double.
        var query = $$"""query($min: Money) { grants(first: 5, filterBy: { funder: "{{Id(funder)}}", minAmountAwarded: $min }) { totalCount } }""";
        async Task<int> CountAsync(object min) => (await app().QueryAsync(query, new { min })).AssertOk().Data!["grants"]!["totalCount"]!.GetValue<int>();
        Assert.Equal(1, await CountAsync("12345.67"));
        Assert.Equal(0, await CountAsync("12345.68"));
        Assert.Equal(1, await CountAsync(12345));
        Assert.Equal(0, await CountAsync(12346));
        var literal = await app().QueryAsync($$"""{ grants(first: 5, filterBy: { funder: "{{Id(funder)}}", minAmountAwarded: "12345.67" }) { totalCount } }""");
        Assert.Equal(1, literal.AssertOk().Data!["grants"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await app().QueryAsync(query, new { min = "12345.671" })).FirstErrorCode);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await app().QueryAsync(query, new { min = 12345.67m })).FirstErrorCode);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", (await app().QueryAsync($$"""{ grants(first: 5, filterBy: { funder: "{{Id(funder)}}", minAmountAwarded: 12345.67 }) { totalCount } }""")).FirstErrorCode);
    }

    /// <summary>JavaScript reads the JSON number 160000.00 as 160000: a round amount keeps its cents only as a string.</summary>
    [SkippableFact]
    public async Task A_round_amount_arrives_as_a_string_with_its_cents()
    {
        var grant = Grant(Organisation(), Organisation(OrganisationKind.Welfare), 16_000_000, new DateOnly(2025, 3, 1), GrantStatus.Awarded);
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(grant);
            await db.SaveChangesAsync();
        }

        var response = await app().QueryAsync($$"""{ grant(id: "{{Id(grant)}}") { amountAwarded amountDisbursed } }""");

        response.AssertOk();
        Assert.Contains("\"amountAwarded\":\"160000.00\"", response.Text, StringComparison.Ordinal);
        Assert.Contains("\"amountDisbursed\":\"0.00\"", response.Text, StringComparison.Ordinal);
        Assert.Equal(System.Text.Json.JsonValueKind.String, response.Data!["grant"]!["amountAwarded"]!.GetValueKind());
    }

    [SkippableFact]
    public async Task Demo_programme_grant_draws_on_three_columns_whose_allocations_add_up_to_the_award()
    {
        var response = await app().QueryAsync($$"""
            { programmes(first: 20) { nodes { name grants(first: 10) { nodes { {{GrantFields}} columnCount funder { name }
                allocations { amount budgetLine { iv3TaskField year funder { name } } } } } } } }
            """);

        response.AssertOk();
        var programme = response.Data!["programmes"].Nodes().Single(p => p["name"]!.GetValue<string>() == DemoFunding.ProgrammeName);
        var grant = programme["grants"].Nodes().Single(g => g["identifier"]!.GetValue<string>() == DemoFunding.ProgrammeGrantIdentifier);
        Assert.Equal(3, grant["columnCount"]!.GetValue<int>());
        var allocations = grant["allocations"]!.AsArray().Select(a => a!).ToList();
        Assert.Equal(152_437.50m, grant["amountAwarded"].Money());
        Assert.Equal(grant["amountAwarded"].Money(), allocations.Sum(a => a["amount"].Money()));
        Assert.Equal(["6.1", "6.2", "7.1"], allocations.Select(a => a["budgetLine"]!["iv3TaskField"]!.GetValue<string>()).Order(StringComparer.Ordinal));
        Assert.All(allocations, a => Assert.Equal("Gemeente Rotterdam", a["budgetLine"]!["funder"]!["name"]!.GetValue<string>()));
        Assert.True(grant["amountDisbursed"].Money() <= grant["amountAwarded"].Money());
    }

    [SkippableFact]
    public async Task Recipient_resolves_to_an_initiative_an_organisation_or_a_programme()
    {
        var funder = Organisation();
        await using var db = await app().OpenDbAsync();
        var rotterdam = await RotterdamAsync(db);
        var initiative = Initiative(rotterdam);
        var organisation = Organisation(OrganisationKind.School);
        var programme = Programme(rotterdam, organisation);
        (string Kind, Entity Recipient, string Name)[] recipients = [("Initiative", initiative, initiative.Name), ("Organisation", organisation, organisation.Name), ("Programme", programme, programme.Name)];
        var grants = recipients.ToDictionary(r => Grant(funder, r.Recipient, 1_000_00, new DateOnly(2025, 5, 1)), r => (r.Kind, r.Name));
        db.AddRange(grants.Keys);
        await db.SaveChangesAsync();

        var response = await app().QueryAsync($$"""
            { organisation(id: "{{Id(funder)}}") { grantsFunded(first: 10) { totalCount nodes { identifier
                recipient { __typename ... on Initiative { name } ... on Organisation { name } ... on Programme { name } } } } }
              i: initiative(id: "{{Id(initiative)}}") { grants(first: 5) { totalCount } }
              o: organisation(id: "{{Id(organisation)}}") { grantsReceived(first: 5) { totalCount } grantsFunded(first: 5) { totalCount } }
              p: programme(id: "{{Id(programme)}}") { grants(first: 5) { totalCount } }
              byRecipient: grants(first: 5, filterBy: { recipient: "{{Id(programme)}}" }) { nodes { identifier } } }
            """);

        response.AssertOk();
        var funded = response.Data!["organisation"]!["grantsFunded"].Nodes();
        Assert.Equal(3, funded.Count);
        foreach (var node in funded)
        {
            var expected = grants.Single(g => g.Key.Identifier == node["identifier"]!.GetValue<string>()).Value;
            Assert.Equal(expected.Kind, node["recipient"]!["__typename"]!.GetValue<string>());
            Assert.Equal(expected.Name, node["recipient"]!["name"]!.GetValue<string>());
        }

        Assert.Equal(1, response.Data!["i"]!["grants"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(1, response.Data!["o"]!["grantsReceived"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(0, response.Data!["o"]!["grantsFunded"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(1, response.Data!["p"]!["grants"]!["totalCount"]!.GetValue<int>());
        Assert.Equal([grants.Single(g => g.Value.Kind == "Programme").Key.Identifier], response.Data!["byRecipient"].Nodes().Strings("identifier"));

        var wrongKind = await app().QueryAsync($$"""{ grants(first: 5, filterBy: { recipient: "{{Id(new Theme { Code = "x", NameNl = "x", NameEn = "x" })}}" }) { totalCount } }""");
        Assert.Equal("BAD_REQUEST", wrongKind.FirstErrorCode);
    }

    [SkippableFact]
    public async Task Filters_by_award_year_theme_with_sub_themes_neighbourhood_with_children_and_status()
    {
        var funder = Organisation();
        await using var db = await app().OpenDbAsync();
        var themes = await db.Themes.ToDictionaryAsync(t => t.Code);
        var places = await db.Neighbourhoods.ToListAsync();
        var middelland = places.Single(n => n.CbsCode == DemoData.MiddellandCode);
        var delfshaven = places.Single(n => n.CbsCode == DemoData.DelfshavenCode);
        var waterland = places.Single(n => n.Name == "Waterland");
        var recipient = Organisation(OrganisationKind.Welfare);
        var a = Grant(funder, recipient, 500_00, new DateOnly(2025, 6, 1));
        a.Themes = [themes[DemoTaxonomy.HealthyFood]];
        a.BeneficiaryNeighbourhoods = [middelland];
        var b = Grant(funder, recipient, 700_00, new DateOnly(2024, 12, 31));
        b.Themes = [themes[DemoTaxonomy.DebtPoverty]];
        b.BeneficiaryNeighbourhoods = [waterland];
        var c = Grant(funder, recipient, null, null, GrantStatus.Applied, appliedOn: new DateOnly(2025, 2, 1));
        c.Themes = [themes[DemoTaxonomy.YouthResilience]];
        c.BeneficiaryNeighbourhoods = [delfshaven];
        var d = Grant(funder, recipient, 900_00, new DateOnly(2026, 1, 1));
        d.Themes = [themes[DemoTaxonomy.HealthyFamilies]];
        db.AddRange(a, b, c, d);
        await db.SaveChangesAsync();

        async Task<List<string>> GrantsAsync(string filter)
        {
            // As an administrator: applications are not public (the visibility of grants is tested under Access).
            var response = await app().QueryAsync($$"""{ grants(first: 20, filterBy: { funder: "{{Id(funder)}}", {{filter}} }) { nodes { identifier } } }""", token: Tokens.Mint("grant-filter-admin", "admin"));
            return response.AssertOk().Data!["grants"].Nodes().Strings("identifier");
        }

        Assert.Equal([a.Identifier], await GrantsAsync("year: 2025"));
        Assert.Equal([b.Identifier], await GrantsAsync("year: 2024"));
        Assert.Equal([d.Identifier, a.Identifier], await GrantsAsync($"themes: [\"{Id(themes[DemoTaxonomy.HealthyFamilies])}\"]"));
        Assert.Equal([a.Identifier], await GrantsAsync($"themes: [\"{Id(themes[DemoTaxonomy.HealthyFood])}\"]"));
        Assert.Equal([a.Identifier, c.Identifier], await GrantsAsync($"neighbourhood: \"{Id(delfshaven)}\""));
        Assert.Equal([a.Identifier], await GrantsAsync($"neighbourhood: \"{Id(middelland)}\""));
        Assert.Equal([c.Identifier], await GrantsAsync("statuses: [APPLIED, REJECTED]"));
        Assert.Equal([a.Identifier], await GrantsAsync($"year: 2025, neighbourhood: \"{Id(delfshaven)}\", statuses: [AWARDED]"));
        Assert.Equal([d.Identifier, b.Identifier], await GrantsAsync("minAmountAwarded: 700"));
    }

    [SkippableFact]
    public async Task Keyset_paging_over_grants_neither_repeats_nor_skips_while_grants_are_added()
    {
        var funder = Organisation();
        var recipient = Organisation(OrganisationKind.Welfare);
        DateOnly[] dates = [new(2025, 3, 1), new(2025, 3, 1), new(2025, 3, 1), new(2025, 2, 1), new(2025, 2, 1), new(2025, 1, 15), new(2024, 11, 30), new(2024, 6, 1)];
        var grants = dates.Select(on => Grant(funder, recipient, 100_00, on)).ToList();
        grants.Add(Grant(funder, recipient, null, null, GrantStatus.Applied, appliedOn: new DateOnly(2025, 2, 1)));
        await using (var db = await app().OpenDbAsync())
        {
            db.AddRange(grants);
            await db.SaveChangesAsync();
        }

        var query = $$"""query($after: String) { grants(first: 2, after: $after, filterBy: { funder: "{{Id(funder)}}" }) { nodes { identifier } pageInfo { hasNextPage endCursor } } }""";
        var seen = new List<string>();
        string? after = null;
        var newer = Grant(funder, recipient, 100_00, new DateOnly(2025, 12, 1));
        var older = Grant(funder, recipient, 100_00, new DateOnly(2020, 1, 1));
        for (var page = 0; page < 20; page++)
        {
            var connection = (await app().QueryAsync(query, new { after }, token: Tokens.Mint("grant-paging-admin", "admin"))).AssertOk().Data!["grants"]!;
            seen.AddRange(connection.Nodes().Strings("identifier"));
            if (page == 0)
            {
                // One grant lands before the cursor (never shown on later pages), one after it (shown once, at the end).
                await using var db = await app().OpenDbAsync();
                db.AttachRange(funder, recipient);
                db.AddRange(newer, older);
                await db.SaveChangesAsync();
            }

            if (!connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = connection["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        // Newest first; ties in date by id, descending, as the database orders uuids.
        var expected = grants.Append(older)
            .OrderByDescending(g => g.AwardDate ?? g.AppliedOn)
            .ThenByDescending(g => g.Id.ToString("N"), StringComparer.Ordinal)
            .Select(g => g.Identifier);
        Assert.Equal(expected, seen);
        Assert.DoesNotContain(newer.Identifier, seen);

        var last = await app().QueryAsync($$"""{ grants(last: 3, filterBy: { funder: "{{Id(funder)}}" }) { nodes { identifier } } }""");
        Assert.Equal(expected.TakeLast(3), last.AssertOk().Data!["grants"].Nodes().Strings("identifier"));
    }

    [SkippableFact]
    public async Task Budget_lines_filter_by_funder_year_and_iv3_task_field_and_refuse_a_malformed_task_field()
    {
        var funder = Organisation(OrganisationKind.Municipality);
        var line2025 = Line(funder, 2025, "6.1");
        var other = Line(funder, 2025, "7.1");
        var line2026 = Line(funder, 2026, "6.1");
        var grant = Grant(funder, Organisation(OrganisationKind.Welfare), 300_00, new DateOnly(2025, 4, 1));
        grant.Allocations = [From(line2025, 100_00), From(other, 200_00)];
        await using var db = await app().OpenDbAsync();
        db.AddRange(line2025, other, line2026, grant);
        await db.SaveChangesAsync();

        var response = await app().QueryAsync($$"""
            { budgetLines(first: 10, filterBy: { funder: "{{Id(funder)}}", year: 2025, iv3TaskField: "6.1" }) { nodes { name amountBudgeted amountAllocated
                grantAllocations(first: 5) { totalCount nodes { amount grant { identifier } } } } }
              organisation(id: "{{Id(funder)}}") { budgetLines(first: 10) { totalCount } } }
            """);

        response.AssertOk();
        var line = Assert.Single(response.Data!["budgetLines"].Nodes());
        Assert.Equal(line2025.Name, line["name"]!.GetValue<string>());
        Assert.Equal(100.00m, line["amountAllocated"].Money());
        Assert.Equal([grant.Identifier], line["grantAllocations"]!["nodes"]!.AsArray().Select(a => a!["grant"]!["identifier"]!.GetValue<string>()));
        Assert.Equal(3, response.Data!["organisation"]!["budgetLines"]!["totalCount"]!.GetValue<int>());

        // The Iv3 shape is checked in code and, for any other write path, by the database.
        foreach (var bad in new[] { "61", "6.123", "6.1\n", "a.1", "\u0666.1" })
        {
            Assert.Throws<ArgumentException>(() => Line(funder, iv3: bad));
        }

        await Assert.ThrowsAnyAsync<Exception>(() => db.BudgetLines.Where(b => b.Id == line2026.Id).ExecuteUpdateAsync(s => s.SetProperty(b => b.Iv3TaskField, "6.x")));
        Assert.Equal("6.1", await db.BudgetLines.Where(b => b.Id == line2026.Id).Select(b => b.Iv3TaskField).SingleAsync());
    }
}

public sealed class SqliteGrantTests(SqliteAppFixture fixture) : GrantTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresGrantTests(PostgresAppFixture fixture) : GrantTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
