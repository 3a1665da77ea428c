using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Programmes;

public sealed class AddProgrammeGoalInput : MutationInput
{
    public string Programme { get; set; } = string.Empty;

    public string Text { get; set; } = string.Empty;

    public string? Theme { get; set; }

    public string? Indicator { get; set; }

    public string? Unit { get; set; }

    public decimal? Baseline { get; set; }

    public int? BaselineYear { get; set; }

    public decimal? Target { get; set; }

    public int? TargetYear { get; set; }
}

public sealed class AddProgrammeGoalInputType : MutationInputType<AddProgrammeGoalInput>
{
    public AddProgrammeGoalInputType()
        : base("A goal of a programme, with an indicator measured against a baseline and a target.")
    {
        Field<NonNullGraphType<IdGraphType>>("programme").Description("The programme (its global ID).");
        Field<NonNullGraphType<StringGraphType>>("text").Description("The goal in words (at most 1,000 characters).");
        Field<IdGraphType>("theme").Description("The theme the goal is about (Theme ID).");
        Field<StringGraphType>("indicator").Description("What is measured to follow the goal (at most 500 characters).");
        Field<StringGraphType>("unit").Description("The unit of the indicator's values (at most 60 characters).");
        Field<FloatGraphType>("baseline").Description("The indicator's value at the start.");
        Field<IntGraphType>("baselineYear").Description("The year the baseline was measured.");
        Field<FloatGraphType>("target").Description("The value aimed for.");
        Field<IntGraphType>("targetYear").Description("The year the target should be reached; not before baselineYear.");
    }
}

public sealed class AddProgrammeGoalPayload : Payload<ProgrammeGoal>;

public sealed class AddProgrammeGoalPayloadType() : PayloadType<AddProgrammeGoalPayload, ProgrammeGoal, ProgrammeGoalType>("goal", "The result of addProgrammeGoal.");

public static class AddProgrammeGoal
{
    public static void AddAddProgrammeGoal(this ObjectGraphType mutation) =>
        mutation.Mutation<AddProgrammeGoalInputType, AddProgrammeGoalPayloadType, AddProgrammeGoalInput, AddProgrammeGoalPayload>(
            "addProgrammeGoal",
            Policies.Scoped,
            "Adds a goal at the end of a programme's list (those who edit the programme). Send an Idempotency-Key to retry safely.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<AddProgrammeGoalInput> run, AddProgrammeGoalPayload payload)
    {
        var input = run.Input;
        var programme = await run.ActOnAsync<Programme>(input.Programme, "programme", ProgrammeEditing.ToEdit);
        if (programme is null)
        {
            return;
        }

        var text = run.Text(input.Text, "text", 1000, required: true);
        var theme = input.Theme is null ? null : await run.FindAsync<Theme>(input.Theme, "theme");
        run.Range(input.TargetYear, input.BaselineYear ?? 1900, "targetYear", 2200);
        var goal = new ProgrammeGoal
        {
            ProgrammeId = programme.Id,
            Position = await run.Db.ProgrammeGoals.CountAsync(g => g.ProgrammeId == programme.Id, run.Ct) + 1,
            Text = text ?? string.Empty,
            ThemeId = theme?.Id,
            Indicator = run.Text(input.Indicator, "indicator", 500),
            Unit = run.Text(input.Unit, "unit", 60),
            Baseline = input.Baseline,
            BaselineYear = input.BaselineYear,
            Target = input.Target,
            TargetYear = input.TargetYear,
        };
        run.Db.Add(goal);
        payload.Result = goal;
    }
}
