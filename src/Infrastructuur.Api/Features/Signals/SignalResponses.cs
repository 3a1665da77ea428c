using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Shared.Mutations;
using Microsoft.EntityFrameworkCore;

using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Signals;

/// <summary>What linkSignalResponse and unlinkSignalResponse share: a signal and activities that answer it.</summary>
public abstract class SignalResponseInput : MutationInput
{
    public string Signal { get; set; } = string.Empty;

    public List<string> Activities { get; set; } = [];
}

public abstract class SignalResponseInputType<TInput> : MutationInputType<TInput>
    where TInput : SignalResponseInput
{
    protected SignalResponseInputType(string description, string activities)
        : base(description)
    {
        Field<NonNullGraphType<IdGraphType>>("signal").Description("The signal answered (its global ID): one you may read, else NOT_FOUND.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("activities").Description(activities);
    }
}

/// <summary>The result of linking or unlinking: the signal and the activities the call named.</summary>
public abstract class SignalResponsePayload : Payload<Signal>
{
    public List<Activity> Activities { get; set; } = [];
}

public abstract class SignalResponsePayloadType<TPayload> : PayloadType<TPayload, Signal, SignalType>
    where TPayload : SignalResponsePayload
{
    protected SignalResponsePayloadType(string description, string activities)
        : base("signal", description)
    {
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ActivityType>>>>("activities").Description(activities).FromColumn(x => x.Activities);
    }
}

public static class SignalResponses
{
    /// <summary>
    /// The signal and the activities, once the caller may read the signal (else NOT_FOUND, as for one that does not
    /// exist) and act for every activity: officials of the signal's municipality and admins for any there, providers for
    /// their own. Activities elsewhere are OUTSIDE_SCOPE. Null when refused.
    /// </summary>
    public static async Task<(Signal Signal, List<Activity> Activities)?> LoadAsync<TInput>(MutationRun<TInput> run)
        where TInput : SignalResponseInput
    {
        var input = run.Input;
        // Found under the signal's row rule (VisibilityRules.Signal), the one rule for reading a signal: so linking never
        // widens who reads one.
        var signal = await run.FindAsync<Signal>(input.Signal, "signal");

        if (input.Activities.Count == 0)
        {
            run.Fail(UserErrorCode.Required, "activities");
        }

        var activities = await run.FindAllAsync<Activity>(input.Activities, "activities");
        if (signal is null || run.Failed)
        {
            return null;
        }

        var official = run.Viewer.Serves(signal.MunicipalityId);
        if (!activities.All(a => official || run.Viewer.MayEdit(a)))
        {
            run.Fail(UserErrorCode.NotFound, "activities");
            return null;
        }

        if (activities.Any(a => a.MunicipalityId != signal.MunicipalityId))
        {
            run.Fail(UserErrorCode.OutsideScope, "activities");
            return null;
        }

        return (signal, activities);
    }
}
