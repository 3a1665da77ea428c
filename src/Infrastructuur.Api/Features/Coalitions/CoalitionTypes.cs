using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Coalitions;

public sealed class CoalitionType : ObjectGraphType<Coalition>
{
    public static readonly KeysetOrder<Coalition, string> ByName = new("name", c => c.NameKey);

    public CoalitionType()
    {
        Description = "A network of initiatives and organisations acting together, such as a Huis van de Wijk or a support network for children and parents.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(c => c.Name).Description("The coalition's name.");
        Field(c => c.Description, nullable: true).Description("What the coalition does, in its own words.");
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the coalition works in.")
            .Reads(x => x.MunicipalityId).Resolve(ctx => ctx.LoadSelectedById<Municipality>(ctx.Source.MunicipalityId));
        Field<NonNullGraphType<ConnectionType<CoalitionMemberType>>>("members")
            .Description("The coalition's members, past and present, earliest joined first.")
            .PagingArguments()
            .Argument<BooleanGraphType>("current", CurrentArgument)
            .Resolve(ctx =>
            {
                var current = ctx.Request().CurrentFilter(ctx.GetArgument<bool?>("current"));
                return ctx.PageChildren(db => c => db.CoalitionMembers.Where(m => m.CoalitionId == c.Id).Where(current), CoalitionMemberType.ByJoinedOn);
            });
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CoalitionRecognitionType>>>>("recognitions")
            .Description("Recognitions the coalition holds, such as \"OZJ-Jeugdlab\", oldest first.")
            .Resolve(ctx => ctx.Loader<RecognitionsByCoalition>().ListOf(ctx.Source));
    }

    internal const string CurrentArgument = "True: only memberships running today; false: only those that ended (or have not started yet); left out: all.";
}

public sealed class CoalitionMemberType : ObjectGraphType<CoalitionMember>
{
    public static readonly KeysetOrder<CoalitionMember, DateOnly> ByJoinedOn = new("joinedOn", m => m.JoinedOn);

    public CoalitionMemberType()
    {
        Description = "An organisation's or an initiative's membership of a coalition, with the dates it joined and left.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<NonNullGraphType<PartyType>>("member")
            .Description("The member: an organisation or an initiative.")
            .Resolve(ctx => ctx.LoadParty(ctx.Source));
        Field<NonNullGraphType<CoalitionType>>("coalition")
            .Description("The coalition.")
            .Reads(x => x.CoalitionId).Resolve(ctx => ctx.LoadSelectedById<Coalition>(ctx.Source.CoalitionId));
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day of the membership (the day the member joined).").FromColumn(m => m.JoinedOn);

        // The row keeps the day the member left, the first day outside; a span's endsOn is its last day inside.
        Field<DateOnlyGraphType>("endsOn")
            .Description("The last day of the membership (the day before the member left); null while it lasts.")
            .Reads(m => m.LeftOn).Resolve(ctx => ctx.Source.LeftOn?.AddDays(-1));
    }
}

public sealed class CoalitionRecognitionType : ObjectGraphType<CoalitionRecognition>
{
    public CoalitionRecognitionType()
    {
        Description = "A recognition a coalition holds, such as \"OZJ-Jeugdlab\".";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(r => r.Label).Description("The recognition, e.g. \"OZJ-Jeugdlab\".");
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day of the recognition.").FromColumn(r => r.Since);
        Field(r => r.GrantedBy, nullable: true).Description("Who granted it, in words; null when not known.");
    }
}

/// <summary>The filters of Query.coalitions.</summary>
public sealed class CoalitionFilter
{
    public string? Municipality { get; set; }

    public string? Text { get; set; }
}

public sealed class CoalitionFilterType : InputObjectGraphType<CoalitionFilter>
{
    public CoalitionFilterType()
    {
        Name = "CoalitionFilter";
        Description = "Narrows Query.coalitions; all given filters apply together.";
        Field<IdGraphType>("municipality").Description("Only coalitions in this municipality (its global ID).");
        Field<StringGraphType>("text").Description("Only coalitions whose name contains this text (case and accents ignored).");
    }
}

