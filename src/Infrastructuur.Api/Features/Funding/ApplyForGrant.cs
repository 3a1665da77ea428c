using GraphQL.Types;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Funding;

public sealed class ApplyForGrantInput : MutationInput
{
    public string Name { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string Funder { get; set; } = string.Empty;

    public string Recipient { get; set; } = string.Empty;

    public decimal AmountAppliedFor { get; set; }

    public DateOnly? AppliedOn { get; set; }

    public DateOnly? PlannedStartsOn { get; set; }

    public DateOnly? PlannedEndsOn { get; set; }

    public List<string>? Themes { get; set; }

    public List<string>? BeneficiaryNeighbourhoods { get; set; }
}

public sealed class ApplyForGrantInputType : MutationInputType<ApplyForGrantInput>
{
    public ApplyForGrantInputType()
        : base("An application for a grant [360Giving]. The identifier and the applicant are set by the server.")
    {
        Field<NonNullGraphType<StringGraphType>>("name").Description("The grant's name, its 360Giving title (at most 500 characters).");
        Field<StringGraphType>("description").Description("What the grant is for (at most 8,000 characters).");
        Field<NonNullGraphType<IdGraphType>>("funder").Description("The organisation applied to (Organisation ID; 360Giving fundingOrganization).");
        Field<NonNullGraphType<IdGraphType>>("recipient").Description("Who would receive it: an initiative you coordinate, an organisation you work for, or a programme your organisation owns (global ID); officials may apply for recipients in their municipality.");
        Field<NonNullGraphType<MoneyGraphType>>("amountAppliedFor").Description("The amount applied for, in euros (more than 0).");
        Field<DateOnlyGraphType>("appliedOn").Description("The day of the application; today when left out.");
        Field<DateOnlyGraphType>("plannedStartsOn").Description("The planned first day of the funded work.");
        Field<DateOnlyGraphType>("plannedEndsOn").Description("The planned last day of the funded work; not before plannedStartsOn.");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("The themes it is for (Theme IDs).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("beneficiaryNeighbourhoods").Description("The regions that would benefit (Neighbourhood IDs).");
    }
}

public sealed class ApplyForGrantPayload : Payload<Grant>;

public sealed class ApplyForGrantPayloadType() : PayloadType<ApplyForGrantPayload, Grant, GrantType>("grant", "The result of applyForGrant.");

public static class ApplyForGrant
{
    public static void AddApplyForGrant(this ObjectGraphType mutation) =>
        mutation.Mutation<ApplyForGrantInputType, ApplyForGrantPayloadType, ApplyForGrantInput, ApplyForGrantPayload>(
            "applyForGrant",
            Policies.Scoped,
            "Applies for a grant on behalf of a recipient you act for (status APPLIED). You are recorded as the applicant and may not decide on it yourself. Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<ApplyForGrantInput> run, ApplyForGrantPayload payload)
    {
        var input = run.Input;
        var recipient = run.AnyId(input.Recipient, "recipient", nameof(Initiative), nameof(Organisation), nameof(Programme));
        var funder = await run.FindAsync<Organisation>(input.Funder, "funder");
        if (recipient is not { } r || funder is null || !run.Allow(await MayApplyForAsync(run, r), "recipient"))
        {
            return;
        }

        var name = run.Text(input.Name, "name", 500, required: true);
        var description = run.Text(input.Description, "description", 8000);
        var amount = run.Cents(input.AmountAppliedFor, "amountAppliedFor", 0.01m);
        var appliedOn = input.AppliedOn ?? MutationRun.Today;
        run.NotInFuture(appliedOn, "appliedOn");
        run.Dates(input.PlannedStartsOn, input.PlannedEndsOn, "plannedEndsOn");
        var themes = await run.FindAllAsync<Theme>(input.Themes, "themes");
        var regions = await run.FindAllAsync<Neighbourhood>(input.BeneficiaryNeighbourhoods, "beneficiaryNeighbourhoods");
        if (run.Failed)
        {
            return;
        }

        var grant = new Grant
        {
            Identifier = $"360G-INFRA-{Guid.CreateVersion7():N}",
            Title = name!,
            Description = description,
            FunderId = funder.Id,
            RecipientInitiativeId = r.Type == nameof(Initiative) ? r.Id : null,
            RecipientOrganisationId = r.Type == nameof(Organisation) ? r.Id : null,
            RecipientProgrammeId = r.Type == nameof(Programme) ? r.Id : null,
            AmountAppliedForCents = amount,
            AppliedOn = appliedOn,
            PlannedStartsOn = input.PlannedStartsOn,
            PlannedEndsOn = input.PlannedEndsOn,
            Status = GrantStatus.Applied,
            AppliedByPersonId = run.Viewer.PersonId,
            Themes = themes,
            BeneficiaryNeighbourhoods = regions,
        };
        run.Db.Add(grant);
        payload.Result = grant;
    }

    // The recipient's own people, or officials of its municipality (who record applications they receive on paper).
    private static async Task<Permission> MayApplyForAsync(MutationRun<ApplyForGrantInput> run, (string Type, Guid Id) recipient)
    {
        var viewer = run.Viewer;
        var may = recipient.Type switch
        {
            nameof(Initiative) => await run.Visible<Initiative>().FirstOrDefaultAsync(i => i.Id == recipient.Id, run.Ct) is { } i && (viewer.Coordinates(i.Id) || viewer.Serves(i.MunicipalityId)),
            nameof(Programme) => await run.Db.Programmes.FindAsync([recipient.Id], run.Ct) is { } p && (viewer.WorksFor(p.OwnerId) || viewer.Serves(p.MunicipalityId)),
            _ => (await OrganisationMunicipalities.OfAsync(run.Db, [recipient.Id], run.Ct)).TryGetValue(recipient.Id, out var places)
                && (viewer.WorksFor(recipient.Id) || viewer.ServesAny(places)),
        };
        return EditScopes.ActIf(may);
    }
}
