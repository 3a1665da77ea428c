using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared.Mutations;

namespace Infrastructuur.Api.Features.Initiatives;

/// <summary>What acceptCoordinatorInvitation and declineCoordinatorInvitation share: the invitation answered.</summary>
public abstract class CoordinatorInvitationInput : MutationInput
{
    public string Invitation { get; set; } = string.Empty;
}

public abstract class CoordinatorInvitationInputType<TInput> : MutationInputType<TInput>
    where TInput : CoordinatorInvitationInput
{
    protected CoordinatorInvitationInputType(string description)
        : base(description)
    {
        Field<NonNullGraphType<IdGraphType>>("invitation").Description("The invitation (an InitiativeCoordinator ID, from viewer.coordinatorInvitations).");
    }
}

/// <summary>Who answers an invitation: the invitee alone, signed in as themself; the initiative's coordinators see it but may not.</summary>
public static class CoordinatorInvitations
{
    public static Permission ToAnswer(Viewer viewer, InitiativeCoordinator invitation) =>
        viewer.PersonId == invitation.PersonId ? Permission.Act : viewer.Coordinates(invitation.InitiativeId) ? Permission.See : Permission.None;

    public static CoordinatorStatus Status(InitiativeCoordinator link) => link.AcceptedAt is null ? CoordinatorStatus.Invited : CoordinatorStatus.Active;

    /// <summary>The invitation the input names, once the caller is its invitee and it is still pending (else INVALID_TRANSITION); null when refused.</summary>
    public static async Task<InitiativeCoordinator?> PendingAsync<TInput>(MutationRun<TInput> run)
        where TInput : CoordinatorInvitationInput =>
        await run.ActOnAsync<InitiativeCoordinator>(run.Input.Invitation, "invitation", ToAnswer) is { } invitation && run.Step(Status(invitation), CoordinatorStatus.Invited)
            ? invitation
            : null;
}
