using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.NeighbourhoodCompanies;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.GraphQL.Federation;
using Infrastructuur.Api.Features.Import;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Organisations;

public sealed class OrganisationKindType : EnumerationGraphType<OrganisationKind>
{
    public OrganisationKindType()
    {
        Name = "OrganisationKind";
        Description = "What kind of partner an organisation is.";
    }
}

public sealed class OrganisationIdentifierType : ObjectGraphType<OrganisationIdentifier>
{
    public OrganisationIdentifierType()
    {
        Name = "OrganisationIdentifier";
        Description = "An identifier of an organisation in a named scheme (HSDS organization_identifier; 360Giving org-id prefixes).";
        this.DefaultPolicy(Policies.Public);
        Field(i => i.Scheme).Description("The identifier scheme, e.g. NL-KVK (Chamber of Commerce) or NL-OWMS (public bodies).");
        Field(i => i.Value).Description("The identifier within the scheme.");
    }
}

public sealed class OrganisationType : ObjectGraphType<Organisation>
{
    public static readonly KeysetOrder<Organisation, string> ByName = OrganisationOrder.ByName.Ascending;

    public OrganisationType()
    {
        Description = "A partner organisation (HSDS organization): school, faith community, sports club, youth, welfare or care provider, municipality, fund …";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Interface<PartyType>();
        Field(o => o.Name).Description("The organisation's name.");
        Field(o => o.Description, nullable: true).Description("What the organisation does, in its own words.");
        Field<NonNullGraphType<OrganisationKindType>>("kind").Description("The kind of organisation.").FromColumn(x => x.Kind);
        Field(o => o.Website, nullable: true).Description("The organisation's website.");
        Field(o => o.ModifiedAt).Description("When the record last changed (UTC); filterBy.modifiedSince and orderBy MODIFIED_AT read it.");
        Field(o => o.Email, nullable: true).Description("The organisation's general e-mail address (never a person's).");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<OrganisationIdentifierType>>>>("identifiers")
            .Description("Identifiers in public schemes such as NL-KVK.")
            .Reads().Resolve(ctx => ctx.Loader<IdentifiersByOrganisation>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<StringGraphType>("kvkNumber")
            .Description($"The organisation's Chamber of Commerce (KvK) number, eight digits: the value of its {Kvk.Scheme} identifier; null when it has none. Federation's key for organisations by KvK number.")
            .Reads().Resolve(ctx => ctx.Loader<IdentifiersByOrganisation>().Load(ctx.Source.Id).Then(list => list?.FirstOrDefault(i => i.Scheme == Kvk.Scheme)?.Value));
        this.KeyedBy("kvkNumber", (db, numbers) => db.OrganisationIdentifiers.Where(i => i.Scheme == Kvk.Scheme && numbers.Contains(i.Value)).Select(i => new KeyedId(i.Value, i.OrganisationId, 0)), number => number.Trim());
        Field<OrganisationType>("parent")
            .Description("The organisation this one is part of, if any.")
            .Reads(x => x.ParentId).Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.ParentId));
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("neighbourhoods")
            .Description("The regions where the organisation works, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => o => o.Neighbourhoods, NeighbourhoodType.ByName));
        Field<NonNullGraphType<ConnectionType<InitiativeType>>>("hostedInitiatives")
            .Description("Residents' initiatives this organisation hosts, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => o => db.Initiatives.Where(i => i.HostOrganisationId == o.Id), InitiativeType.ByName));
        Field<NonNullGraphType<ConnectionType<ActivityType>>>("activities")
            .Description("Activities this organisation provides, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => o => db.Activities.Where(a => a.ProviderOrganisationId == o.Id), ActivityOrder.Default));
        Field<NonNullGraphType<ConnectionType<ActivityType>>>("partnerActivities")
            .Description("Activities this organisation takes part in as a partner of the provider, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => o => o.PartnerActivities, ActivityOrder.Default));
        this.AddProgrammeFields();
        this.AddFundingFields();
        this.AddNeighbourhoodCompanyFields();
        this.AddCoalitionFields();
        this.AddCollaborationFields();
        this.AddViewerCanEdit("organisation", "describeOrganisation", EditScopes.ToEdit);
        Field(o => o.LastVerifiedOn, nullable: true).Description("The day an official of a municipality the organisation works in last checked this profile with it.").Policy(Policies.Public);
        this.AddChangeHistory(HistoryReaders.Organisation);
    }
}

public static class OrganisationQueries
{
    public static void AddOrganisationQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<OrganisationType>>>("organisations")
            .Description("Partner organisations matching filterBy, in the order of orderBy (name when left out).")
            .PagingArguments()
            .Argument<OrganisationFilterType>("filterBy", "Conditions the organisations must meet, all of them (AND).")
            .Argument<OrganisationOrderType>("orderBy", "The order of the list; by name, ascending, when left out.")
            .ResolveAsync(async ctx =>
            {
                var filter = ctx.GetArgument<OrganisationFilter?>("filterBy") ?? new OrganisationFilter();
                var query = filter.Compile();
                await ctx.EnsureKnownAsync(filter.PlaceCodes());
                return await ctx.PageAsync(query, ctx.GetArgument<OrganisationOrder?>("orderBy")?.Keyset() ?? OrganisationType.ByName);
            });

        query.Field<OrganisationType>("organisation")
            .Description("One organisation by its global ID; null with NOT_FOUND when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The organisation's global ID.")
            .Resolve(ctx => ctx.LoadByIdOrNotFound<Organisation>(GlobalId.Decode(ctx.GetArgument<string>("id"), "Organisation")));
    }
}

/// <summary>Each organisation's identifiers, for a whole page of organisations in one query.</summary>
public sealed class IdentifiersByOrganisation(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, List<OrganisationIdentifier>>
{
    protected override async Task<IReadOnlyDictionary<Guid, List<OrganisationIdentifier>>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.OrganisationIdentifiers.AsNoTracking().Where(i => keys.Contains(i.OrganisationId)).OrderBy(i => i.Scheme).ThenBy(i => i.Value).ToListAsync(cancellationToken);
        return rows.GroupBy(i => i.OrganisationId).ToDictionary(g => g.Key, g => g.ToList());
    }
}
