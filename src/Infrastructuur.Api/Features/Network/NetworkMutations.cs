using GraphQL.Types;

namespace Infrastructuur.Api.Features.Network;

/// <summary>The network's mutations (meetings, collaborations), one file each.</summary>
public static class NetworkMutations
{
    public static void AddNetworkMutations(this ObjectGraphType mutation)
    {
        mutation.AddRecordNetworkMeeting();
        mutation.AddStartCollaboration();
        mutation.AddEndCollaboration();
    }
}
