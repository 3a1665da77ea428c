using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Activities;

public sealed class EndActivityInput : VersionedInput;

public sealed class EndActivityInputType() : VersionedInputType<EndActivityInput>("activity", "Which activity to end, at the version you read.");

public sealed class EndActivityPayload : Payload<Activity>;

public sealed class EndActivityPayloadType() : PayloadType<EndActivityPayload, Activity, ActivityType>("activity", "The result of endActivity.");

public static class EndActivity
{
    private static readonly ActivityStatus[] From = [ActivityStatus.Draft, ActivityStatus.Active, ActivityStatus.Paused];

    public static void AddEndActivity(this ObjectGraphType mutation) =>
        mutation.Mutation<EndActivityInputType, EndActivityPayloadType, EndActivityInput, EndActivityPayload>(
            "endActivity",
            Policies.Scoped,
            "Ends (archives) an activity for good: ENDED. For its provider, officials of its municipality and admins.",
            async (run, payload) => payload.Result = await run.StepAsync<Activity, ActivityStatus>(EditScopes.ToEnd, a => a.Status, From, a => a.Status = ActivityStatus.Ended));
}
