using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Funding;

public sealed class GrantStatusType : EnumerationGraphType<GrantStatus>
{
    public GrantStatusType()
    {
        Name = "GrantStatus";
        Description = "Where a grant (or an application for one) stands.";
    }
}

public sealed class GrantRecipientType : UnionGraphType
{
    public GrantRecipientType()
    {
        Name = "GrantRecipient";
        Description = "Who receives a grant (360Giving recipientOrganization): a residents' initiative, an organisation or a programme.";
        Type<InitiativeType>();
        Type<OrganisationType>();
        Type<ProgrammeType>();
    }
}

public sealed class GrantType : ObjectGraphType<Grant>
{
    /// <summary>Newest first: by award date, or by application date while there is no award.</summary>
    public static readonly KeysetOrder<Grant, DateOnly> ByAwardDate = new("awardDate", g => g.ListedOn, descending: true);

    public GrantType()
    {
        Description = "A grant [360Giving]: money a funder awards to an initiative, an organisation or a programme, paid from one or more budget lines and paid out in disbursements. Also an application that was not (yet) awarded.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(g => g.Identifier).Description("The grant's identifier (360Giving identifier), unique across all grants, e.g. \"360G-INFRA-demo-0001\".");
        Field<NonNullGraphType<StringGraphType>>("name").Description("The grant's name (its 360Giving title).").FromColumn(g => g.Title);
        Field(g => g.Description, nullable: true).Description("What the grant is for (360Giving description).");
        Field<NonNullGraphType<OrganisationType>>("funder")
            .Description("The organisation that awards the grant (360Giving fundingOrganization).")
            .Reads(x => x.FunderId).Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.FunderId));
        Field<NonNullGraphType<GrantRecipientType>>("recipient")
            .Description("Who receives the grant (360Giving recipientOrganization): an initiative, an organisation or a programme.")
            .Resolve(ctx => Recipient(ctx));
        Field<MoneyGraphType>("amountAppliedFor")
            .Description("The amount applied for (360Giving amountAppliedFor), in euros, exact to the cent; null when not known.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AmountAppliedForCents));
        Field<MoneyGraphType>("amountAwarded")
            .Description("The amount awarded (360Giving amountAwarded), in euros, exact to the cent; null while nothing is awarded.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AmountAwardedCents));
        Field<NonNullGraphType<MoneyGraphType>>("amountDisbursed")
            .Description("The amount paid out so far (360Giving amountDisbursed), in euros, exact to the cent: always the sum of the disbursements.")
            .Reads().Resolve(ctx => ctx.Loader<DisbursedByGrant>().Load(ctx.Source.Id).Then(cents => MoneyGraphType.ToEuros(cents)));
        Field(g => g.AppliedOn, nullable: true).Description("The day the application was received, if known.");
        Field<DateOnlyGraphType>("awardedOn").Description("The day the grant was awarded (360Giving awardDate); null while it is not.").FromColumn(g => g.AwardDate);
        Field(g => g.PlannedStartsOn, nullable: true).Description("The planned first day of the funded work (360Giving plannedDates.startDate).");
        Field(g => g.PlannedEndsOn, nullable: true).Description("The planned last day of the funded work (360Giving plannedDates.endDate).");
        Field<NonNullGraphType<GrantStatusType>>("status").Description("Where the grant stands.").FromColumn(x => x.Status);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes")
            .Description("The themes the grant is for, by Dutch name.")
            .Reads().Resolve(ctx => ctx.Loader<ThemesByGrant>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("beneficiaryNeighbourhoods")
            .Description("The regions that benefit (360Giving beneficiaryLocation, with CBS codes as geoCode), by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => g => g.BeneficiaryNeighbourhoods, NeighbourhoodType.ByName));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<GrantAllocationType>>>>("allocations")
            .Description("The budget lines the award is paid from, with the amount from each, largest first; together they make up the award.")
            .Reads().Resolve(ctx => ctx.Loader<AllocationsByGrant>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<NonNullGraphType<IntGraphType>>("columnCount")
            .Description("The number of distinct budget lines (columns) the grant draws on; two or more is the pooling across silos that integral programmes need.")
            .Reads().Resolve(ctx => ctx.Loader<AllocationsByGrant>().Load(ctx.Source.Id).Then(list => (list ?? []).Select(a => a.BudgetLineId).Distinct().Count()));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<DisbursementType>>>>("disbursements")
            .Description("The payments made, oldest first.")
            .Reads().Resolve(ctx => ctx.Loader<DisbursementsByGrant>().Load(ctx.Source.Id).Then(list => list ?? []));
        this.AddChangeHistory(HistoryReaders.Grant);
    }

    private static IDataLoaderResult<object?> Recipient(IResolveFieldContext<Grant> ctx) => ctx.Source switch
    {
        { RecipientInitiativeId: { } id } => ctx.LoadById<Initiative>(id).Then(r => (object?)r),
        { RecipientOrganisationId: { } id } => ctx.LoadById<Organisation>(id).Then(r => (object?)r),
        _ => ctx.LoadById<Programme>(ctx.Source.RecipientProgrammeId).Then(r => (object?)r),
    };
}

public sealed class GrantAllocationType : ObjectGraphType<GrantAllocation>
{
    public static readonly KeysetOrder<GrantAllocation, long> ByAmount = new("amount", a => a.AmountCents, descending: true);

    public GrantAllocationType()
    {
        Description = "The part of a grant's award paid from one budget line.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<NonNullGraphType<GrantType>>("grant")
            .Description("The grant.")
            .Reads(x => x.GrantId).Resolve(ctx => ctx.LoadSelectedById<Grant>(ctx.Source.GrantId));
        Field<NonNullGraphType<BudgetLineType>>("budgetLine")
            .Description("The budget line (column) this part is paid from.")
            .Reads(x => x.BudgetLineId).Resolve(ctx => ctx.LoadSelectedById<BudgetLine>(ctx.Source.BudgetLineId));
        Field<NonNullGraphType<MoneyGraphType>>("amount")
            .Description("The amount from this line, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AmountCents));
    }
}

public sealed class DisbursementType : ObjectGraphType<Disbursement>
{
    public DisbursementType()
    {
        Description = "A payment of (part of) a grant.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(d => d.PaidOn).Description("The day of payment.");
        Field<NonNullGraphType<MoneyGraphType>>("amount")
            .Description("The amount paid, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AmountCents));
        Field<BudgetLineType>("budgetLine")
            .Description("The budget line the payment was booked on (one the grant draws on); null when not booked on a line.")
            .Reads(x => x.BudgetLineId).Resolve(ctx => ctx.LoadSelectedById<BudgetLine>(ctx.Source.BudgetLineId));
        Field<NonNullGraphType<GrantType>>("grant")
            .Description("The grant paid.")
            .Reads(x => x.GrantId).Resolve(ctx => ctx.LoadSelectedById<Grant>(ctx.Source.GrantId));
    }
}

public sealed class GrantFilter
{
    public string? Funder { get; set; }

    public string? Recipient { get; set; }

    public List<GrantStatus>? Statuses { get; set; }

    public int? Year { get; set; }

    public List<string>? Themes { get; set; }

    public List<string>? ThemeCodes { get; set; }

    public string? Neighbourhood { get; set; }

    public string? NeighbourhoodCode { get; set; }

    /// <summary>The codes given, checked for their shape and against their ID twins.</summary>
    public CodeSet Codes() => new(
        Neighbourhood: Shared.Codes.Neighbourhood(Neighbourhood, NeighbourhoodCode, "neighbourhoodCode"),
        Themes: Shared.Codes.Terms(Themes, ThemeCodes, "themeCodes"));

    public decimal? MinAmountAwarded { get; set; }
}

public sealed class GrantFilterType : InputObjectGraphType<GrantFilter>
{
    public GrantFilterType()
    {
        Name = "GrantFilter";
        Description = "Which grants to list; all conditions given must hold.";
        Field<IdGraphType>("funder").Description("Only grants of this funder (an organisation's global ID; 360Giving fundingOrganization).");
        Field<IdGraphType>("recipient").Description("Only grants to this recipient: the global ID of an initiative, an organisation or a programme.");
        Field<ListGraphType<NonNullGraphType<GrantStatusType>>>("statuses").Description("Only grants with one of these statuses; omitted or empty: any status.");
        Field<IntGraphType>("year").Description("Only grants awarded in this year (by 360Giving awardDate).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("Only grants for at least one of these themes or their sub-themes (at most 100).").AtMostMaxKeys();
        Field<IdGraphType>("neighbourhood").Description("Only grants benefiting this region or a region inside it (360Giving beneficiaryLocation; a district includes its neighbourhoods).");
        Field<StringGraphType>("neighbourhoodCode").Description(Codes.NeighbourhoodCodeDescription("neighbourhood"));
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("themeCodes").Description(Codes.TermCodesDescription("themes", "Theme")).AtMostMaxKeys();
        Field<MoneyGraphType>("minAmountAwarded").Description("Only grants awarded at least this many euros (360Giving amountAwarded).");
    }
}

public static class GrantQueries
{
    public static void AddGrantQueries(this ObjectGraphType query)
    {
        query.Field<NonNullGraphType<ConnectionType<GrantType>>>("grants")
            .Description("Grants and applications, newest first: by award date, or by application date while there is no award.")
            .PagingArguments()
            .Argument<GrantFilterType>("filterBy", "Which grants to list.")
            .ResolveAsync(async ctx =>
            {
                var filter = ctx.GetArgument<GrantFilter?>("filterBy") ?? new();
                var funder = filter.Funder is { } funderId ? GlobalId.Decode(funderId, nameof(Organisation)) : (Guid?)null;
                var (initiative, organisation, programme) = RecipientOf(filter.Recipient);
                var statuses = filter.Statuses is { Count: > 0 } s ? s : null;
                if (filter.Year is < 1 or > 9998)
                {
                    throw ApiException.BadRequest("'year' must be a calendar year such as 2025.");
                }

                DateOnly? from = filter.Year is { } y ? new DateOnly(y, 1, 1) : null;
                DateOnly? until = from?.AddYears(1);
                var minimum = filter.MinAmountAwarded is { } euros ? MoneyGraphType.ToCents(euros) : (long?)null;
                var codes = filter.Codes();
                await ctx.EnsureKnownAsync(codes);
                List<Guid>? places, themes;
                await using (var db = await ctx.OpenDbAsync())
                {
                    places = await ctx.NeighbourhoodsWithinAsync(db, filter.Neighbourhood, codes.Neighbourhood);
                    themes = await ctx.ThemesWithinAsync(db, filter.Themes, codes.Themes);
                }

                return await ctx.PageAsync(
                    db => db.Grants.Where(g =>
                        (funder == null || g.FunderId == funder)
                        && (initiative == null || g.RecipientInitiativeId == initiative)
                        && (organisation == null || g.RecipientOrganisationId == organisation)
                        && (programme == null || g.RecipientProgrammeId == programme)
                        && (statuses == null || statuses.Contains(g.Status))
                        && (from == null || (g.AwardDate >= from && g.AwardDate < until))
                        && (minimum == null || g.AmountAwardedCents >= minimum)
                        && (places == null || g.BeneficiaryNeighbourhoods.Any(n => places.Contains(n.Id)))
                        && (themes == null || g.Themes.Any(t => themes.Contains(t.Id)))),
                    GrantType.ByAwardDate);
            });

        query.Field<GrantType>("grant")
            .Description("One grant by its global ID; null with NOT_FOUND when there is none.")
            .Argument<NonNullGraphType<IdGraphType>>("id", "The grant's global ID.")
            .Resolve(ctx => ctx.LoadByIdOrNotFound<Grant>(GlobalId.Decode(ctx.GetArgument<string>("id"), nameof(Grant))));
    }

    private static (Guid? Initiative, Guid? Organisation, Guid? Programme) RecipientOf(string? id)
    {
        if (id is null)
        {
            return (null, null, null);
        }

        GlobalId.TryDecode(id, out var type, out var key);
        return type switch
        {
            nameof(Initiative) => (key, null, null),
            nameof(Organisation) => (null, key, null),
            nameof(Programme) => (null, null, key),
            _ => throw ApiException.BadRequest("'recipient' must be the global ID of an initiative, an organisation or a programme."),
        };
    }
}

/// <summary>Each grant's allocations, largest first, for a whole page of grants in one query.</summary>
public sealed class AllocationsByGrant(IDbContextFactory<InfrastructuurDb> factory) : ListsByParent<GrantAllocation>(factory)
{
    protected override IQueryable<GrantAllocation> Query(InfrastructuurDb db, IReadOnlyCollection<Guid> parents) =>
        db.GrantAllocations.Where(a => parents.Contains(a.GrantId)).OrderByDescending(a => a.AmountCents).ThenBy(a => a.Id);

    protected override Guid ParentOf(GrantAllocation row) => row.GrantId;
}

/// <summary>Each grant's disbursements, oldest first, for a whole page of grants in one query.</summary>
public sealed class DisbursementsByGrant(IDbContextFactory<InfrastructuurDb> factory) : ListsByParent<Disbursement>(factory)
{
    protected override IQueryable<Disbursement> Query(InfrastructuurDb db, IReadOnlyCollection<Guid> parents) =>
        db.Disbursements.Where(d => parents.Contains(d.GrantId)).OrderBy(d => d.PaidOn).ThenBy(d => d.Id);

    protected override Guid ParentOf(Disbursement row) => row.GrantId;
}

/// <summary>How much of each grant is paid out: one GROUP BY for a whole page of grants.</summary>
public sealed class DisbursedByGrant(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, long>
{
    protected override async Task<IReadOnlyDictionary<Guid, long>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.Disbursements.AsNoTracking()
            .Where(d => keys.Contains(d.GrantId))
            .GroupBy(d => d.GrantId)
            .Select(g => new { g.Key, Sum = g.Sum(d => d.AmountCents) })
            .ToDictionaryAsync(r => r.Key, r => r.Sum, cancellationToken);
    }
}

/// <summary>Each grant's themes, for a whole page of grants in one query.</summary>
public sealed class ThemesByGrant(IDbContextFactory<InfrastructuurDb> factory) : TermsByOwner<Grant, Theme>(factory, g => g.Themes);
