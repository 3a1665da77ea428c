using GraphQL;
using GraphQL.DataLoader;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.People;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.NeighbourhoodCompanies;

public sealed class NeighbourhoodCompanyType : ObjectGraphType<NeighbourhoodCompany>
{
    public NeighbourhoodCompanyType()
    {
        Description = "A neighbourhood company (wijk-BV): an organisation that pools budgets across silos, has residents and organisations as shareholders and reinvests its profit in the neighbourhood. Natural-person shareholders are private: only their number is public.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<NonNullGraphType<OrganisationType>>("organisation")
            .Description("The organisation (of kind NEIGHBOURHOOD_COMPANY) this company is.")
            .Reads(x => x.OrganisationId).Resolve(ctx => ctx.LoadSelectedById<Organisation>(ctx.Source.OrganisationId));
        Field(c => c.FoundedOn, nullable: true).Description("The day the company was founded, if it has been.");
        Field(c => c.Purpose).Description("What the company is for, in its own words.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ShareClassType>>>>("shareClasses")
            .Description("The company's classes of shares, by name.")
            .Reads().Resolve(ctx => ctx.Loader<ShareClassesByCompany>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<NonNullGraphType<ShareholdingSummaryType>>("shareholdingSummary")
            .Description("Public counts of the shareholders on a day: how many natural persons and organisations hold shares, and how many shares are issued. Natural-person shareholders are never listed; for callers who may not read the shareholder register their count is suppressed as a small cell (see naturalPersonHolderCount) and the share totals that include their holdings are withheld (see totalSharesIssued).")
            .Argument<DateOnlyGraphType>("on", "The day to count on; today (UTC) when omitted.")
            .Resolve(ctx =>
            {
                var on = ctx.GetArgument<DateOnly?>("on") ?? DateOnly.FromDateTime(DateTime.UtcNow);
                var request = ctx.Request();
                var threshold = Dashboards.DashboardOptions.Of(ctx).SmallCellThreshold;
                var municipalities = ctx.Loader<MunicipalitiesByOrganisation>().Load(ctx.Source.OrganisationId);
                var summary = request.Shared($"shareholding-summary:{on:O}", () => new ShareholdingSummaryByCompany(request.DbFactory, on)).Load(ctx.Source.Id);
                return new Deferred<ShareholdingSummary>(async ct =>
                {
                    var counted = await summary.GetResultAsync(ct) ?? new ShareholdingSummary(on, 0, 0, 0, 0);
                    var seesRegister = await SeesRegisterAsync(request, municipalities, ct);
                    return counted with
                    {
                        NaturalPersonsSuppressed = Dashboards.NeedsVersusOffering.Suppress(seesRegister, threshold, counted.NaturalPersonHolderCount),
                        SharesSuppressed = !seesRegister && counted.NaturalPersonHolderCount > 0,
                    };
                });
            });
        Field<NonNullGraphType<ConnectionType<OrganisationShareholdingType>>>("organisationShareholders")
            .Description("Shareholdings of organisations (organisations may be listed; natural persons are not), oldest first.")
            .PagingArguments()
            .Argument<DateOnlyGraphType>("on", "Only holdings held on this day; all holdings, past and present, when omitted.")
            .Resolve(ctx =>
            {
                var on = ctx.GetArgument<DateOnly?>("on");
                return ctx.PageChildren(
                    db => c => db.Shareholdings.Where(h => h.ShareClass!.CompanyId == c.Id && h.HolderOrganisationId != null
                        && (on == null || (h.From <= on && (h.Until == null || h.Until >= on)))),
                    OrganisationShareholdingType.ByFrom);
            });
        // Scoped: the list is the register's readers' (below); each holding's fields are personal data of its holder.
        Field<ConnectionType<PersonShareholdingType>>("shareholderRegister")
            .Policy(Policies.Scoped)
            .Description("The register of natural-person shareholdings, with their holders, oldest first. Personal data: null unless you serve (as an official) a municipality the company works in, or are an administrator; every read is logged. Everyone else sees counts in shareholdingSummary.")
            .PagingArguments()
            .Argument<DateOnlyGraphType>("on", "Only holdings held on this day; all holdings, past and present, when omitted.")
            .Resolve(ctx => ShareholderRegister(ctx));
        Field<NonNullGraphType<ConnectionType<ReinvestmentType>>>("reinvestments")
            .Description("What the company decided to do with its profit, newest year first.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => c => db.Reinvestments.Where(r => r.CompanyId == c.Id), ReinvestmentType.ByYear));
    }

    // Who may read the register of natural-person shareholders: administrators and officials serving a municipality the company works in.
    private static async Task<bool> SeesRegisterAsync(RequestContext request, IDataLoaderResult<Guid[]?> municipalities, CancellationToken ct)
    {
        var viewer = await request.ViewerAsync(ct);
        return viewer.IsAdmin || (await municipalities.GetResultAsync(ct) ?? []).Any(viewer.Serves);
    }

    // Officials serving a municipality the company works in, and administrators; for anyone else the register is null.
    private static IDataLoaderResult<Connection<Shareholding>?> ShareholderRegister(IResolveFieldContext<NeighbourhoodCompany> ctx)
    {
        var on = ctx.GetArgument<DateOnly?>("on");
        var request = ctx.Request();
        var municipalities = ctx.Loader<MunicipalitiesByOrganisation>().Load(ctx.Source.OrganisationId);
        var page = ctx.PageChildren(
            db => c => db.Shareholdings.Where(h => h.ShareClass!.CompanyId == c.Id && h.HolderPersonId != null
                && (on == null || (h.From <= on && (h.Until == null || h.Until >= on)))),
            OrganisationShareholdingType.ByFrom);
        return new Deferred<Connection<Shareholding>?>(async ct =>
        {
            if (!await SeesRegisterAsync(request, municipalities, ct))
            {
                return null;
            }

            return await page.GetResultAsync(ct);
        });
    }
}

/// <summary>A natural person's shareholding, reachable only through shareholderRegister and a personal-data export.</summary>
public sealed class PersonShareholdingType : ObjectGraphType
{
    public PersonShareholdingType()
    {
        Name = "PersonShareholding";
        Description = "Shares of a neighbourhood company held by a natural person (personal data: see NeighbourhoodCompany.shareholderRegister).";
        this.PersonalDataOf<Shareholding>(h => h.HolderPersonId);
        Field<NonNullGraphType<PersonType>>("holder")
            .Description("The person holding the shares; their contact details follow the rules of Person.")
            .Resolve(ctx => ctx.LoadById<Person>(Holding(ctx).HolderPersonId));
        AddHoldingFields(this);
    }

    internal static Shareholding Holding(IResolveFieldContext ctx) => (Shareholding)ctx.Source!;

    /// <summary>The fields any shareholding view shares: shares, class and period.</summary>
    internal static void AddHoldingFields(ObjectGraphType type)
    {
        type.Field<NonNullGraphType<IntGraphType>>("shares").Description("The number of shares held.").Resolve(ctx => checked((int)Holding(ctx).Shares));
        type.Field<NonNullGraphType<ShareClassType>>("shareClass")
            .Description("The class of the shares.")
            .Resolve(ctx => ctx.LoadById<ShareClass>(Holding(ctx).ShareClassId));
        type.Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day the shares were held.").Resolve(ctx => Holding(ctx).From);
        type.Field<DateOnlyGraphType>("endsOn").Description("The last day the shares were held; null while they still are.").Resolve(ctx => Holding(ctx).Until);
    }
}

public sealed class ShareClassType : ObjectGraphType<ShareClass>
{
    public ShareClassType()
    {
        Description = "A class of shares of a neighbourhood company.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(s => s.Name).Description("The class's name, e.g. \"Gewoon aandeel\".");
        Field<NonNullGraphType<MoneyGraphType>>("nominalValue")
            .Description("The nominal value of one share, in euros, exact to the cent (e.g. 1.00).")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.NominalValueCents));
        Field<NonNullGraphType<NeighbourhoodCompanyType>>("company")
            .Description("The company issuing the shares.")
            .Reads(x => x.CompanyId).Resolve(ctx => ctx.LoadSelectedById<NeighbourhoodCompany>(ctx.Source.CompanyId));
    }
}

/// <summary>Public counts over the shareholdings held on a day; no holder of a natural person ever leaves the server.</summary>
public sealed record ShareholdingSummary(DateOnly On, int NaturalPersonHolderCount, int OrganisationHolderCount, long TotalSharesIssued, long NominalCapitalCents)
{
    /// <summary>True when the natural-person count is a small cell the caller may not see (docs/security.md, "Personal data": small cells).</summary>
    public bool NaturalPersonsSuppressed { get; init; }

