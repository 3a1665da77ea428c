using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Programmes;

public sealed class RecordGoalMeasurementInput : MutationInput
{
    public string Goal { get; set; } = string.Empty;

    public DateOnly MeasuredOn { get; set; }

    public decimal Value { get; set; }

    public string? Note { get; set; }
}

public sealed class RecordGoalMeasurementInputType : MutationInputType<RecordGoalMeasurementInput>
{
    public RecordGoalMeasurementInputType()
        : base("A value of a programme goal's indicator, measured on a day.")
    {
        Field<NonNullGraphType<IdGraphType>>("goal").Description("The goal (ProgrammeGoal ID).");
        Field<NonNullGraphType<DateOnlyGraphType>>("measuredOn").Description("The day it was measured; not in the future.");
        Field<NonNullGraphType<FloatGraphType>>("value").Description("The measured value, in the goal's unit.");
        Field<StringGraphType>("note").Description("How it was measured, or what it means (at most 2,000 characters).");
    }
}

public sealed class RecordGoalMeasurementPayload : Payload<GoalMeasurement>;

public sealed class RecordGoalMeasurementPayloadType() : PayloadType<RecordGoalMeasurementPayload, GoalMeasurement, GoalMeasurementType>("measurement", "The result of recordGoalMeasurement.");

public static class RecordGoalMeasurement
{
    public static void AddRecordGoalMeasurement(this ObjectGraphType mutation) =>
        mutation.Mutation<RecordGoalMeasurementInputType, RecordGoalMeasurementPayloadType, RecordGoalMeasurementInput, RecordGoalMeasurementPayload>(
            "recordGoalMeasurement",
            Policies.Scoped,
            "Records a measurement of a programme goal's indicator (those who edit the programme). Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<RecordGoalMeasurementInput> run, RecordGoalMeasurementPayload payload)
    {
        var input = run.Input;
        var goal = await run.FindAsync<ProgrammeGoal>(input.Goal, "goal");
        if (goal is null || await run.ActOnAsync<Programme>(goal.ProgrammeId, "goal", ProgrammeEditing.ToEdit) is null)
        {
            return;
        }

        run.NotInFuture(input.MeasuredOn, "measuredOn");
        var measurement = new GoalMeasurement { GoalId = goal.Id, MeasuredOn = input.MeasuredOn, Value = input.Value, Note = run.Text(input.Note, "note", 2000) };
        run.Db.Add(measurement);
        payload.Result = measurement;
    }
}
