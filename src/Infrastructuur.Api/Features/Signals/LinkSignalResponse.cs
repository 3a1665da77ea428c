using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Signals;

public sealed class LinkSignalResponseInput : SignalResponseInput;

public sealed class LinkSignalResponseInputType() : SignalResponseInputType<LinkSignalResponseInput>(
    "Activities started or changed in response to a signal.",
    "The activities that answer it (Activity IDs, 1 to 100), in the signal's municipality. Links that exist already are kept.");

public sealed class LinkSignalResponsePayload : SignalResponsePayload;

public sealed class LinkSignalResponsePayloadType() : SignalResponsePayloadType<LinkSignalResponsePayload>(
    "The result of linkSignalResponse.",
    "The activities now linked by this call (including links that already existed); empty when there are user errors.");

public static class LinkSignalResponse
{
    public static void AddLinkSignalResponse(this ObjectGraphType mutation) =>
        mutation.Mutation<LinkSignalResponseInputType, LinkSignalResponsePayloadType, LinkSignalResponseInput, LinkSignalResponsePayload>(
            "linkSignalResponse",
            Policies.Scoped,
            "Links activities that answer a signal you may read. Officials of the signal's municipality and admins link any activity there; staff of the reporting organisation and coordinators of an initiative already answering it link their own. Any other signal is NOT_FOUND: linking never makes a signal readable to someone who could not read it.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<LinkSignalResponseInput> run, LinkSignalResponsePayload payload)
    {
        if (await SignalResponses.LoadAsync(run) is not ({ } signal, var activities))
        {
            return;
        }

        var ids = activities.Select(a => a.Id).ToList();
        var linked = await run.Db.SignalResponses.Where(r => r.SignalId == signal.Id && ids.Contains(r.ActivityId)).Select(r => r.ActivityId).ToListAsync(run.Ct);
        run.Db.AddRange(ids.Except(linked).Select(id => new SignalResponse { SignalId = signal.Id, ActivityId = id }));
        payload.Result = signal;
        payload.Activities = activities;
    }
}
