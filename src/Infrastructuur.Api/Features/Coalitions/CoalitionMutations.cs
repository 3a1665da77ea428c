using GraphQL.Types;

namespace Infrastructuur.Api.Features.Coalitions;

/// <summary>The coalition's mutations, one file each.</summary>
public static class CoalitionMutations
{
    public static void AddCoalitionMutations(this ObjectGraphType mutation)
    {
        mutation.AddJoinCoalition();
        mutation.AddLeaveCoalition();
    }
}
