using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Signals;

public sealed class UnlinkSignalResponseInput : SignalResponseInput;

public sealed class UnlinkSignalResponseInputType() : SignalResponseInputType<UnlinkSignalResponseInput>(
    "Activities that no longer count as a response to a signal.",
    "The activities to unlink (Activity IDs, 1 to 100), in the signal's municipality. An activity that is not linked is left as it is.");

public sealed class UnlinkSignalResponsePayload : SignalResponsePayload;

public sealed class UnlinkSignalResponsePayloadType() : SignalResponsePayloadType<UnlinkSignalResponsePayload>(
    "The result of unlinkSignalResponse.",
    "The activities this call names, none of them linked to the signal any more; empty when there are user errors.");

public static class UnlinkSignalResponse
{
    public static void AddUnlinkSignalResponse(this ObjectGraphType mutation) =>
        mutation.Mutation<UnlinkSignalResponseInputType, UnlinkSignalResponsePayloadType, UnlinkSignalResponseInput, UnlinkSignalResponsePayload>(
            "unlinkSignalResponse",
            Policies.Scoped,
            "Removes links between a signal you may read and activities that answer it, on the same rules as linkSignalResponse. Idempotent: unlinking what is not linked succeeds and changes nothing. A coordinator who unlinks their initiative's last answering activity no longer reads the signal.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<UnlinkSignalResponseInput> run, UnlinkSignalResponsePayload payload)
    {
        if (await SignalResponses.LoadAsync(run) is not ({ } signal, var activities))
        {
            return;
        }

        var ids = activities.Select(a => a.Id).ToList();
        run.Db.RemoveRange(await run.Db.SignalResponses.Where(r => r.SignalId == signal.Id && ids.Contains(r.ActivityId)).ToListAsync(run.Ct));
        payload.Result = signal;
        payload.Activities = activities;
    }
}