public static class CoalitionQueries
{
    public static void AddCoalitionQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<CoalitionType>>>("coalitions")
            .Description("Coalitions of initiatives and organisations, by name.")
            .PagingArguments()
            .Argument<CoalitionFilterType>("filterBy", "Narrows the list.")
            .ResolveAsync(ctx =>
            {
                var filter = ctx.GetArgument<CoalitionFilter?>("filterBy") ?? new();
                var municipality = filter.Municipality is { } m ? GlobalId.Decode(m, nameof(Municipality)) : (Guid?)null;
                var text = string.IsNullOrWhiteSpace(filter.Text) ? null : TextKey.Fold(filter.Text);
                return ctx.PageAsync(
                    db => db.Coalitions.Where(c => (municipality == null || c.MunicipalityId == municipality) && (text == null || c.NameKey.Contains(text))),
                    CoalitionType.ByName);
            });

        query.Field<CoalitionType>("coalition")
            .Description("One coalition by its global ID; null with NOT_FOUND when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The coalition's global ID.")
            .Resolve(ctx => ctx.LoadByIdOrNotFound<Coalition>(GlobalId.Decode(ctx.GetArgument<string>("id"), nameof(Coalition))));
    }

    /// <summary>The membership filter for a <c>current</c> argument, against today's date (UTC) at the start of the request.</summary>
    internal static Expression<Func<CoalitionMember, bool>> CurrentFilter(this RequestContext request, bool? current) =>
        CoalitionMember.Current(current, request.Shared("today", () => new Today()).Date);

    // One date for the whole request, so that two fields can never disagree around midnight.
    private sealed class Today
    {
        public DateOnly Date { get; } = DateOnly.FromDateTime(DateTime.UtcNow);
    }
}

public static class CoalitionFields
{
    /// <summary>Adds <c>coalitions</c> to the initiative type.</summary>
    public static void AddCoalitionFields(this ObjectGraphType<Initiative> initiative) =>
        AddCoalitions(initiative, "initiative", current => db => i => db.CoalitionMembers.Where(m => m.InitiativeId == i.Id).Where(current).Select(m => m.Coalition!));

    /// <summary>Adds <c>coalitions</c> to the organisation type.</summary>
    public static void AddCoalitionFields(this ObjectGraphType<Organisation> organisation) =>
        AddCoalitions(organisation, "organisation", current => db => o => db.CoalitionMembers.Where(m => m.OrganisationId == o.Id).Where(current).Select(m => m.Coalition!));

    private static void AddCoalitions<TParent>(
        ObjectGraphType<TParent> type,
        string what,
        Func<Expression<Func<CoalitionMember, bool>>, Func<InfrastructuurDb, Expression<Func<TParent, IEnumerable<Coalition>>>>> coalitions)
        where TParent : Entity =>
        type.Field<NonNullGraphType<ConnectionType<CoalitionType>>>("coalitions")
            .Description($"The coalitions the {what} is or was a member of, by name.")
            .PagingArguments()
            .Argument<BooleanGraphType>("current", CoalitionType.CurrentArgument)
            .Reads().Resolve(ctx => ctx.PageChildren(coalitions(ctx.Request().CurrentFilter(ctx.GetArgument<bool?>("current"))), CoalitionType.ByName));
}

/// <summary>Each coalition's recognitions, for a whole page of coalitions in one query.</summary>
public sealed class RecognitionsByCoalition(IDbContextFactory<InfrastructuurDb> factory) : ListLoader<Coalition, CoalitionRecognition>(factory)
{
    protected override Expression<Func<Coalition, IEnumerable<CoalitionRecognition>>> Children(InfrastructuurDb db) => c => c.Recognitions;

    protected override IEnumerable<CoalitionRecognition> Sort(IEnumerable<CoalitionRecognition> rows) => rows.OrderBy(r => r.Since).ThenBy(r => r.Id);
}
