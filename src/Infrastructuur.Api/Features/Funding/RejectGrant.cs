using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Funding;

public sealed class RejectGrantInput : VersionedInput;

public sealed class RejectGrantInputType() : VersionedInputType<RejectGrantInput>("grant", "Which application to refuse, at the version you read.");

public sealed class RejectGrantPayload : Payload<Grant>;

public sealed class RejectGrantPayloadType() : PayloadType<RejectGrantPayload, Grant, GrantType>("grant", "The result of rejectGrant.");

public static class RejectGrant
{
    public static void AddRejectGrant(this ObjectGraphType mutation) =>
        mutation.Mutation<RejectGrantInputType, RejectGrantPayloadType, RejectGrantInput, RejectGrantPayload>(
            "rejectGrant",
            Policies.Scoped,
            "Refuses a grant applied for (APPLIED → REJECTED): officials of the recipient's municipality and admins; not the applicant.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<RejectGrantInput> run, RejectGrantPayload payload)
    {
        var grant = await GrantDecision.LoadAsync(run, run.Input.Id, run.Input.ExpectedVersion);
        if (grant is not null && run.Step(grant.Status, GrantStatus.Applied))
        {
            grant.Status = GrantStatus.Rejected;
            payload.Result = grant;
        }
    }
}
