using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Network;

public sealed class CollaborationFormalityType : EnumerationGraphType<CollaborationFormality>
{
    public CollaborationFormalityType()
    {
        Name = "CollaborationFormality";
        Description = "How formally the parties of a collaboration have bound themselves.";
    }
}

public sealed class CollaborationType : ObjectGraphType<Collaboration>
{
    public static readonly KeysetOrder<Collaboration, DateOnly> ByStartsOn = new("startsOn", c => c.StartsOn, descending: true);

    public CollaborationType()
    {
        Description = "Two or more parties (organisations, initiatives) working together for a purpose: an edge of the network graph.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        this.AddVersionField();
        Field(c => c.Purpose).Description("What the parties work together for.");
        Field(c => c.StartsOn).Description("The first day of the collaboration.");
        Field(c => c.EndsOn, nullable: true).Description("The last day of the collaboration; null while it has no planned end.");
        Field<NonNullGraphType<CollaborationFormalityType>>("formality").Description("How formally the parties have bound themselves.").FromColumn(x => x.Formality);
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the collaboration works in.")
            .Reads(x => x.MunicipalityId).Resolve(ctx => ctx.LoadSelectedById<Municipality>(ctx.Source.MunicipalityId));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes")
            .Description("The themes the collaboration works on, by Dutch name.")
            .Resolve(ctx => ctx.Loader<ThemesByCollaboration>().ListOf(ctx.Source));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PartyType>>>>("parties")
            .Description("The organisations and initiatives working together, by name.")
            .Resolve(ctx => ctx.Loader<PartiesByCollaboration>().ListOf(ctx.Source).Then(rows => rows.Select(r => r.Party)));
    }
}

/// <summary>The filters of Query.collaborations.</summary>
public sealed class CollaborationFilter
{
    public string? Municipality { get; set; }

    public DateOnly? ActiveOn { get; set; }

    public List<string>? Themes { get; set; }
}

public sealed class CollaborationFilterType : InputObjectGraphType<CollaborationFilter>
{
    public CollaborationFilterType()
    {
        Name = "CollaborationFilter";
        Description = "Narrows Query.collaborations; all given filters apply together.";
        Field<IdGraphType>("municipality").Description("Only collaborations in this municipality (its global ID).");
        Field<DateOnlyGraphType>("activeOn").Description("Only collaborations running on this day (started on or before it, not ended before it).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("Only collaborations on one of these themes or one of their direct sub-themes (global IDs).");
    }
}

public static class CollaborationQueries
{
    public static void AddCollaborationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<CollaborationType>>>("collaborations")
            .Description("Collaborations between organisations and initiatives, newest first.")
            .PagingArguments()
            .Argument<CollaborationFilterType>("filterBy", "Narrows the list.")
            .ResolveAsync(ctx =>
            {
                var filter = ctx.GetArgument<CollaborationFilter?>("filterBy") ?? new();
                var municipality = filter.Municipality is { } m ? GlobalId.Decode(m, nameof(Municipality)) : (Guid?)null;
                var day = filter.ActiveOn;
                var themes = IdList.Decode(filter.Themes, nameof(Theme));
                return ctx.PageAsync(
                    db => db.Collaborations.Where(c =>
                        (municipality == null || c.MunicipalityId == municipality)
                        && (day == null || (c.StartsOn <= day && (c.EndsOn == null || c.EndsOn >= day)))
                        && (themes == null || c.Themes.Any(t => themes.Contains(t.Id) || (t.ParentId != null && themes.Contains(t.ParentId.Value))))),
                    CollaborationType.ByStartsOn);
            });
    }
}

public static class CollaborationFields
{
    /// <summary>Adds <c>collaborations</c> to the organisation type.</summary>
    public static void AddCollaborationFields(this ObjectGraphType<Organisation> organisation) =>
        AddCollaborations(organisation, "organisation", db => o => db.CollaborationParties.Where(p => p.OrganisationId == o.Id).Select(p => p.Collaboration!));

    /// <summary>Adds <c>collaborations</c> to the initiative type.</summary>
    public static void AddCollaborationFields(this ObjectGraphType<Initiative> initiative) =>
        AddCollaborations(initiative, "initiative", db => i => db.CollaborationParties.Where(p => p.InitiativeId == i.Id).Select(p => p.Collaboration!));

    private static void AddCollaborations<TParent>(ObjectGraphType<TParent> type, string what, Func<InfrastructuurDb, Expression<Func<TParent, IEnumerable<Collaboration>>>> collaborations)
        where TParent : Entity =>
        type.Field<NonNullGraphType<ConnectionType<CollaborationType>>>("collaborations")
            .Description($"The collaborations the {what} is a party to, newest first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(collaborations, CollaborationType.ByStartsOn));
}

/// <summary>Lists of IDs in filters: decoded to one type, and bounded like every list of keys.</summary>
public static class IdList
{
    /// <summary>The IDs of a filter list, or null when the filter is not given.</summary>
    public static List<Guid>? Decode(List<string>? ids, string typeName)
    {
        if (ids is null)
        {
            return null;
        }

        if (ids.Count > NodeQueries.MaxIds)
        {
            throw new ApiException(ErrorCodes.ValidationFailed, $"A filter takes at most {NodeQueries.MaxIds} IDs; {ids.Count} were given.", new Dictionary<string, object?> { ["limit"] = NodeQueries.MaxIds });
        }

        return [.. ids.Select(id => GlobalId.Decode(id, typeName))];
    }
}

public sealed class ThemesByCollaboration(IDbContextFactory<InfrastructuurDb> factory) : ThemesBy<Collaboration>(factory)
{
    protected override Expression<Func<Collaboration, IEnumerable<Theme>>> Children(InfrastructuurDb db) => c => c.Themes;
}

public sealed class PartiesByCollaboration(IDbContextFactory<InfrastructuurDb> factory) : PartiesBy<Collaboration>(factory)
{
    protected override Expression<Func<Collaboration, IEnumerable<PartyRow>>> Children(InfrastructuurDb db) =>
        c => c.Parties.Select(p => new PartyRow { Organisation = p.Organisation, Initiative = p.Initiative });
}
