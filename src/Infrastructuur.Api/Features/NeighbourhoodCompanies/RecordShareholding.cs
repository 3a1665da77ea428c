using GraphQL.Types;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.NeighbourhoodCompanies;

public sealed class RecordShareholdingInput : MutationInput
{
    public string ShareClass { get; set; } = string.Empty;

    public string Holder { get; set; } = string.Empty;

    public int Shares { get; set; }

    public DateOnly StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }
}

public sealed class RecordShareholdingInputType : MutationInputType<RecordShareholdingInput>
{
    public RecordShareholdingInputType()
        : base("Shares of one class held by a person or an organisation, from a day.")
    {
        Field<NonNullGraphType<IdGraphType>>("shareClass").Description("The share class (ShareClass ID).");
        Field<NonNullGraphType<IdGraphType>>("holder").Description("Who holds them: a Person ID (private: only counted in public) or an Organisation ID.");
        Field<NonNullGraphType<IntGraphType>>("shares").Description("How many shares (1 or more).");
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day they are held.");
        Field<DateOnlyGraphType>("endsOn").Description("The last day they are held, if known; not before startsOn.");
    }
}

public sealed class RecordShareholdingPayload : Payload<NeighbourhoodCompany>;

public sealed class RecordShareholdingPayloadType() : PayloadType<RecordShareholdingPayload, NeighbourhoodCompany, NeighbourhoodCompanyType>(
    "company", "The result of recordShareholding: the company, whose public counts include the new holding (a person's holding is never listed).");

public static class RecordShareholding
{
    public static void AddRecordShareholding(this ObjectGraphType mutation) =>
        mutation.Mutation<RecordShareholdingInputType, RecordShareholdingPayloadType, RecordShareholdingInput, RecordShareholdingPayload>(
            "recordShareholding",
            Policies.Scoped,
            "Records a shareholding in a neighbourhood company's register (staff of the company's organisation and admins). Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<RecordShareholdingInput> run, RecordShareholdingPayload payload)
    {
        var input = run.Input;
        var shareClass = await run.FindAsync<ShareClass>(input.ShareClass, "shareClass");
        var company = shareClass is null ? null : await run.ActOnAsync<NeighbourhoodCompany>(shareClass.CompanyId, "shareClass", CompanyEditing.ToEdit);
        if (company is null || run.AnyId(input.Holder, "holder", nameof(Person), nameof(Organisation)) is not { } holder)
        {
            return;
        }

        var found = holder.Type == nameof(Person) ? await run.Db.People.FindAsync([holder.Id], run.Ct) as object : await run.Db.Organisations.FindAsync([holder.Id], run.Ct);
        if (found is null)
        {
            run.Fail(UserErrorCode.NotFound, "holder");
        }

        run.Range(input.Shares, 1, "shares");
        run.Dates(input.StartsOn, input.EndsOn, "endsOn");
        if (run.Failed)
        {
            return;
        }

        run.Db.Add(new Shareholding
        {
            ShareClassId = shareClass!.Id,
            HolderPersonId = holder.Type == nameof(Person) ? holder.Id : null,
            HolderOrganisationId = holder.Type == nameof(Organisation) ? holder.Id : null,
            Shares = input.Shares,
            From = input.StartsOn,
            Until = input.EndsOn,
        });
        payload.Result = company;
    }
}
