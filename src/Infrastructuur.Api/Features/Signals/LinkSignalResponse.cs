using GraphQL.Types;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Signals;

public sealed class LinkSignalResponseInput : MutationInput
{
    public string Signal { get; set; } = string.Empty;

    public List<string> Activities { get; set; } = [];
}

public sealed class LinkSignalResponseInputType : MutationInputType<LinkSignalResponseInput>
{
    public LinkSignalResponseInputType()
        : base("Activities started or changed in response to a signal.")
    {
        Field<NonNullGraphType<IdGraphType>>("signal").Description("The signal answered (its global ID).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("activities")
            .Description("The activities that answer it (Activity IDs, 1 to 100), in the signal's municipality. Links that exist already are kept.");
    }
}

public sealed class LinkSignalResponsePayload : Payload<Signal>
{
    public List<Activity> Activities { get; set; } = [];
}

public sealed class LinkSignalResponsePayloadType : PayloadType<LinkSignalResponsePayload, Signal, SignalType>
{
    public LinkSignalResponsePayloadType()
        : base("signal", "The result of linkSignalResponse.")
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActivityType>>>>("activities")
            .Description("The activities now linked by this call (including links that already existed); empty when there are user errors.")
            .Resolve(ctx => ctx.Source.Activities);
    }
}

public static class LinkSignalResponse
{
    public static void AddLinkSignalResponse(this ObjectGraphType mutation) =>
        mutation.Mutation<LinkSignalResponseInputType, LinkSignalResponsePayloadType, LinkSignalResponseInput, LinkSignalResponsePayload>(
            "linkSignalResponse",
            Policies.Scoped,
            "Links activities that answer a signal. Providers link their own activities; officials of the signal's municipality and admins link any there.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<LinkSignalResponseInput> run, LinkSignalResponsePayload payload)
    {
        var input = run.Input;
        var signal = await run.FindAsync<Signal>(input.Signal, "signal");
        if (input.Activities.Count == 0)
        {
            run.Fail(UserErrorCode.Required, "activities");
        }

        var activities = await run.FindAllAsync<Activity>(input.Activities, "activities");
        if (signal is null || run.Failed)
        {
            return;
        }

        var official = run.Viewer.Serves(signal.MunicipalityId);
        if (!activities.All(a => official || run.Viewer.MayEdit(a)))
        {
            run.Fail(UserErrorCode.NotFound, "activities");
            return;
        }

        if (activities.Any(a => a.MunicipalityId != signal.MunicipalityId))
        {
            run.Fail(UserErrorCode.OutsideScope, "activities");
            return;
        }

        var ids = activities.Select(a => a.Id).ToList();
        var linked = await run.Db.SignalResponses.Where(r => r.SignalId == signal.Id && ids.Contains(r.ActivityId)).Select(r => r.ActivityId).ToListAsync(run.Ct);
        run.Db.AddRange(ids.Except(linked).Select(id => new SignalResponse { SignalId = signal.Id, ActivityId = id }));
        payload.Result = signal;
        payload.Activities = activities;
    }
}
