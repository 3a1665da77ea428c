using GraphQL.Types;

namespace Infrastructuur.Api.Features.Signals;

/// <summary>The signal's mutations, one file each.</summary>
public static class SignalMutations
{
    public static void AddSignalMutations(this ObjectGraphType mutation)
    {
        mutation.AddRaiseSignal();
        mutation.AddTriageSignal();
        mutation.AddLinkSignalResponse();
        mutation.AddUnlinkSignalResponse();
    }
}
