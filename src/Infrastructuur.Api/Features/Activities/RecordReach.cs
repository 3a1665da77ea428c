using GraphQL.Types;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Activities;

public sealed class RecordReachInput : MutationInput
{
    public string Activity { get; set; } = string.Empty;

    public DateOnly StartsOn { get; set; }

    public DateOnly EndsOn { get; set; }

    public int Count { get; set; }

    public CountingMethod CountingMethod { get; set; }

    public string? TargetGroup { get; set; }

    public string? Neighbourhood { get; set; }

    public string? Note { get; set; }
}

public sealed class RecordReachInputType : MutationInputType<RecordReachInput>
{
    public RecordReachInputType()
        : base("How many people an activity reached in a period.")
    {
        Field<NonNullGraphType<IdGraphType>>("activity").Description("The activity (its global ID).");
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day counted.");
        Field<NonNullGraphType<DateOnlyGraphType>>("endsOn").Description("The last day counted; not before startsOn.");
        Field<NonNullGraphType<IntGraphType>>("count").Description("How many people were reached (0 or more): a count, never who.");
        Field<NonNullGraphType<CountingMethodType>>("countingMethod").Description("How they were counted.");
        Field<IdGraphType>("targetGroup").Description("The target group counted (TargetGroup ID); leave out for everyone.");
        Field<IdGraphType>("neighbourhood").Description("The region the people counted come from (Neighbourhood ID), if broken down.");
        Field<StringGraphType>("note").Description("A remark on the figure (at most 2,000 characters).");
    }
}

public sealed class RecordReachPayload : Payload<ReachRecord>;

public sealed class RecordReachPayloadType() : PayloadType<RecordReachPayload, ReachRecord, ReachRecordType>("reachRecord", "The result of recordReach.");

public static class RecordReach
{
    public static void AddRecordReach(this ObjectGraphType mutation) =>
        mutation.Mutation<RecordReachInputType, RecordReachPayloadType, RecordReachInput, RecordReachPayload>(
            "recordReach",
            Policies.Scoped,
            "Records how many people an activity reached in a period (its provider and admins). Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<RecordReachInput> run, RecordReachPayload payload)
    {
        var input = run.Input;
        var activity = await run.ActOnAsync<Activity>(input.Activity, "activity", EditScopes.ToEdit);
        if (activity is null)
        {
            return;
        }

        var targetGroup = input.TargetGroup is null ? null : await run.FindAsync<TargetGroup>(input.TargetGroup, "targetGroup");
        var region = input.Neighbourhood is null ? null : await run.FindAsync<Neighbourhood>(input.Neighbourhood, "neighbourhood");
        run.Dates(input.StartsOn, input.EndsOn, "endsOn");
        run.Range(input.Count, 0, "count");
        var note = run.Text(input.Note, "note", 2000);
        if (run.Failed)
        {
            return;
        }

        var record = new ReachRecord
        {
            ActivityId = activity.Id,
            PeriodStart = input.StartsOn,
            PeriodEnd = input.EndsOn,
            Count = input.Count,
            CountingMethod = input.CountingMethod,
            TargetGroupId = targetGroup?.Id,
            NeighbourhoodId = region?.Id,
            Note = note,
        };
        run.Db.Add(record);
        payload.Result = record;
    }
}
