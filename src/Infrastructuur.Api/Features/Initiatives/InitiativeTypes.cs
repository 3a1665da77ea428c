using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Coalitions;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.GraphQL;

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
    public static readonly KeysetOrder<Initiative, string> ByName = new("name", i => i.NameKey);

    public InitiativeType()
    {
        Description = "A residents' initiative (bewonersinitiatief): residents organising something for their neighbourhood, often without a legal form.";
        this.AsNode();
        Field(i => i.Name).Description("The initiative's name.");
        Field(i => i.Description, nullable: true).Description("What the initiative does, in its own words.");
        Field<NonNullGraphType<InitiativeStatusType>>("status").Description("Where the initiative stands.").Resolve(ctx => ctx.Source.Status);
        Field(i => i.StartedOn, nullable: true).Description("The day the initiative started, if known.");
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the initiative belongs to.")
            .Resolve(ctx => ctx.LoadById<Municipality>(ctx.Source.MunicipalityId));
        Field<OrganisationType>("hostOrganisation")
            .Description("The organisation that hosts the initiative, if any.")
            .Resolve(ctx => ctx.LoadById<Organisation>(ctx.Source.HostOrganisationId));
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("neighbourhoods")
            .Description("The regions where the initiative is active, by name.")
            .PagingArguments()
            .Resolve(ctx => ctx.PageChildren(_ => i => i.Neighbourhoods, NeighbourhoodType.ByName));
        this.AddCoordinatorFields();
        this.AddCoalitionFields();
        this.AddCollaborationFields();
    }
}

public static class InitiativeQueries
{
    public static void AddInitiativeQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<InitiativeType>>>("initiatives")
            .Description("Residents' initiatives, by name.")
            .PagingArguments()
            .Argument<InitiativeStatusType>("status", "Only initiatives with this status.")
            .ResolveAsync(ctx =>
            {
                var status = ctx.GetArgument<InitiativeStatus?>("status");
                return ctx.PageAsync(db => db.Initiatives.Where(i => status == null || i.Status == status), InitiativeType.ByName);
            });

        query.Field<InitiativeType>("initiative")
            .Description("One initiative by its global ID; null with NOT_FOUND when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The initiative's global ID.")
            .Resolve(ctx => ctx.LoadById<Initiative>(GlobalId.Decode(ctx.GetArgument<string>("id"), "Initiative")));
    }
}
