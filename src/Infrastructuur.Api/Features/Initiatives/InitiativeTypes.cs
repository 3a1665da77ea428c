using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Initiatives;

public sealed class InitiativeStatusType : EnumerationGraphType<InitiativeStatus>
{
    public InitiativeStatusType()
    {
        Name = "InitiativeStatus";
        Description = "Where an initiative stands.";
    }
}

public sealed class InitiativeType : ObjectGraphType<Initiative>
{
    public static readonly KeysetOrder<Initiative, string> ByName = InitiativeOrder.ByName.Ascending;

    public InitiativeType()
    {
        Description = "A residents' initiative (bewonersinitiatief): residents organising something for their neighbourhood, often without a legal form.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Interface<PartyType>();
        Field(i => i.Name).Description("The initiative's name.");
        Field(i => i.Description, nullable: true).Description("What the initiative does, in its own words.");
        Field<NonNullGraphType<InitiativeStatusType>>("status").Description("Where the initiative stands.").FromColumn(x => x.Status);
        Field(i => i.StartedOn, nullable: true).Description("The day the initiative started, if known.");
        Field(i => i.ModifiedAt).Description("When the record last changed (UTC); filterBy.modifiedSince and orderBy MODIFIED_AT read it.");
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the initiative belongs to.")
            .Reads(x => x.MunicipalityId).Resolve(ctx => ctx.LoadSelectedById<Municipality>(ctx.Source.MunicipalityId));
        Field<OrganisationType>("hostOrganisation")
            .Description("The organisation that hosts the initiative, if any.")
            .Reads(x => x.HostOrganisationId).Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.HostOrganisationId));
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("neighbourhoods")
            .Description("The regions where the initiative is active, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => i => i.Neighbourhoods, NeighbourhoodType.ByName));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes")
            .Description("The themes the initiative works on, by Dutch name.")
            .Reads().Resolve(ctx => ctx.Loader<ThemesByInitiative>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<NonNullGraphType<ConnectionType<ActivityType>>>("activities")
            .Description("Activities the initiative runs, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => i => db.Activities.Where(a => a.ProviderInitiativeId == i.Id), ActivityOrder.Default));
        this.AddProgrammeFields();
        this.AddFundingFields();
        this.AddCoordinatorFields();
        this.AddCoalitionFields();
        this.AddCollaborationFields();
        this.AddViewerCanEdit("initiative", "describeInitiative", EditScopes.ToEdit);
        this.AddChangeHistory(HistoryReaders.Initiative);
    }
}

public static class InitiativeQueries
{
    public static void AddInitiativeQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<InitiativeType>>>("initiatives")
            .Description("Residents' initiatives matching filterBy, in the order of orderBy (name when left out).")
            .PagingArguments()
            .Argument<InitiativeFilterType>("filterBy", "Conditions the initiatives must meet, all of them (AND).")
            .Argument<InitiativeOrderType>("orderBy", "The order of the list; by name, ascending, when left out.")
            .ResolveAsync(async ctx =>
            {
                var filter = ctx.GetArgument<InitiativeFilter?>("filterBy") ?? new InitiativeFilter();
                var query = filter.Compile();
                await ctx.EnsureKnownAsync(filter.Codes());
                return await ctx.PageAsync(query, ctx.GetArgument<InitiativeOrder?>("orderBy")?.Keyset() ?? InitiativeType.ByName);
            });

        query.Field<InitiativeType>("initiative")
            .Description("One initiative by its global ID; null with NOT_FOUND when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The initiative's global ID.")
            .Resolve(ctx => ctx.LoadByIdOrNotFound<Initiative>(GlobalId.Decode(ctx.GetArgument<string>("id"), "Initiative")));
    }
}

/// <summary>Each initiative's themes, for a whole page of initiatives in one query.</summary>
public sealed class ThemesByInitiative(IDbContextFactory<InfrastructuurDb> factory) : TermsByOwner<Initiative, Theme>(factory, i => i.Themes);
