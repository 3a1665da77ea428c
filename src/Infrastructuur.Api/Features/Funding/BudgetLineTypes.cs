using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Funding;

public sealed class BudgetLineType : ObjectGraphType<BudgetLine>
{
    public static readonly KeysetOrder<BudgetLine, string> ByName = new("name", b => b.NameKey);

    public BudgetLineType()
    {
        Description = "A funder's budget for one year on one policy column [Iv3]: municipal budgets are booked per Iv3 task field (6.1 community strength and civic participation, 6.2 neighbourhood teams, 7.1 public health, 4.x education); other funders have their own lines.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<NonNullGraphType<OrganisationType>>("funder")
            .Description("The organisation whose budget this is (360Giving fundingOrganization of the grants paid from it).")
            .Reads(x => x.FunderId).Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.FunderId));
        Field(b => b.Year).Description("The budget year.");
        Field(b => b.Name).Description("The line's name.");
        Field(b => b.Iv3TaskField, nullable: true).Description("The Iv3 task field the line is booked on (one digit, a dot, one or two digits, e.g. \"6.1\"); null for funders that do not book by Iv3.");
        Field(b => b.Column).Description("The policy column in the funder's words, e.g. \"Samenkracht en burgerparticipatie\".");
        Field<NonNullGraphType<MoneyGraphType>>("amountBudgeted")
            .Description("The amount budgeted on the line for the year, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AmountBudgetedCents));
        Field<NonNullGraphType<MoneyGraphType>>("amountAllocated")
            .Description("The part of the line allocated to awarded grants, in euros, exact to the cent (summed by the database).")
            .Reads().Resolve(ctx => ctx.Loader<AllocatedByBudgetLine>().Load(ctx.Source.Id).Then(cents => MoneyGraphType.ToEuros(cents)));
        Field<NonNullGraphType<ConnectionType<GrantAllocationType>>>("grantAllocations")
            .Description("The grants drawing on this line with the amount each draws, largest first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => b => db.GrantAllocations.Where(a => a.BudgetLineId == b.Id), GrantAllocationType.ByAmount));
    }
}

public sealed class BudgetLineFilter
{
    public string? Funder { get; set; }

    public int? Year { get; set; }

    public string? Iv3TaskField { get; set; }
}

public sealed class BudgetLineFilterType : InputObjectGraphType<BudgetLineFilter>
{
    public BudgetLineFilterType()
    {
        Name = "BudgetLineFilter";
        Description = "Which budget lines to list; all conditions given must hold.";
        Field<IdGraphType>("funder").Description("Only lines of this funder (an organisation's global ID).");
        Field<IntGraphType>("year").Description("Only lines for this budget year.");
        Field<StringGraphType>("iv3TaskField").Description("Only lines booked on this Iv3 task field, e.g. \"6.1\".");
    }
}

public static class BudgetLineQueries
{
    public static void AddBudgetLineQueries(this ObjectGraphType query) =>
        query.Field<NonNullGraphType<ConnectionType<BudgetLineType>>>("budgetLines")
            .Description("Funders' budget lines, by name.")
            .PagingArguments()
            .Argument<BudgetLineFilterType>("filterBy", "Which budget lines to list.")
            .ResolveAsync(ctx =>
            {
                var filter = ctx.GetArgument<BudgetLineFilter?>("filterBy") ?? new();
                var funder = filter.Funder is { } id ? GlobalId.Decode(id, nameof(Organisation)) : (Guid?)null;
                var year = filter.Year;
                var iv3 = filter.Iv3TaskField?.Trim();
                return ctx.PageAsync(
                    db => db.BudgetLines.Where(b => (funder == null || b.FunderId == funder) && (year == null || b.Year == year) && (iv3 == null || b.Iv3TaskField == iv3)),
                    BudgetLineType.ByName);
            });
}

/// <summary>How much of each budget line is allocated to awarded grants: one GROUP BY for a whole page of lines.</summary>
public sealed class AllocatedByBudgetLine(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, long>
{
    protected override async Task<IReadOnlyDictionary<Guid, long>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.GrantAllocations.AsNoTracking()
            .Where(a => keys.Contains(a.BudgetLineId))
            .Join(db.Grants.Where(Grant.IsAwarded), a => a.GrantId, g => g.Id, (a, _) => a)
            .GroupBy(a => a.BudgetLineId)
            .Select(g => new { g.Key, Sum = g.Sum(a => a.AmountCents) })
            .VisibleTo(viewer)
            .ToDictionaryAsync(r => r.Key, r => r.Sum, cancellationToken);
    }
}
