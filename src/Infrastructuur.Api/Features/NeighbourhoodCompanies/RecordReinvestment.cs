using GraphQL.Types;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.NeighbourhoodCompanies;

public sealed class RecordReinvestmentInput : MutationInput
{
    public string Company { get; set; } = string.Empty;

    public int Year { get; set; }

    public decimal Profit { get; set; }

    public decimal AmountReinvested { get; set; }

    public string DecidedAt { get; set; } = string.Empty;

    public List<ReinvestmentAllocationInput>? Allocations { get; set; }
}

public sealed class ReinvestmentAllocationInput
{
    public string? Initiative { get; set; }

    public string? Theme { get; set; }

    public string? Neighbourhood { get; set; }

    public decimal Amount { get; set; }
}

public sealed class ReinvestmentAllocationInputType : InputObjectGraphType<ReinvestmentAllocationInput>
{
    public ReinvestmentAllocationInputType()
    {
        Name = "ReinvestmentAllocationInput";
        Description = "Part of a reinvestment going to an initiative, a theme or a region (at least one of them).";
        Field<IdGraphType>("initiative").Description("The initiative it goes to (Initiative ID).");
        Field<IdGraphType>("theme").Description("The theme it is for (Theme ID).");
        Field<IdGraphType>("neighbourhood").Description("The region it is for (Neighbourhood ID).");
        Field<NonNullGraphType<MoneyGraphType>>("amount").Description("The amount, in euros (more than 0).");
    }
}

public sealed class RecordReinvestmentInputType : MutationInputType<RecordReinvestmentInput>
{
    public RecordReinvestmentInputType()
        : base("What a neighbourhood company decided to do with one year's profit.")
    {
        Field<NonNullGraphType<IdGraphType>>("company").Description("The company (NeighbourhoodCompany ID).");
        Field<NonNullGraphType<IntGraphType>>("year").Description("The financial year; one reinvestment per company and year.");
        Field<NonNullGraphType<MoneyGraphType>>("profit").Description("The year's profit, in euros.");
        Field<NonNullGraphType<MoneyGraphType>>("amountReinvested").Description("The amount reinvested in the neighbourhood, in euros (0 or more).");
        Field<NonNullGraphType<StringGraphType>>("decidedAt").Description("The meeting that decided, in words (at most 300 characters).");
        Field<ListGraphType<NonNullGraphType<ReinvestmentAllocationInputType>>>("allocations")
            .Description("Where the money goes: when given, together exactly amountReinvested, or nothing is written (ALLOCATION_MISMATCH).");
    }
}

public sealed class RecordReinvestmentPayload : Payload<Reinvestment>;

public sealed class RecordReinvestmentPayloadType() : PayloadType<RecordReinvestmentPayload, Reinvestment, ReinvestmentType>("reinvestment", "The result of recordReinvestment.");

public static class RecordReinvestment
{
    public static void AddRecordReinvestment(this ObjectGraphType mutation) =>
        mutation.Mutation<RecordReinvestmentInputType, RecordReinvestmentPayloadType, RecordReinvestmentInput, RecordReinvestmentPayload>(
            "recordReinvestment",
            Policies.Scoped,
            "Records a year's reinvestment of a neighbourhood company and where it goes (staff of the company's organisation and admins). All or nothing. Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<RecordReinvestmentInput> run, RecordReinvestmentPayload payload)
    {
        var input = run.Input;
        var company = await run.ActOnAsync<NeighbourhoodCompany>(input.Company, "company", CompanyEditing.ToEdit);
        if (company is null)
        {
            return;
        }

        var reinvested = run.Cents(input.AmountReinvested, "amountReinvested") ?? 0;
        var reinvestment = new Reinvestment
        {
            CompanyId = company.Id,
            Year = input.Year,
            ProfitCents = run.Cents(input.Profit, "profit", decimal.MinValue) ?? 0,
            AmountReinvestedCents = reinvested,
            DecidedAt = run.Text(input.DecidedAt, "decidedAt", 300, required: true) ?? string.Empty,
        };
        foreach (var allocation in input.Allocations ?? [])
        {
            reinvestment.Allocations.Add(new ReinvestmentAllocation
            {
                InitiativeId = allocation.Initiative is null ? null : (await run.FindAsync<Initiative>(allocation.Initiative, "allocations"))?.Id,
                ThemeId = allocation.Theme is null ? null : (await run.FindAsync<Theme>(allocation.Theme, "allocations"))?.Id,
                NeighbourhoodId = allocation.Neighbourhood is null ? null : (await run.FindAsync<Neighbourhood>(allocation.Neighbourhood, "allocations"))?.Id,
                AmountCents = run.Cents(allocation.Amount, "allocations", 0.01m) ?? 0,
            });
        }

        if (reinvestment.Allocations.Any(a => a.InitiativeId is null && a.ThemeId is null && a.NeighbourhoodId is null))
        {
            run.Fail(UserErrorCode.Required, "allocations");
        }

        if (await run.Db.Reinvestments.AnyAsync(r => r.CompanyId == company.Id && r.Year == input.Year, run.Ct))
        {
            run.Fail(UserErrorCode.Duplicate, "year");
        }

        var allocated = reinvestment.Allocations.Sum(a => a.AmountCents);
        if (!run.Failed && input.Allocations is { Count: > 0 } && allocated != reinvested)
        {
            run.Fail(UserErrorCode.AllocationMismatch, "allocations", Messages.Euros(MoneyGraphType.ToEuros(allocated), run.Culture), Messages.Euros(input.AmountReinvested, run.Culture));
        }

        if (run.Failed)
        {
            return;
        }

        run.Db.Add(reinvestment);
        payload.Result = reinvestment;
    }
}
