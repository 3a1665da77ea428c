using GraphQL.Types;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class AcceptCoordinatorInvitationInput : CoordinatorInvitationInput;

public sealed class AcceptCoordinatorInvitationInputType() : CoordinatorInvitationInputType<AcceptCoordinatorInvitationInput>(
    "An invitation to coordinate an initiative, accepted by the person invited.");

public sealed class AcceptCoordinatorInvitationPayload : Payload<InitiativeCoordinator>;

public sealed class AcceptCoordinatorInvitationPayloadType() : PayloadType<AcceptCoordinatorInvitationPayload, InitiativeCoordinator, InitiativeCoordinatorType>(
    "coordinator", "The result of acceptCoordinatorInvitation: you as coordinator (status ACTIVE).");

public static class AcceptCoordinatorInvitation
{
    public static void AddAcceptCoordinatorInvitation(this ObjectGraphType mutation) =>
        mutation.Mutation<AcceptCoordinatorInvitationInputType, AcceptCoordinatorInvitationPayloadType, AcceptCoordinatorInvitationInput, AcceptCoordinatorInvitationPayload>(
            "acceptCoordinatorInvitation",
            Policies.Authenticated,
            "Accepts an invitation to coordinate an initiative: only the person invited, signed in as themself (any other caller gets NOT_FOUND, or FORBIDDEN when they coordinate the initiative). From then on you coordinate it (with a coordinator token), and you and its coordinators may read each other's contact details. One already accepted is INVALID_TRANSITION.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<AcceptCoordinatorInvitationInput> run, AcceptCoordinatorInvitationPayload payload)
    {
        if (await CoordinatorInvitations.PendingAsync(run) is not { } invitation)
        {
            return;
        }

        // The version moves on, so an acceptance racing a withdrawal of the same row is a CONFLICT, not a lost update.
        run.Expect(invitation, invitation.Version);
        invitation.AcceptedAt = DateTime.UtcNow;
        payload.Result = invitation;
    }
}
