using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Activities;

public sealed class VerifyActivityInput : VersionedInput
{
    public DateOnly? VerifiedOn { get; set; }
}

public sealed class VerifyActivityInputType : VersionedInputType<VerifyActivityInput>
{
    public VerifyActivityInputType()
        : base("activity", "Which activity was checked with its provider, and when.")
    {
        Field<DateOnlyGraphType>("verifiedOn").Description("The day it was checked; today when left out. Not in the future.");
    }
}

public sealed class VerifyActivityPayload : Payload<Activity>;

public sealed class VerifyActivityPayloadType() : PayloadType<VerifyActivityPayload, Activity, ActivityType>("activity", "The result of verifyActivity.");

public static class VerifyActivity
{
    public static void AddVerifyActivity(this ObjectGraphType mutation) =>
        mutation.Mutation<VerifyActivityInputType, VerifyActivityPayloadType, VerifyActivityInput, VerifyActivityPayload>(
            "verifyActivity",
            Policies.Scoped,
            "Records that an official checked an activity's information with its provider: sets lastVerifiedOn. For officials of its municipality and admins; a provider cannot verify itself.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<VerifyActivityInput> run, VerifyActivityPayload payload)
    {
        var activity = await run.UpdateAsync<Activity>(run.Input.Id, run.Input.ExpectedVersion, EditScopes.ToVerify);
        if (activity is null || run.Verified(run.Input.VerifiedOn) is not { } day)
        {
            return;
        }

        activity.LastVerifiedOn = day;
        payload.Result = activity;
    }
}
