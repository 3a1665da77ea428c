using GraphQL.Types;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Coalitions;

public sealed class JoinCoalitionInput : CoalitionMembershipInput;

public sealed class JoinCoalitionInputType() : CoalitionMembershipInputType<JoinCoalitionInput>(
    "A party joining a coalition.", "The day it joins; today when left out.");

public sealed class JoinCoalitionPayload : Payload<Coalition>;

public sealed class JoinCoalitionPayloadType() : PayloadType<JoinCoalitionPayload, Coalition, CoalitionType>("coalition", "The result of joinCoalition.");

public static class JoinCoalition
{
    public static void AddJoinCoalition(this ObjectGraphType mutation) =>
        mutation.Mutation<JoinCoalitionInputType, JoinCoalitionPayloadType, JoinCoalitionInput, JoinCoalitionPayload>(
            "joinCoalition",
            Policies.Scoped,
            "Makes your initiative or organisation a member of a coalition (its coordinators or staff; admins for any). A party that left earlier rejoins; a current member is a DUPLICATE.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<JoinCoalitionInput> run, JoinCoalitionPayload payload)
    {
        if (await CoalitionMembership.LoadAsync(run) is not ({ } coalition, { } party, var member))
        {
            return;
        }

        if (member is { LeftOn: null })
        {
            run.Fail(UserErrorCode.Duplicate, "party");
            return;
        }

        if (member is null)
        {
            member = new CoalitionMember { CoalitionId = coalition.Id };
            party.Link(member);
            run.Db.Add(member);
        }

        member.JoinedOn = run.Input.On ?? MutationRun.Today;
        member.LeftOn = null;
        payload.Result = coalition;
    }
}
