using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>describeOrganisation, verifyOrganisation, programmes with goals and measurements, and a neighbourhood company's register and reinvestments.</summary>
public abstract class OrganisationProgrammeAndCompanyMutationTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Staff_describe_their_organisation_and_officials_verify_it()
    {
        var w = await MutationWorld.CreateAsync(app());
        var id = Id(w.Own.OrganisationA);
        var described = (await app().MutateAsync("describeOrganisation", new { id, expectedVersion = await w.VersionAsync(w.Own.OrganisationA), description = "School in de wijk", website = "https://school.example" }, w.Staff, "organisation { name description website version }"))
            .Succeeded("describeOrganisation")["organisation"]!;
        Assert.Equal((w.Own.OrganisationA.Name, "School in de wijk", "https://school.example"), (described["name"]!.GetValue<string>(), described["description"]!.GetValue<string>(), described["website"]!.GetValue<string>()));
        var version = described["version"]!.GetValue<int>();
        Assert.Equal("INVALID", (await app().MutateAsync("describeOrganisation", new { id, expectedVersion = version, website = "javascript:alert(1)" }, w.Staff)).Outcome("describeOrganisation"));
        Assert.Equal("INVALID", (await app().MutateAsync("describeOrganisation", new { id, expectedVersion = version, email = "geen-adres" }, w.Staff)).Outcome("describeOrganisation"));

        var future = MutationWorld.Day(3);
        Assert.Equal("OUT_OF_RANGE", (await app().MutateAsync("verifyOrganisation", new { id, expectedVersion = version, verifiedOn = future }, w.Official)).Outcome("verifyOrganisation"));
        var verified = (await app().MutateAsync("verifyOrganisation", new { id, expectedVersion = version }, w.Official, "organisation { lastVerifiedOn }")).Succeeded("verifyOrganisation");
        Assert.Equal(MutationWorld.Day(0), verified["organisation"]!["lastVerifiedOn"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task A_programme_is_created_in_the_municipality_of_its_regions_and_collects_goals_and_measurements()
    {
        var w = await MutationWorld.CreateAsync(app());
        object Create(string[] initiatives, string endsOn = "2029-12-31") => new
        {
            name = "Mooi Mooier (test)",
            startsOn = "2025-01-01",
            endsOn,
            writtenBy = "bewoners",
            owner = Id(w.Own.OrganisationA),
            neighbourhoods = new[] { Id(w.Own.BuurtA) },
            initiatives,
        };

        // Published, so staff may see them (a draft would be NOT_FOUND, see HiddenRowMutationTests).
        await w.PublishAsync(w.Own.InitiativeA);
        await w.PublishAsync(w.Other.InitiativeA);
        Assert.Equal("OUTSIDE_SCOPE", (await app().MutateAsync("createProgramme", Create([Id(w.Other.InitiativeA)]), w.Staff)).Outcome("createProgramme"));
        Assert.Equal("DATE_ORDER", (await app().MutateAsync("createProgramme", Create([], "2024-12-31"), w.Staff)).Outcome("createProgramme"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("createProgramme", Create([]), w.OtherStaff)).Outcome("createProgramme"));
        var programme = (await app().MutateAsync("createProgramme", Create([Id(w.Own.InitiativeA)]), w.Staff, "programme { id status municipality { name } participants { __typename } }"))
            .Succeeded("createProgramme")["programme"]!;
        Assert.Equal(("DRAFT", w.Own.Municipality.Name), (programme["status"]!.GetValue<string>(), programme["municipality"]!["name"]!.GetValue<string>()));

        var programmeId = programme["id"]!.GetValue<string>();
        var goals = new List<string>();
        foreach (var text in new[] { "Minder schulden", "Gezonde kinderen" })
        {
            var goal = (await app().MutateAsync("addProgrammeGoal", new { programme = programmeId, text, theme = Id(w.Own.Theme), indicator = "huishoudens", baseline = 120.5m, baselineYear = 2024, target = 80m, targetYear = 2029 }, w.Official, "goal { id text }"))
                .Succeeded("addProgrammeGoal")["goal"]!;
            goals.Add(goal["id"]!.GetValue<string>());
        }

        Assert.Equal("OUT_OF_RANGE", (await app().MutateAsync("addProgrammeGoal", new { programme = programmeId, text = "Terug in de tijd", baselineYear = 2024, targetYear = 2020 }, w.Staff)).Outcome("addProgrammeGoal"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("addProgrammeGoal", new { programme = programmeId, text = "Bewoner" }, w.Resident)).Outcome("addProgrammeGoal"));
        (await app().MutateAsync("recordGoalMeasurement", new { goal = goals[0], measuredOn = "2025-06-01", value = 110.25m, note = "peiling" }, w.Staff)).Succeeded("recordGoalMeasurement");
        Assert.Equal("OUT_OF_RANGE", (await app().MutateAsync("recordGoalMeasurement", new { goal = goals[0], measuredOn = "2999-01-01", value = 1m }, w.Staff)).Outcome("recordGoalMeasurement"));

        var read = await app().QueryAsync("""query($id: ID!) { programme(id: $id) { goals { text measurements(first: 5) { nodes { value } } } } }""", new { id = programmeId });
        var list = read.AssertOk().Data!["programme"]!["goals"]!.AsArray();
        Assert.Equal(["Minder schulden", "Gezonde kinderen"], list.Select(g => g!["text"]!.GetValue<string>()));
        Assert.Equal(110.25, list[0]!["measurements"]!["nodes"]![0]!["value"]!.GetValue<double>());
    }

    [SkippableFact]
    public async Task A_neighbourhood_company_records_holdings_and_reinvestments_that_add_up()
    {
        var w = await MutationWorld.CreateAsync(app());
        var company = new NeighbourhoodCompany { OrganisationId = w.Own.OrganisationA.Id, Purpose = "Wijk-BV (test)" };
        var shares = new ShareClass { Name = "Gewoon", NominalValueCents = 100 };
        company.ShareClasses.Add(shares);
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(company);
            await db.SaveChangesAsync();
        }

        var holding = await app().MutateAsync("recordShareholding", new { shareClass = Id(shares), holder = Id(w.Resident.Person), shares = 10, startsOn = "2025-01-01" }, w.Staff,
            "company { shareholdingSummary(on: \"2025-06-01\") { naturalPersonHolderCount naturalPersonHolderCountSuppressed totalSharesIssued } }");
        var summary = holding.Succeeded("recordShareholding")["company"]!["shareholdingSummary"]!;
        // One resident holder is a small cell: the company's own staff may not read the register, so they get no count,
        // nor a total that holds the resident's shares.
        Assert.True(summary["naturalPersonHolderCountSuppressed"]!.GetValue<bool>());
        Assert.Null(summary["totalSharesIssued"]);
        Assert.Null(summary["naturalPersonHolderCount"]);
        Assert.DoesNotContain(w.Resident.Person.DisplayName, holding.Text, StringComparison.Ordinal);
        Assert.Equal("OUT_OF_RANGE", (await app().MutateAsync("recordShareholding", new { shareClass = Id(shares), holder = Id(w.Own.OrganisationB), shares = 0, startsOn = "2025-01-01" }, w.Staff)).Outcome("recordShareholding"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("recordShareholding", new { shareClass = Id(shares), holder = Id(w.Own.OrganisationB), shares = 1, startsOn = "2025-01-01" }, w.OtherStaff)).Outcome("recordShareholding"));

        // A reinvestment in a draft initiative is hidden from the company's staff, as the draft is.
        await w.PublishAsync(w.Own.InitiativeA);
        object Reinvest(int year, params (string? Initiative, string? Theme, decimal Amount)[] allocations) => new
        {
            company = Id(company),
            year,
            profit = 5000m,
            amountReinvested = 3000m,
            decidedAt = "Algemene vergadering",
            allocations = allocations.Select(a => new { initiative = a.Initiative, theme = a.Theme, amount = WireNumbers.Text(a.Amount) }).ToArray(),
        };
        var mismatch = await app().MutateAsync("recordReinvestment", Reinvest(2025, (Id(w.Own.InitiativeA), null, 2000m), (null, Id(w.Own.Theme), 999.99m)), w.Staff);
        Assert.Equal("ALLOCATION_MISMATCH", mismatch.Outcome("recordReinvestment"));
        Assert.Equal("REQUIRED", (await app().MutateAsync("recordReinvestment", Reinvest(2025, (null, null, 3000m)), w.Staff)).Outcome("recordReinvestment"));
        await using (var db = await app().OpenDbAsync())
        {
            Assert.Equal(0, await db.Reinvestments.CountAsync(r => r.CompanyId == company.Id));
        }

        var recorded = (await app().MutateAsync("recordReinvestment", Reinvest(2025, (Id(w.Own.InitiativeA), null, 2000m), (null, Id(w.Own.Theme), 1000m)), w.Staff, "reinvestment { amountReinvested allocations { amount } }"))
            .Succeeded("recordReinvestment")["reinvestment"]!;
        Assert.Equal(3000m, recorded["allocations"]!.AsArray().Sum(a => a!["amount"].Exact()));
        Assert.Equal("DUPLICATE", (await app().MutateAsync("recordReinvestment", Reinvest(2025, (Id(w.Own.InitiativeA), null, 3000m)), w.Staff)).Outcome("recordReinvestment"));
    }
}

public sealed class SqliteOrganisationProgrammeAndCompanyMutationTests(SqliteAppFixture fixture) : OrganisationProgrammeAndCompanyMutationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresOrganisationProgrammeAndCompanyMutationTests(PostgresAppFixture fixture) : OrganisationProgrammeAndCompanyMutationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