    /// <summary>
    /// True when the share totals include natural persons' holdings and the caller may not read the register. Always, not
    /// only for small cells: the organisations' holdings are listed per day, so the total minus theirs is the persons'
    /// part, and that part on two days between which one person came or went is that person's holding — however many
    /// persons hold shares. No threshold on the holder count prevents that difference.
    /// </summary>
    public bool SharesSuppressed { get; init; }
}

public sealed class ShareholdingSummaryType : ObjectGraphType<ShareholdingSummary>
{
    // Shares are stored as long but shown as Int: a neighbourhood company issues nowhere near 2^31 shares, and Int is a standard scalar.
    public ShareholdingSummaryType()
    {
        Name = "ShareholdingSummary";
        Description = "Public counts of a neighbourhood company's shareholders on a day (counted by the database). Who the natural persons are is private and not available.";
        this.DefaultPolicy(Policies.Public);
        Field(s => s.On).Description("The day counted on.");
        Field<IntGraphType>("naturalPersonHolderCount")
            .Description("How many distinct natural persons hold shares. Null when suppressed: natural persons are residents, so a count above zero and below the small-cell threshold (Dashboards:SmallCellThreshold, 5) is withheld from callers who may not read the shareholder register.")
            .Resolve(ctx => ctx.Source.NaturalPersonsSuppressed ? null : ctx.Source.NaturalPersonHolderCount);
        Field<NonNullGraphType<BooleanGraphType>>("naturalPersonHolderCountSuppressed")
            .Description("True when naturalPersonHolderCount is withheld as a small cell.")
            .FromColumn(x => x.NaturalPersonsSuppressed);
        Field(s => s.OrganisationHolderCount).Description("How many distinct organisations hold shares.");
        Field<IntGraphType>("totalSharesIssued")
            .Description("How many shares are held, over all classes. Null when natural persons hold shares on the day and you may not read the shareholder register: "
                + "with the organisations' holdings (organisationShareholders) it would give the natural persons' shares, and compared over two days one person's holding.")
            .Resolve(ctx => ctx.Source.SharesSuppressed ? null : checked((int)ctx.Source.TotalSharesIssued));
        Field<MoneyGraphType>("nominalCapital")
            .Description("The nominal value of the shares held (shares × nominal value), in euros, exact to the cent. Null when totalSharesIssued is, for the same reason.")
            .Resolve(ctx => ctx.Source.SharesSuppressed ? null : MoneyGraphType.ToEuros(ctx.Source.NominalCapitalCents));
    }
}

/// <summary>
/// A shareholding of an organisation. Deliberately a view over <see cref="Shareholding"/> rather than an object type of
/// it: a node type of Shareholding would make every holding, natural persons' included, fetchable with node(id:).
/// Only holdings of organisations ever reach this type (see organisationShareholders).
/// </summary>
public sealed class OrganisationShareholdingType : ObjectGraphType
{
    public static readonly KeysetOrder<Shareholding, DateOnly> ByFrom = new("from", h => h.From);

