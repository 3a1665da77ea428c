using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Network;

public sealed class EndCollaborationInput : VersionedInput
{
    public DateOnly? EndsOn { get; set; }
}

public sealed class EndCollaborationInputType : VersionedInputType<EndCollaborationInput>
{
    public EndCollaborationInputType()
        : base("collaboration", "Which collaboration ends, and on which day.")
    {
        Field<DateOnlyGraphType>("endsOn").Description("Its last day; today when left out. Not before it started.");
    }
}

public sealed class EndCollaborationPayload : Payload<Collaboration>;

public sealed class EndCollaborationPayloadType() : PayloadType<EndCollaborationPayload, Collaboration, CollaborationType>("collaboration", "The result of endCollaboration.");

public static class EndCollaboration
{
    public static void AddEndCollaboration(this ObjectGraphType mutation) =>
        mutation.Mutation<EndCollaborationInputType, EndCollaborationPayloadType, EndCollaborationInput, EndCollaborationPayload>(
            "endCollaboration",
            Policies.Scoped,
            "Ends a collaboration on a day (a party's coordinators or staff, officials of its municipality, admins). One that has already ended is an INVALID_TRANSITION.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<EndCollaborationInput> run, EndCollaborationPayload payload)
    {
        var input = run.Input;
        var collaboration = await run.UpdateAsync<Collaboration>(input.Id, input.ExpectedVersion, WhoMayEnd, q => q.Include(c => c.Parties));
        if (collaboration is null)
        {
            return;
        }

        if (collaboration.EndsOn < MutationRun.Today)
        {
            run.Fail(UserErrorCode.InvalidTransition, null, "ENDED");
            return;
        }

        collaboration.EndsOn = input.EndsOn ?? MutationRun.Today;
        run.Dates(collaboration.StartsOn, collaboration.EndsOn, "endsOn");
        payload.Result = collaboration;
    }

    private static Permission WhoMayEnd(Viewer viewer, Collaboration collaboration) =>
        viewer.Serves(collaboration.MunicipalityId) || collaboration.Parties.Any(viewer.MayActFor) ? Permission.Act : Permission.None;
}
