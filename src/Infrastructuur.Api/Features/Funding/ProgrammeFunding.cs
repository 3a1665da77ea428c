using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Funding;

/// <summary>What a funder awarded and paid a programme from one budget line (or from no line: the unallocated part).</summary>
public sealed record FundingSource(Guid FunderId, Guid? BudgetLineId, long AwardedCents, long DisbursedCents);

/// <summary>The awarded grants of one programme, summed per source by the database.</summary>
public sealed class ProgrammeFunding
{
    public static readonly ProgrammeFunding None = new(0, []);

    public ProgrammeFunding(int grantCount, List<FundingSource> sources)
    {
        GrantCount = grantCount;
        Sources = sources;
    }

    public int GrantCount { get; }

    public List<FundingSource> Sources { get; }

    public long AwardedCents => Sources.Sum(s => s.AwardedCents);

    public long DisbursedCents => Sources.Sum(s => s.DisbursedCents);

    public int FunderCount => Sources.Select(s => s.FunderId).Distinct().Count();

    public int BudgetLineCount => Sources.Where(s => s.BudgetLineId != null).Select(s => s.BudgetLineId).Distinct().Count();
}

public sealed class ProgrammeFundingType : ObjectGraphType<ProgrammeFunding>
{
    public ProgrammeFundingType()
    {
        Name = "ProgrammeFunding";
        Description = "The money awarded to a programme, over its awarded grants (applications and rejections do not count).";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<IntGraphType>>("grantCount").Description("The number of awarded grants to the programme.").FromColumn(x => x.GrantCount);
        Field<NonNullGraphType<IntGraphType>>("funderCount").Description("The number of distinct funders.").FromColumn(x => x.FunderCount);
        Field<NonNullGraphType<IntGraphType>>("budgetLineCount").Description("The number of distinct budget lines (columns) the grants draw on.").FromColumn(x => x.BudgetLineCount);
        Field<NonNullGraphType<MoneyGraphType>>("amountAwarded")
            .Description("The total awarded (360Giving amountAwarded), in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AwardedCents));
        Field<NonNullGraphType<MoneyGraphType>>("amountDisbursed")
            .Description("The total paid out, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.DisbursedCents));
    }
}

public sealed class FundingSourceType : ObjectGraphType<FundingSource>
{
    public FundingSourceType()
    {
        Name = "FundingSource";
        Description = "What one funder awarded and paid a programme from one budget line.";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<OrganisationType>>("funder")
            .Description("The funder (360Giving fundingOrganization).")
            .Reads(x => x.FunderId).Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.FunderId));
        Field<BudgetLineType>("budgetLine")
            .Description("The budget line (column); null for the part of awards not allocated to a line, and payments not booked on one.")
            .Reads(x => x.BudgetLineId).Resolve(ctx => ctx.LoadSelectedById<BudgetLine>(ctx.Source.BudgetLineId));
        Field<NonNullGraphType<MoneyGraphType>>("amountAwarded")
            .Description("Awarded from this source, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AwardedCents));
        Field<NonNullGraphType<MoneyGraphType>>("amountDisbursed")
            .Description("Paid out from this source, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.DisbursedCents));
    }
}

/// <summary>
/// The funding of a page of programmes by source, summed with GROUP BY in three statements: allocations per
/// (programme, funder, line); awards and grant counts per (programme, funder), whose difference with the allocations is
/// the unallocated part; disbursements per (programme, funder, line they were booked on). Only awarded grants count.
/// </summary>
public sealed class FundingByProgramme(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, ProgrammeFunding>
{
    protected override async Task<IReadOnlyDictionary<Guid, ProgrammeFunding>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        List<Guid?> ids = [.. keys.Select(k => (Guid?)k)];

        // Only grants the caller may see count, so a hidden grant never shows in a total.
        var grants = db.Grants.AsNoTracking().Where(Grant.IsAwarded).Where(g => ids.Contains(g.RecipientProgrammeId)).VisibleTo(viewer);

        var allocated = await db.GrantAllocations.AsNoTracking()
            .Join(grants, a => a.GrantId, g => g.Id, (a, g) => new { ProgrammeId = g.RecipientProgrammeId!.Value, g.FunderId, a.BudgetLineId, a.AmountCents })
            .GroupBy(r => new { r.ProgrammeId, r.FunderId, r.BudgetLineId })
            .Select(x => new { x.Key.ProgrammeId, x.Key.FunderId, x.Key.BudgetLineId, Cents = x.Sum(r => r.AmountCents) })
            .ToListAsync(cancellationToken);
        var awarded = await grants
            .GroupBy(g => new { ProgrammeId = g.RecipientProgrammeId!.Value, g.FunderId })
            .Select(x => new { x.Key.ProgrammeId, x.Key.FunderId, Grants = x.Count(), Cents = x.Sum(g => g.AmountAwardedCents ?? 0) })
            .ToListAsync(cancellationToken);
        var disbursed = await db.Disbursements.AsNoTracking()
            .Join(grants, d => d.GrantId, g => g.Id, (d, g) => new { ProgrammeId = g.RecipientProgrammeId!.Value, g.FunderId, d.BudgetLineId, d.AmountCents })
            .GroupBy(r => new { r.ProgrammeId, r.FunderId, r.BudgetLineId })
            .Select(x => new { x.Key.ProgrammeId, x.Key.FunderId, x.Key.BudgetLineId, Cents = x.Sum(r => r.AmountCents) })
            .ToListAsync(cancellationToken);

        var sums = new Dictionary<(Guid Programme, Guid Funder, Guid? Line), (long Awarded, long Disbursed)>();
        void Add(Guid programme, Guid funder, Guid? line, long awardedCents, long disbursedCents)
        {
            var now = sums.GetValueOrDefault((programme, funder, line));
            sums[(programme, funder, line)] = (now.Awarded + awardedCents, now.Disbursed + disbursedCents);
        }

        foreach (var a in allocated)
        {
            Add(a.ProgrammeId, a.FunderId, a.BudgetLineId, a.Cents, 0);
        }

        foreach (var total in awarded)
        {
            var unallocated = total.Cents - allocated.Where(a => a.ProgrammeId == total.ProgrammeId && a.FunderId == total.FunderId).Sum(a => a.Cents);
            if (unallocated != 0)
            {
                Add(total.ProgrammeId, total.FunderId, null, unallocated, 0);
            }
        }

        foreach (var d in disbursed)
        {
            Add(d.ProgrammeId, d.FunderId, d.BudgetLineId, 0, d.Cents);
        }

        var grantCounts = awarded.GroupBy(a => a.ProgrammeId).ToDictionary(g => g.Key, g => g.Sum(a => a.Grants));
        return sums.GroupBy(s => s.Key.Programme).ToDictionary(
            g => g.Key,
            g => new ProgrammeFunding(
                grantCounts.GetValueOrDefault(g.Key),
                [.. g.Select(s => new FundingSource(s.Key.Funder, s.Key.Line, s.Value.Awarded, s.Value.Disbursed))
                    .OrderByDescending(s => s.AwardedCents).ThenBy(s => s.FunderId).ThenBy(s => s.BudgetLineId)]));
    }
}
