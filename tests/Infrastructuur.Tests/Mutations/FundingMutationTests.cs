using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>applyForGrant, awardGrant, rejectGrant and recordDisbursement: happy paths and main user errors.</summary>
public abstract class FundingMutationTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task An_application_gets_a_server_identifier_and_records_its_applicant()
    {
        var w = await MutationWorld.CreateAsync(app());
        var (existing, _, _) = await w.GrantAsync(w.Own, applicant: null);
        var grant = (await app().MutateAsync("applyForGrant", new
        {
            name = "Zomerkamp",
            funder = Id(existing.Funder!),
            recipient = Id(w.Own.InitiativeA),
            amountAppliedFor = "2500.75",
            plannedStartsOn = "2025-07-01",
            plannedEndsOn = "2025-08-31",
            themes = new[] { Id(w.Own.Theme) },
            beneficiaryNeighbourhoods = new[] { Id(w.Own.BuurtA) },
        }, w.Coordinator, "grant { id identifier status amountAppliedFor amountAwarded appliedOn recipient { __typename } }")).Succeeded("applyForGrant")["grant"]!;

        Assert.StartsWith("360G-INFRA-", grant["identifier"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(("APPLIED", 2500.75m, "Initiative"), (grant["status"]!.GetValue<string>(), grant["amountAppliedFor"].Exact(), grant["recipient"]!["__typename"]!.GetValue<string>()));
        Assert.Null(grant["amountAwarded"]);
        await using var db = await app().OpenDbAsync();
        Assert.Equal(w.Coordinator.Person.Id, (await db.Grants.SingleAsync(g => g.Identifier == grant["identifier"]!.GetValue<string>())).AppliedByPersonId);

        var input = new { name = "Nul", funder = Id(existing.Funder!), recipient = Id(w.Own.InitiativeA), amountAppliedFor = 0m };
        Assert.Equal("OUT_OF_RANGE", (await app().MutateAsync("applyForGrant", input, w.Coordinator)).Outcome("applyForGrant"));
        Assert.Equal("NOT_FOUND", (await app().MutateAsync("applyForGrant", input, w.OtherCoordinator)).Outcome("applyForGrant"));
        Assert.Equal("INVALID", (await app().MutateAsync("applyForGrant", new { name = "x", funder = Id(existing.Funder!), recipient = Id(w.Own.Theme), amountAppliedFor = 1m }, w.Coordinator)).Outcome("applyForGrant"));

        var programme = new Programme { Name = $"Programma {Guid.NewGuid():N}", StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2029, 12, 31), OwnerId = w.Own.OrganisationA.Id, MunicipalityId = w.Own.Municipality.Id };
        db.Add(programme);
        await db.SaveChangesAsync();
        Assert.Equal("OK", (await app().MutateAsync("applyForGrant", new { name = "Programma", funder = Id(existing.Funder!), recipient = Id(programme), amountAppliedFor = 10000m }, w.Staff)).Outcome("applyForGrant"));
    }

    [SkippableFact]
    public async Task An_official_never_decides_on_a_grant_they_applied_for_but_a_colleague_may()
    {
        var w = await MutationWorld.CreateAsync(app());
        var (funded, line, _) = await w.GrantAsync(w.Own, applicant: null);
        var applied = (await app().MutateAsync("applyForGrant", new { name = "Namens de gemeente", funder = Id(funded.Funder!), recipient = Id(w.Own.InitiativeB), amountAppliedFor = 800m }, w.Official, "grant { id version }"))
            .Succeeded("applyForGrant")["grant"]!;
        object Award(int version) => new { id = applied["id"]!.GetValue<string>(), expectedVersion = version, amountAwarded = 800m, allocations = new[] { new { budgetLine = Id(line), amount = 800m } } };

        var refused = (await app().MutateAsync("awardGrant", Award(1), w.Official, language: "nl")).Refused("awardGrant", "CONFLICT_OF_INTEREST");
        Assert.Equal("U mag niet beslissen over een subsidie die u zelf hebt aangevraagd.", refused);
        Assert.Equal("CONFLICT_OF_INTEREST", (await app().MutateAsync("rejectGrant", new { id = applied["id"]!.GetValue<string>(), expectedVersion = 1 }, w.Official)).Outcome("rejectGrant"));
        Assert.Equal("OK", (await app().MutateAsync("awardGrant", Award(1), w.SecondOfficial)).Outcome("awardGrant"));
        Assert.Equal("INVALID_TRANSITION", (await app().MutateAsync("awardGrant", Award(2), w.Admin)).Outcome("awardGrant"));
    }

    [SkippableFact]
    public async Task An_award_draws_only_on_the_funders_own_lines_each_once()
    {
        var w = await MutationWorld.CreateAsync(app());
        var (grant, first, second) = await w.GrantAsync(w.Own, applicant: null);
        var (_, foreign, _) = await w.GrantAsync(w.Own, applicant: null);
        object Award(params (BudgetLine Line, decimal Amount)[] allocations) =>
            new { id = Id(grant), expectedVersion = grant.Version, amountAwarded = WireNumbers.Text(allocations.Sum(a => a.Amount)), allocations = allocations.Select(a => new { budgetLine = Id(a.Line), amount = WireNumbers.Text(a.Amount) }).ToArray() };

        Assert.Equal("INVALID", (await app().MutateAsync("awardGrant", Award((first, 100m), (foreign, 100m)), w.Official)).Outcome("awardGrant"));
        Assert.Equal("INVALID", (await app().MutateAsync("awardGrant", Award((first, 100m), (first, 100m)), w.Official)).Outcome("awardGrant"));
        Assert.Equal("REQUIRED", (await app().MutateAsync("awardGrant", new { id = Id(grant), expectedVersion = grant.Version, amountAwarded = 100m, allocations = Array.Empty<object>() }, w.Official)).Outcome("awardGrant"));
        Assert.Equal("CONFLICT", (await app().MutateAsync("awardGrant", new { id = Id(grant), expectedVersion = grant.Version + 1, amountAwarded = 1m, allocations = new[] { new { budgetLine = Id(first), amount = 1m } } }, w.Official)).Outcome("awardGrant"));
        Assert.Equal("OK", (await app().MutateAsync("awardGrant", Award((first, 100m), (second, 0.01m)), w.Official)).Outcome("awardGrant"));
    }

    [SkippableFact]
    public async Task A_rejected_application_stays_rejected()
    {
        var w = await MutationWorld.CreateAsync(app());
        var (grant, _, _) = await w.GrantAsync(w.Own, applicant: null);
        var rejected = (await app().MutateAsync("rejectGrant", new { id = Id(grant), expectedVersion = grant.Version }, w.Official, "grant { status version }")).Succeeded("rejectGrant")["grant"]!;
        Assert.Equal(("REJECTED", grant.Version + 1), (rejected["status"]!.GetValue<string>(), rejected["version"]!.GetValue<int>()));
        Assert.Equal("INVALID_TRANSITION", (await app().MutateAsync("rejectGrant", new { id = Id(grant), expectedVersion = grant.Version + 1 }, w.Official)).Outcome("rejectGrant"));
        Assert.Equal("FORBIDDEN", (await app().MutateAsync("rejectGrant", new { id = Id(grant), expectedVersion = grant.Version + 1 }, w.Coordinator)).Outcome("rejectGrant"));
    }

    [SkippableFact]
    public async Task Payments_are_booked_on_the_grants_own_lines_and_never_exceed_the_award()
    {
        var w = await MutationWorld.CreateAsync(app());
        var (grant, first, second) = await w.GrantAsync(w.Own, applicant: null);
        object Pay(decimal amount, BudgetLine? line = null) => new { grant = Id(grant), paidOn = "2025-05-01", amount = WireNumbers.Text(amount), budgetLine = line is null ? null : Id(line) };

        Assert.Equal("INVALID_TRANSITION", (await app().MutateAsync("recordDisbursement", Pay(100m), w.Official)).Outcome("recordDisbursement"));
        (await app().MutateAsync("awardGrant", new { id = Id(grant), expectedVersion = grant.Version, amountAwarded = 1000m, allocations = new[] { new { budgetLine = Id(first), amount = 1000m } } }, w.Official)).Succeeded("awardGrant");

        var paid = (await app().MutateAsync("recordDisbursement", Pay(600m, first), w.Official, "grant { status amountDisbursed disbursements { amount budgetLine { id } } }")).Succeeded("recordDisbursement")["grant"]!;
        Assert.Equal(("DISBURSED", 600m), (paid["status"]!.GetValue<string>(), paid["amountDisbursed"].Exact()));
        Assert.Equal("INVALID", (await app().MutateAsync("recordDisbursement", Pay(100m, second), w.Official)).Outcome("recordDisbursement"));
        var overpaid = (await app().MutateAsync("recordDisbursement", Pay(400.01m), w.Official, language: "en")).Refused("recordDisbursement", "OVERPAID");
        Assert.Equal("Together the payments would exceed the award of €1,000.00.", overpaid);
        Assert.Equal("FORBIDDEN", (await app().MutateAsync("recordDisbursement", Pay(1m), w.Coordinator)).Outcome("recordDisbursement"));
        Assert.Equal("OK", (await app().MutateAsync("recordDisbursement", Pay(400m), w.Admin)).Outcome("recordDisbursement"));

        await using var db = await app().OpenDbAsync();
        Assert.Equal(1000_00, await db.Disbursements.Where(d => d.GrantId == grant.Id).SumAsync(d => d.AmountCents));
        Assert.Equal(GrantStatus.Disbursed, (await db.Grants.SingleAsync(g => g.Id == grant.Id)).Status);
    }
}

public sealed class SqliteFundingMutationTests(SqliteAppFixture fixture) : FundingMutationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresFundingMutationTests(PostgresAppFixture fixture) : FundingMutationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
