using GraphQL.Types;

namespace Infrastructuur.Api.Features.Programmes;

/// <summary>The programme's mutations, one file each.</summary>
public static class ProgrammeMutations
{
    public static void AddProgrammeMutations(this ObjectGraphType mutation)
    {
        mutation.AddCreateProgramme();
        mutation.AddAddProgrammeGoal();
        mutation.AddRecordGoalMeasurement();
    }
}
