using System.ComponentModel;
using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Infrastructuur.Api.GraphQL.Federation;

namespace Infrastructuur.Api.Features.People;

// Personal data: the display name is public; full name, e-mail and phone are personal data (PersonalData.Guard decides
// who may read them and logs every read). There is deliberately no root list of people.
public sealed class PersonType : ObjectGraphType<Person>
{
    private const string Whom = "Personal data: null unless you may see it (the person themself, co-coordinators of an initiative they coordinate, staff of an organisation hosting such an initiative, officials of its municipality or of a neighbourhood company they hold shares in, administrators) — or when none is on file; every read is logged.";

    public PersonType()
    {
        Description = "A person in the network (a coordinator, a contact person, a shareholder). Only the name they chose to be shown under is public; contact details are personal data.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();

        // A supergraph's schema is shared with every party of the federation: people stay in this API, where
        // PersonalData.Guard checks and logs each read (ADR 0027).
        this.Inaccessible();
        Field(p => p.DisplayName).Description("The public name the person chose to be shown under, e.g. \"Coördinator A.\"; never their full name.");
        Field<StringGraphType>("fullName")
            .PersonalDataOf(p => p.Id)
            .Description($"The person's full name. {Whom}")
            .FromColumn(x => x.FullName);
        Field<StringGraphType>("email")
            .PersonalDataOf(p => p.Id)
            .Description($"The person's e-mail address. {Whom}")
            .FromColumn(x => x.Email);
        Field<StringGraphType>("phone")
            .PersonalDataOf(p => p.Id)
            .Description($"The person's phone number. {Whom}")
            .FromColumn(x => x.Phone);
    }
}

/// <summary>Where a coordinator link stands.</summary>
public enum CoordinatorStatus
{
    [Description("Invited by a co-coordinator, not yet accepted: grants nothing, neither edit rights nor personal data either way.")]
    Invited = 1,

    [Description("Accepted by the person: they coordinate the initiative.")]
    Active,
}

public sealed class CoordinatorStatusType() : DescribedEnumType<CoordinatorStatus>("Whether a coordinator has accepted: INVITED → ACTIVE.");

public sealed class InitiativeCoordinatorType : ObjectGraphType<InitiativeCoordinator>
{
    public InitiativeCoordinatorType()
    {
        Description = "A person coordinating a residents' initiative, with their role and since when; or invited to, until they accept (status). Invitations are seen only by the invitee and the initiative's coordinators.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<NonNullGraphType<PersonType>>("person")
            .Description("The coordinator.")
            .Reads(x => x.PersonId).Resolve(ctx => ctx.LoadSelectedById<Person>(ctx.Source.PersonId));
        Field<InitiativeType>("initiative")
            .Description("The initiative coordinated; null when you may not see it (a draft, in a personal-data export).")
            .Reads(x => x.InitiativeId).Resolve(ctx => ctx.LoadSelectedById<Initiative>(ctx.Source.InitiativeId));
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day the person coordinates the initiative.").FromColumn(c => c.Since);
        Field(c => c.Role, nullable: true).Description("The role in the initiative's own words, e.g. \"coördinator\" or \"penningmeester\".");
        Field<NonNullGraphType<CoordinatorStatusType>>("status")
            .Description("INVITED until the person accepts with acceptCoordinatorInvitation, then ACTIVE.")
            .Resolve(ctx => Initiatives.CoordinatorInvitations.Status(ctx.Source));
    }
}

public static class PeopleFields
{
    /// <summary>Adds <c>coordinators</c> to the initiative type.</summary>
    public static void AddCoordinatorFields(this ObjectGraphType<Initiative> initiative) =>
        initiative.Field<NonNullGraphType<ListGraphType<NonNullGraphType<InitiativeCoordinatorType>>>>("coordinators")
            .Description("The people who coordinate the initiative, longest-serving first; to its own coordinators also the people invited (status INVITED).")
            .Resolve(ctx => ctx.Loader<CoordinatorsByInitiative>().ListOf(ctx.Source));
}

/// <summary>Each initiative's coordinators, for a whole page of initiatives in one query.</summary>
public sealed class CoordinatorsByInitiative(IDbContextFactory<InfrastructuurDb> factory) : ListLoader<Initiative, InitiativeCoordinator>(factory)
{
    protected override Expression<Func<Initiative, IEnumerable<InitiativeCoordinator>>> Children(InfrastructuurDb db) =>
        i => db.InitiativeCoordinators.Where(c => c.InitiativeId == i.Id);

    protected override IEnumerable<InitiativeCoordinator> Sort(IEnumerable<InitiativeCoordinator> rows) => rows.OrderBy(c => c.Since).ThenBy(c => c.Id);
}
