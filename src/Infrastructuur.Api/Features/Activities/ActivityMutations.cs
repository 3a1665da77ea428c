using GraphQL.Types;

namespace Infrastructuur.Api.Features.Activities;

/// <summary>The activity's mutations, one file each.</summary>
public static class ActivityMutations
{
    public static void AddActivityMutations(this ObjectGraphType mutation)
    {
        mutation.AddScheduleActivity();
        mutation.AddChangeActivity();
        mutation.AddPauseActivity();
        mutation.AddEndActivity();
        mutation.AddVerifyActivity();
        mutation.AddRecordReach();
    }
}
