using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Organisations;

public sealed class VerifyOrganisationInput : VersionedInput
{
    public DateOnly? VerifiedOn { get; set; }
}

public sealed class VerifyOrganisationInputType : VersionedInputType<VerifyOrganisationInput>
{
    public VerifyOrganisationInputType()
        : base("organisation", "Which organisation's profile was checked with it, and when.")
    {
        Field<DateOnlyGraphType>("verifiedOn").Description("The day it was checked; today when left out. Not in the future.");
    }
}

public sealed class VerifyOrganisationPayload : Payload<Organisation>;

public sealed class VerifyOrganisationPayloadType() : PayloadType<VerifyOrganisationPayload, Organisation, OrganisationType>("organisation", "The result of verifyOrganisation.");

public static class VerifyOrganisation
{
    public static void AddVerifyOrganisation(this ObjectGraphType mutation) =>
        mutation.Mutation<VerifyOrganisationInputType, VerifyOrganisationPayloadType, VerifyOrganisationInput, VerifyOrganisationPayload>(
            "verifyOrganisation",
            Policies.Scoped,
            "Records that an official checked an organisation's profile with it: sets lastVerifiedOn. For officials of a municipality it works in, and admins; its own staff cannot verify it.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<VerifyOrganisationInput> run, VerifyOrganisationPayload payload)
    {
        var organisation = await run.UpdateAsync<Organisation>(run.Input.Id, run.Input.ExpectedVersion, ToVerify, q => q.Include(o => o.Neighbourhoods));
        if (organisation is null || run.Verified(run.Input.VerifiedOn) is not { } day)
        {
            return;
        }

        organisation.LastVerifiedOn = day;
        payload.Result = organisation;
    }

    private static Permission ToVerify(Viewer viewer, Organisation organisation) =>
        viewer.ServesAny(organisation.Neighbourhoods.Select(n => n.MunicipalityId)) ? Permission.Act
        : viewer.WorksFor(organisation.Id) ? Permission.See
        : Permission.None;
}
