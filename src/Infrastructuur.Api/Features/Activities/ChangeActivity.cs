using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Activities;

public sealed class ChangeActivityInput : ActivityDetailsInput
{
    public string Id { get; set; } = string.Empty;

    public int ExpectedVersion { get; set; }
}

public sealed class ChangeActivityInputType : MutationInputType<ChangeActivityInput>
{
    public ChangeActivityInputType()
        : base("New details of an activity. Only the fields you send change; its provider and municipality never do.")
    {
        Target("activity");
        ExpectedVersion("activity");
        this.AddDetailFields(creating: false);
    }
}

public sealed class ChangeActivityPayload : Payload<Activity>;

public sealed class ChangeActivityPayloadType() : PayloadType<ChangeActivityPayload, Activity, ActivityType>("activity", "The result of changeActivity.");

public static class ChangeActivity
{
    public static void AddChangeActivity(this ObjectGraphType mutation) =>
        mutation.Mutation<ChangeActivityInputType, ChangeActivityPayloadType, ChangeActivityInput, ChangeActivityPayload>(
            "changeActivity",
            Policies.Scoped,
            "Changes the details of an activity (its provider: coordinators of its initiative or staff of its organisation; admins). Regions must stay in its municipality.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<ChangeActivityInput> run, ChangeActivityPayload payload)
    {
        var activity = await run.UpdateAsync<Activity>(
            run.Input.Id,
            run.Input.ExpectedVersion,
            EditScopes.ToEdit,
            q => q.Include(a => a.Themes).Include(a => a.TargetGroups).Include(a => a.Neighbourhoods));
        if (activity is null)
        {
            return;
        }

        await ActivityDetails.ApplyAsync(run, activity, activity.MunicipalityId);
        payload.Result = activity;
    }
}
