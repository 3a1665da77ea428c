using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Funding;

public sealed class AwardGrantInput : VersionedInput
{
    public decimal AmountAwarded { get; set; }

    public DateOnly? AwardedOn { get; set; }

    public List<AllocationInput> Allocations { get; set; } = [];
}

public sealed class AllocationInput
{
    public string BudgetLine { get; set; } = string.Empty;

    public decimal Amount { get; set; }
}

public sealed class AllocationInputType : InputObjectGraphType<AllocationInput>
{
    public AllocationInputType()
    {
        Name = "AllocationInput";
        Description = "The part of an award paid from one budget line.";
        Field<NonNullGraphType<IdGraphType>>("budgetLine").Description("A budget line of the grant's funder (BudgetLine ID).");
        Field<NonNullGraphType<MoneyGraphType>>("amount").Description("The amount from this line, in euros (more than 0).");
    }
}

public sealed class AwardGrantInputType : VersionedInputType<AwardGrantInput>
{
    public AwardGrantInputType()
        : base("grant", "The award of a grant applied for, and the budget lines it is paid from.")
    {
        Field<NonNullGraphType<MoneyGraphType>>("amountAwarded").Description("The amount awarded, in euros (360Giving amountAwarded).");
        Field<DateOnlyGraphType>("awardedOn").Description("The day of the award (360Giving awardDate); today when left out.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AllocationInputType>>>>("allocations")
            .Description("The budget lines it is paid from, each line once: together exactly amountAwarded, or nothing is written (ALLOCATION_MISMATCH).");
    }
}

public sealed class AwardGrantPayload : Payload<Grant>;

public sealed class AwardGrantPayloadType() : PayloadType<AwardGrantPayload, Grant, GrantType>("grant", "The result of awardGrant.");

public static class AwardGrant
{
    public static void AddAwardGrant(this ObjectGraphType mutation) =>
        mutation.Mutation<AwardGrantInputType, AwardGrantPayloadType, AwardGrantInput, AwardGrantPayload>(
            "awardGrant",
            Policies.Scoped,
            "Awards a grant applied for (APPLIED → AWARDED), paid from one or more budget lines of the funder (officials of the recipient's municipality and admins; not the applicant). All or nothing.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<AwardGrantInput> run, AwardGrantPayload payload)
    {
        var input = run.Input;
        var grant = await GrantDecision.LoadAsync(run, input.Id, input.ExpectedVersion);
        if (grant is null || !run.Step(grant.Status, GrantStatus.Applied))
        {
            return;
        }

        var award = run.Cents(input.AmountAwarded, "amountAwarded", 0.01m);
        var awardDate = input.AwardedOn ?? MutationRun.Today;
        run.NotInFuture(awardDate, "awardedOn");
        var lines = await run.FindAllAsync<BudgetLine>([.. input.Allocations.Select(a => a.BudgetLine)], "allocations");
        var amounts = input.Allocations.Select(a => run.Cents(a.Amount, "allocations", 0.01m) ?? 0).ToList();
        if (input.Allocations.Count == 0)
        {
            run.Fail(UserErrorCode.Required, "allocations");
        }
        else if (lines.Count != input.Allocations.Count || lines.Any(l => l.FunderId != grant.FunderId))
        {
            run.Fail(UserErrorCode.Invalid, "allocations");
        }

        if (run.Failed)
        {
            return;
        }

        if (amounts.Sum() != award)
        {
            run.Fail(UserErrorCode.AllocationMismatch, "allocations", Messages.Euros(MoneyGraphType.ToEuros(amounts.Sum()), run.Culture), Messages.Euros(input.AmountAwarded, run.Culture));
            return;
        }

        grant.Status = GrantStatus.Awarded;
        grant.AmountAwardedCents = award;
        grant.AwardDate = awardDate;
        run.Db.GrantAllocations.AddRange(input.Allocations.Select((a, i) =>
            new GrantAllocation { GrantId = grant.Id, BudgetLineId = run.Id(a.BudgetLine, nameof(BudgetLine), "allocations")!.Value, AmountCents = amounts[i] }));
        payload.Result = grant;
    }
}