    public OrganisationShareholdingType()
    {
        Name = "OrganisationShareholding";
        Description = "Shares of a neighbourhood company held by an organisation.";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<OrganisationType>>("organisation")
            .Description("The organisation holding the shares.")
            .Resolve(ctx => ctx.LoadById<Organisation>(Holding(ctx).HolderOrganisationId));
        PersonShareholdingType.AddHoldingFields(this);
    }

    private static Shareholding Holding(IResolveFieldContext ctx) => PersonShareholdingType.Holding(ctx);
}

public sealed class ReinvestmentType : ObjectGraphType<Reinvestment>
{
    public static readonly KeysetOrder<Reinvestment, int> ByYear = new("year", r => r.Year, descending: true);

    public ReinvestmentType()
    {
        Description = "What a neighbourhood company decided to do with one year's profit.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(r => r.Year).Description("The year of the decision.");
        Field<NonNullGraphType<MoneyGraphType>>("profit")
            .Description("The profit the decision is about, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.ProfitCents));
        Field<NonNullGraphType<MoneyGraphType>>("amountReinvested")
            .Description("The part of the profit reinvested in the neighbourhood, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AmountReinvestedCents));
        Field(r => r.DecidedAt).Description("The meeting that decided, e.g. \"Algemene vergadering 2026-05-12\".");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ReinvestmentAllocationType>>>>("allocations")
            .Description("Where the reinvested money goes, largest first.")
            .Reads().Resolve(ctx => ctx.Loader<AllocationsByReinvestment>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<NonNullGraphType<NeighbourhoodCompanyType>>("company")
            .Description("The company that reinvests.")
            .Reads(x => x.CompanyId).Resolve(ctx => ctx.LoadSelectedById<NeighbourhoodCompany>(ctx.Source.CompanyId));
    }
}

public sealed class ReinvestmentAllocationType : ObjectGraphType<ReinvestmentAllocation>
{
    public ReinvestmentAllocationType()
    {
        Description = "Part of a reinvestment going to an initiative, a theme or a neighbourhood.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<InitiativeType>("initiative")
            .Description("The initiative receiving the money, if it goes to one.")
            .Reads(x => x.InitiativeId).Resolve(ctx => ctx.LoadSelectedById<Initiative>(ctx.Source.InitiativeId));
        Field<ThemeType>("theme")
            .Description("The theme the money is for, if it is earmarked for one.")
            .Reads(x => x.ThemeId).Resolve(ctx => ctx.LoadSelectedById<Theme>(ctx.Source.ThemeId));
        Field<NeighbourhoodType>("neighbourhood")
            .Description("The region the money is for, if it is earmarked for one.")
            .Reads(x => x.NeighbourhoodId).Resolve(ctx => ctx.LoadSelectedById<Neighbourhood>(ctx.Source.NeighbourhoodId));
        Field<NonNullGraphType<MoneyGraphType>>("amount")
            .Description("The amount, in euros, exact to the cent.")
            .Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.AmountCents));
    }
}

/// <summary>The company edge of organisations; called from their graph type.</summary>
public static class NeighbourhoodCompanyFields
{
    public static void AddNeighbourhoodCompanyFields(this OrganisationType type) =>
        type.Field<NeighbourhoodCompanyType>("neighbourhoodCompany")
            .Description("The neighbourhood company (wijk-BV) this organisation is; null unless it is of kind NEIGHBOURHOOD_COMPANY and registered as one.")
            .Resolve(ctx => ctx.Source.Kind == OrganisationKind.NeighbourhoodCompany
                ? ctx.Loader<CompanyByOrganisation>().Load(ctx.Source.Id)
                : null);
}

/// <summary>The company of each neighbourhood-company organisation on a page, in one query.</summary>
public sealed class CompanyByOrganisation(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, NeighbourhoodCompany>
{
    protected override async Task<IReadOnlyDictionary<Guid, NeighbourhoodCompany>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.NeighbourhoodCompanies.AsNoTracking().Where(c => keys.Contains(c.OrganisationId)).ToDictionaryAsync(c => c.OrganisationId, cancellationToken);
    }
}

/// <summary>Each company's share classes, by name, in one query.</summary>
public sealed class ShareClassesByCompany(IDbContextFactory<InfrastructuurDb> factory) : ListsByParent<ShareClass>(factory)
{
    protected override IQueryable<ShareClass> Query(InfrastructuurDb db, IReadOnlyCollection<Guid> parents) =>
        db.ShareClasses.Where(s => parents.Contains(s.CompanyId)).OrderBy(s => s.Name).ThenBy(s => s.Id);

