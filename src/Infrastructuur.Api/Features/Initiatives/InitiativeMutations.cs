using GraphQL.Types;

namespace Infrastructuur.Api.Features.Initiatives;

/// <summary>The initiative's mutations, one file each.</summary>
public static class InitiativeMutations
{
    public static void AddInitiativeMutations(this ObjectGraphType mutation)
    {
        mutation.AddStartInitiative();
        mutation.AddDescribeInitiative();
        mutation.AddPublishInitiative();
        mutation.AddPauseInitiative();
        mutation.AddEndInitiative();
        mutation.AddAddCoordinator();
        mutation.AddRemoveCoordinator();
        mutation.AddAcceptCoordinatorInvitation();
        mutation.AddDeclineCoordinatorInvitation();
    }
}
