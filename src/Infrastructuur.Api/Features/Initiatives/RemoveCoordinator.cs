using GraphQL.Types;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class RemoveCoordinatorInput : MutationInput
{
    public string Initiative { get; set; } = string.Empty;

    public string Person { get; set; } = string.Empty;
}

public sealed class RemoveCoordinatorInputType : MutationInputType<RemoveCoordinatorInput>
{
    public RemoveCoordinatorInputType()
        : base("A coordinator to remove from an initiative.")
    {
        Field<NonNullGraphType<IdGraphType>>("initiative").Description("The initiative (its global ID).");
        Field<NonNullGraphType<IdGraphType>>("person").Description("The coordinator to remove, or the person whose invitation to withdraw (a Person ID).");
    }
}

public sealed class RemoveCoordinatorPayload : Payload<Initiative>;

public sealed class RemoveCoordinatorPayloadType() : PayloadType<RemoveCoordinatorPayload, Initiative, InitiativeType>("initiative", "The result of removeCoordinator.");

public static class RemoveCoordinator
{
    public static void AddRemoveCoordinator(this ObjectGraphType mutation) =>
        mutation.Mutation<RemoveCoordinatorInputType, RemoveCoordinatorPayloadType, RemoveCoordinatorInput, RemoveCoordinatorPayload>(
            "removeCoordinator",
            Policies.Scoped,
            "Removes a coordinator from an initiative, or withdraws an invitation (its coordinators, including themselves, and admins). The last coordinator who accepted cannot be removed (LAST_COORDINATOR).",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<RemoveCoordinatorInput> run, RemoveCoordinatorPayload payload)
    {
        var input = run.Input;
        var initiative = await run.ActOnAsync<Initiative>(input.Initiative, "initiative", EditScopes.ToEdit);
        if (initiative is null || run.Id(input.Person, nameof(Person), "person") is not { } person)
        {
            return;
        }

        var coordinators = await run.Db.InitiativeCoordinators.Where(c => c.InitiativeId == initiative.Id).ToListAsync(run.Ct);
        var leaving = coordinators.FirstOrDefault(c => c.PersonId == person);
        if (leaving is null)
        {
            run.Fail(UserErrorCode.NotFound, "person");
            return;
        }

        if (leaving.AcceptedAt is not null && coordinators.Count(c => c.AcceptedAt is not null) == 1)
        {
            run.Fail(UserErrorCode.LastCoordinator, "person");
            return;
        }

        // The initiative's version moves on, so two coordinators removing each other at once cannot leave it with none.
        run.Expect(initiative, initiative.Version);
        run.Db.Remove(leaving);
        payload.Result = initiative;
    }
}
