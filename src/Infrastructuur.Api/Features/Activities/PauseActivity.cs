using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Activities;

public sealed class PauseActivityInput : VersionedInput;

public sealed class PauseActivityInputType() : VersionedInputType<PauseActivityInput>("activity", "Which activity to pause, at the version you read.");

public sealed class PauseActivityPayload : Payload<Activity>;

public sealed class PauseActivityPayloadType() : PayloadType<PauseActivityPayload, Activity, ActivityType>("activity", "The result of pauseActivity.");

public static class PauseActivity
{
    private static readonly ActivityStatus[] From = [ActivityStatus.Active];

    public static void AddPauseActivity(this ObjectGraphType mutation) =>
        mutation.Mutation<PauseActivityInputType, PauseActivityPayloadType, PauseActivityInput, PauseActivityPayload>(
            "pauseActivity",
            Policies.Scoped,
            "Takes an activity off offer for a while (ACTIVE → PAUSED). For its provider and admins.",
            async (run, payload) => payload.Result = await run.StepAsync<Activity, ActivityStatus>(EditScopes.ToEdit, a => a.Status, From, a => a.Status = ActivityStatus.Paused));
}
