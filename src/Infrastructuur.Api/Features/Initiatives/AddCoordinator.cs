using GraphQL.Types;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class AddCoordinatorInput : MutationInput
{
    public string Initiative { get; set; } = string.Empty;

    public string Person { get; set; } = string.Empty;

    public string? Role { get; set; }

    public DateOnly? StartsOn { get; set; }
}

public sealed class AddCoordinatorInputType : MutationInputType<AddCoordinatorInput>
{
    public AddCoordinatorInputType()
        : base("A person to invite as coordinator of an initiative.")
    {
        Field<NonNullGraphType<IdGraphType>>("initiative").Description("The initiative (its global ID).");
        Field<NonNullGraphType<IdGraphType>>("person").Description("The person invited to coordinate (a Person ID); they become a coordinator when they accept.");
        Field<StringGraphType>("role").Description("Their role in the initiative's own words, e.g. \"penningmeester\" (at most 100 characters).");
        Field<DateOnlyGraphType>("startsOn").Description("The first day they coordinate; today when left out.");
    }
}

public sealed class AddCoordinatorPayload : Payload<InitiativeCoordinator>;

public sealed class AddCoordinatorPayloadType() : PayloadType<AddCoordinatorPayload, InitiativeCoordinator, InitiativeCoordinatorType>("coordinator", "The result of addCoordinator: the invitation (status INVITED). The invitee's personal data stays null to you until they accept.");

public static class AddCoordinator
{
    public static void AddAddCoordinator(this ObjectGraphType mutation) =>
        mutation.Mutation<AddCoordinatorInputType, AddCoordinatorPayloadType, AddCoordinatorInput, AddCoordinatorPayload>(
            "addCoordinator",
            Policies.Scoped,
            "Invites a person to coordinate an initiative (its coordinators and admins). The invitation grants nothing until the person accepts it with acceptCoordinatorInvitation: no edit rights for them, and no personal data between you and them. A person already invited or coordinating is a DUPLICATE; withdraw an invitation with removeCoordinator.",
            HandleAsync);

    private static async Task HandleAsync(MutationRun<AddCoordinatorInput> run, AddCoordinatorPayload payload)
    {
        var input = run.Input;
        var initiative = await run.ActOnAsync<Initiative>(input.Initiative, "initiative", EditScopes.ToEdit);
        if (initiative is null)
        {
            return;
        }

        var person = await run.FindAsync<Person>(input.Person, "person");
        var role = run.Text(input.Role, "role", 100);
        if (person is null || run.Failed)
        {
            return;
        }

        if (await run.Db.InitiativeCoordinators.AnyAsync(c => c.InitiativeId == initiative.Id && c.PersonId == person.Id, run.Ct))
        {
            run.Fail(UserErrorCode.Duplicate, "person");
            return;
        }

        // AcceptedAt stays null: an invitation, until the person accepts it signed in as themself.
        var coordinator = new InitiativeCoordinator { InitiativeId = initiative.Id, PersonId = person.Id, Role = role, Since = input.StartsOn ?? MutationRun.Today };
        run.Db.Add(coordinator);
        payload.Result = coordinator;
    }
}
