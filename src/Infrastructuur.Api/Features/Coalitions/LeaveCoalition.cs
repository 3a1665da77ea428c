using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Coalitions;

public sealed class LeaveCoalitionInput : CoalitionMembershipInput;

public sealed class LeaveCoalitionInputType() : CoalitionMembershipInputType<LeaveCoalitionInput>(
    "A party leaving a coalition.", "The first day it is no longer a member (its endsOn is the day before); today when left out. After the day it joined.");

public sealed class LeaveCoalitionPayload : Payload<Coalition>;

public sealed class LeaveCoalitionPayloadType() : PayloadType<LeaveCoalitionPayload, Coalition, CoalitionType>("coalition", "The result of leaveCoalition.");

public static class LeaveCoalition
{
    public static void AddLeaveCoalition(this ObjectGraphType mutation) =>
        mutation.Mutation<LeaveCoalitionInputType, LeaveCoalitionPayloadType, LeaveCoalitionInput, LeaveCoalitionPayload>(
            "leaveCoalition",
            Policies.Scoped,
            "Ends your initiative's or organisation's membership of a coalition (its coordinators or staff; admins for any). A party that is not a current member is NOT_FOUND.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<LeaveCoalitionInput> run, LeaveCoalitionPayload payload)
    {
        if (await CoalitionMembership.LoadAsync(run) is not ({ } coalition, _, var member))
        {
            return;
        }

        if (member is not { LeftOn: null })
        {
            run.Fail(UserErrorCode.NotFound, "party");
            return;
        }

        member.LeftOn = run.Input.On ?? MutationRun.Today;
        run.Dates(member.JoinedOn.AddDays(1), member.LeftOn, "on"); // at least one day inside: endsOn is the day before
        payload.Result = coalition;
    }
}
