using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Funding;

public sealed class RecordDisbursementInput : MutationInput
{
    public string Grant { get; set; } = string.Empty;

    public DateOnly PaidOn { get; set; }

    public decimal Amount { get; set; }

    public string? BudgetLine { get; set; }
}

public sealed class RecordDisbursementInputType : MutationInputType<RecordDisbursementInput>
{
    public RecordDisbursementInputType()
        : base("A payment of (part of) an awarded grant.")
    {
        Field<NonNullGraphType<IdGraphType>>("grant").Description("The grant paid (its global ID).");
        Field<NonNullGraphType<DateOnlyGraphType>>("paidOn").Description("The day of payment; not in the future.");
        Field<NonNullGraphType<MoneyGraphType>>("amount").Description("The amount paid, in euros (more than 0). All payments together may not exceed the award.");
        Field<IdGraphType>("budgetLine").Description("The budget line it is booked on (BudgetLine ID): one the grant is paid from.");
    }
}

public sealed class RecordDisbursementPayload : Payload<Grant>;

public sealed class RecordDisbursementPayloadType() : PayloadType<RecordDisbursementPayload, Grant, GrantType>("grant", "The result of recordDisbursement.");

public static class RecordDisbursement
{
    public static void AddRecordDisbursement(this ObjectGraphType mutation) =>
        mutation.Mutation<RecordDisbursementInputType, RecordDisbursementPayloadType, RecordDisbursementInput, RecordDisbursementPayload>(
            "recordDisbursement",
            Policies.Scoped,
            "Records a payment of an awarded grant (then DISBURSED): officials of the recipient's municipality and admins. Payments beyond the award are refused (OVERPAID). Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<RecordDisbursementInput> run, RecordDisbursementPayload payload)
    {
        var input = run.Input;
        var grant = await GrantDecision.LoadAsync(run, input.Grant, expectedVersion: null, field: "grant");
        if (grant is null || !run.Step(grant.Status, GrantStatus.Awarded, GrantStatus.Disbursed))
        {
            return;
        }

        var amount = run.Cents(input.Amount, "amount", 0.01m) ?? 0;
        run.NotInFuture(input.PaidOn, "paidOn");
        var line = run.Id(input.BudgetLine, nameof(BudgetLine), "budgetLine");
        if (line is { } l && !await run.Db.GrantAllocations.AnyAsync(a => a.GrantId == grant.Id && a.BudgetLineId == l, run.Ct))
        {
            run.Fail(UserErrorCode.Invalid, "budgetLine");
        }

        var paid = await run.Db.Disbursements.Where(d => d.GrantId == grant.Id).SumAsync(d => d.AmountCents, run.Ct);
        if (!run.Failed && paid + amount > grant.AmountAwardedCents)
        {
            run.Fail(UserErrorCode.Overpaid, "amount", Messages.Euros(MoneyGraphType.ToEuros(grant.AmountAwardedCents!.Value), run.Culture));
        }

        if (run.Failed)
        {
            return;
        }

        run.Db.Disbursements.Add(new Disbursement { GrantId = grant.Id, PaidOn = input.PaidOn, AmountCents = amount, BudgetLineId = line });
        grant.Status = GrantStatus.Disbursed;
        payload.Result = grant;
    }
}
