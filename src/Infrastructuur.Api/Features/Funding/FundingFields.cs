using GraphQL.Types;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Funding;

/// <summary>The funding edges of initiatives, organisations and programmes; each graph type calls its overload once.</summary>
public static class FundingFields
{
    public static void AddFundingFields(this InitiativeType type) =>
        type.Field<NonNullGraphType<ConnectionType<GrantType>>>("grants")
            .Description("Grants to the initiative (and its applications), newest first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => i => db.Grants.Where(g => g.RecipientInitiativeId == i.Id), GrantType.ByAwardDate));

    public static void AddFundingFields(this OrganisationType type)
    {
        type.Field<NonNullGraphType<ConnectionType<GrantType>>>("grantsReceived")
            .Description("Grants to the organisation (and its applications), newest first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => o => db.Grants.Where(g => g.RecipientOrganisationId == o.Id), GrantType.ByAwardDate));
        type.Field<NonNullGraphType<ConnectionType<GrantType>>>("grantsFunded")
            .Description("Grants the organisation awards or was asked for, as a funder (360Giving fundingOrganization), newest first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => o => db.Grants.Where(g => g.FunderId == o.Id), GrantType.ByAwardDate));
        type.Field<NonNullGraphType<ConnectionType<BudgetLineType>>>("budgetLines")
            .Description("The organisation's own budget lines, as a funder, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => o => db.BudgetLines.Where(b => b.FunderId == o.Id), BudgetLineType.ByName));
    }

    public static void AddFundingFields(this ProgrammeType type)
    {
        type.Field<NonNullGraphType<ConnectionType<GrantType>>>("grants")
            .Description("Grants to the programme (and its applications), newest first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => p => db.Grants.Where(g => g.RecipientProgrammeId == p.Id), GrantType.ByAwardDate));
        type.Field<NonNullGraphType<ProgrammeFundingType>>("funding")
            .Description("Totals over the programme's awarded grants: awarded, paid out, funders and budget lines.")
            .Reads().Resolve(ctx => ctx.Loader<FundingByProgramme>().Load(ctx.Source.Id).Then(f => f ?? ProgrammeFunding.None));
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<FundingSourceType>>>>("fundingBySource")
            .Description("The programme's awarded grants per funder and budget line: awarded and paid out from each, largest first (summed by the database).")
            .Reads().Resolve(ctx => ctx.Loader<FundingByProgramme>().Load(ctx.Source.Id).Then(f => (f ?? ProgrammeFunding.None).Sources));
    }
}

public static class FundingQueries
{
    public static void AddFundingQueries(this ObjectGraphType query)
    {
        query.AddBudgetLineQueries();
        query.AddGrantQueries();
    }
}
