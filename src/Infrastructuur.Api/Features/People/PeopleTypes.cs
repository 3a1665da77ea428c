using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.People;

// Personal data: a Person exposes its public display name only. Name, e-mail and phone stay out of the schema
// until the authorization work scopes and logs every read of them; there is deliberately no root list of people.
public sealed class PersonType : ObjectGraphType<Person>
{
    public PersonType()
    {
        Description = "A person in the network (a coordinator, a contact person). Only the name they chose to be shown under is public.";
        this.AsNode();
        Field(p => p.DisplayName).Description("The public name the person chose to be shown under, e.g. \"Coördinator A.\"; never their full name.");
    }
}

public sealed class InitiativeCoordinatorType : ObjectGraphType<InitiativeCoordinator>
{
    public InitiativeCoordinatorType()
    {
        Description = "A person coordinating a residents' initiative, with their role and since when.";
        this.AsNode();
        Field<NonNullGraphType<PersonType>>("person")
            .Description("The coordinator.")
            .Resolve(ctx => ctx.LoadById<Person>(ctx.Source.PersonId));
        Field(c => c.Since).Description("The day the person started coordinating the initiative.");
        Field(c => c.Role, nullable: true).Description("The role in the initiative's own words, e.g. \"coördinator\" or \"penningmeester\".");
    }
}

public static class PeopleFields
{
    /// <summary>Adds <c>coordinators</c> to the initiative type.</summary>
    public static void AddCoordinatorFields(this ObjectGraphType<Initiative> initiative) =>
        initiative.Field<NonNullGraphType<ListGraphType<NonNullGraphType<InitiativeCoordinatorType>>>>("coordinators")
            .Description("The people who coordinate the initiative, longest-serving first.")
            .Resolve(ctx => ctx.Loader<CoordinatorsByInitiative>().ListOf(ctx.Source));
}

/// <summary>Each initiative's coordinators, for a whole page of initiatives in one query.</summary>
public sealed class CoordinatorsByInitiative(IDbContextFactory<InfrastructuurDb> factory) : ListLoader<Initiative, InitiativeCoordinator>(factory)
{
    protected override Expression<Func<Initiative, IEnumerable<InitiativeCoordinator>>> Children(InfrastructuurDb db) =>
        i => db.InitiativeCoordinators.Where(c => c.InitiativeId == i.Id);

    protected override IEnumerable<InitiativeCoordinator> Sort(IEnumerable<InitiativeCoordinator> rows) => rows.OrderBy(c => c.Since).ThenBy(c => c.Id);
}
