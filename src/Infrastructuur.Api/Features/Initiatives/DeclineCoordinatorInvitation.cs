using GraphQL.Types;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class DeclineCoordinatorInvitationInput : CoordinatorInvitationInput;

public sealed class DeclineCoordinatorInvitationInputType() : CoordinatorInvitationInputType<DeclineCoordinatorInvitationInput>(
    "An invitation to coordinate an initiative, declined by the person invited.");

public sealed class DeclineCoordinatorInvitationPayload : Payload<InitiativeCoordinator>;

public sealed class DeclineCoordinatorInvitationPayloadType() : PayloadType<DeclineCoordinatorInvitationPayload, InitiativeCoordinator, InitiativeCoordinatorType>(
    "invitation", "The result of declineCoordinatorInvitation: the invitation as it was, now removed.");

public static class DeclineCoordinatorInvitation
{
    public static void AddDeclineCoordinatorInvitation(this ObjectGraphType mutation) =>
        mutation.Mutation<DeclineCoordinatorInvitationInputType, DeclineCoordinatorInvitationPayloadType, DeclineCoordinatorInvitationInput, DeclineCoordinatorInvitationPayload>(
            "declineCoordinatorInvitation",
            Policies.Authenticated,
            "Declines an invitation to coordinate an initiative, which removes it: only the person invited, signed in as themself. One already accepted is INVALID_TRANSITION (leave with removeCoordinator).",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<DeclineCoordinatorInvitationInput> run, DeclineCoordinatorInvitationPayload payload)
    {
        if (await CoordinatorInvitations.PendingAsync(run) is not { } invitation)
        {
            return;
        }

        run.Db.Remove(invitation);
        payload.Result = invitation;
    }
}