    protected override Guid ParentOf(ShareClass row) => row.CompanyId;
}

/// <summary>Each reinvestment's allocations, largest first, in one query.</summary>
public sealed class AllocationsByReinvestment(IDbContextFactory<InfrastructuurDb> factory) : ListsByParent<ReinvestmentAllocation>(factory)
{
    protected override IQueryable<ReinvestmentAllocation> Query(InfrastructuurDb db, IReadOnlyCollection<Guid> parents) =>
        db.ReinvestmentAllocations.Where(a => parents.Contains(a.ReinvestmentId)).OrderByDescending(a => a.AmountCents).ThenBy(a => a.Id);

    protected override Guid ParentOf(ReinvestmentAllocation row) => row.ReinvestmentId;
}

/// <summary>
/// The public counts for a page of companies on one day, in one GROUP BY: distinct natural persons and organisations
/// holding shares, shares held and their nominal value. Person IDs are counted in SQL and never read.
/// </summary>
public sealed class ShareholdingSummaryByCompany(IDbContextFactory<InfrastructuurDb> factory, DateOnly on) : BatchLoader<Guid, ShareholdingSummary>
{
    protected override async Task<IReadOnlyDictionary<Guid, ShareholdingSummary>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await db.Shareholdings.AsNoTracking()
            .Join(db.ShareClasses, h => h.ShareClassId, s => s.Id, (h, s) => new { s.CompanyId, s.NominalValueCents, h.HolderPersonId, h.HolderOrganisationId, h.Shares, h.From, h.Until })
            .Where(h => keys.Contains(h.CompanyId) && h.From <= on && (h.Until == null || h.Until >= on))
            .GroupBy(h => h.CompanyId)
            .Select(g => new
            {
                CompanyId = g.Key,
                People = g.Where(h => h.HolderPersonId != null).Select(h => h.HolderPersonId).Distinct().Count(),
                Organisations = g.Where(h => h.HolderOrganisationId != null).Select(h => h.HolderOrganisationId).Distinct().Count(),
                Shares = g.Sum(h => h.Shares),
                Nominal = g.Sum(h => h.Shares * h.NominalValueCents),
            })
            .ToListAsync(cancellationToken);
        return rows.ToDictionary(r => r.CompanyId, r => new ShareholdingSummary(on, r.People, r.Organisations, r.Shares, r.Nominal));
    }
}
