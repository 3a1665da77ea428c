using System.Linq.Expressions;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.GraphQL.Federation;

namespace Infrastructuur.Api.Features.Geography;

public sealed class RegionLevelType : EnumerationGraphType<RegionLevel>
{
    public RegionLevelType()
    {
        Name = "RegionLevel";
        Description = "The CBS level of a region below a municipality.";
    }
}

public sealed class MunicipalityType : ObjectGraphType<Municipality>
{
    public static readonly KeysetOrder<Municipality, string> ByName = new("name", m => m.NameKey);

    public MunicipalityType()
    {
        Description = "A Dutch municipality (gemeente), identified by its CBS code.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(m => m.Name).Description("The municipality's name, e.g. Nissewaard.").Shareable(); // CBS publishes it: other subgraphs may carry it too
        Field(m => m.CbsCode).Description("CBS municipality code: GM followed by four digits, e.g. GM1930.");
        this.KeyedBy("cbsCode", (db, codes) => db.Municipalities.Where(m => codes.Contains(m.CbsCode)).Select(m => new KeyedId(m.CbsCode, m.Id, 0)), EntityKeys.CbsCode);
        Field<NonNullGraphType<ConnectionType<AreaType>>>("areas")
            .Description("The municipality's own working areas, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => m => db.Areas.Where(a => a.MunicipalityId == m.Id), AreaType.ByName));
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("neighbourhoods")
            .Description("CBS regions in the municipality (districts and neighbourhoods), by name.")
            .PagingArguments()
            .Argument<RegionLevelType>("level", "Only regions of this CBS level.")
            .Reads()
            .Resolve(ctx =>
            {
                var level = ctx.GetArgument<RegionLevel?>("level");
                return ctx.PageChildren(db => m => db.Neighbourhoods.Where(n => n.MunicipalityId == m.Id && (level == null || n.Level == level)), NeighbourhoodType.ByName);
            });
        Field<NonNullGraphType<ConnectionType<InitiativeType>>>("initiatives")
            .Description("Residents' initiatives that belong to the municipality, in the order of orderBy (name when left out).")
            .PagingArguments()
            .Argument<InitiativeOrderType>("orderBy", "The order of the list; by name, ascending, when left out.")
            .Reads().Resolve(ctx => ctx.PageChildren(db => m => db.Initiatives.Where(i => i.MunicipalityId == m.Id), ctx.GetArgument<InitiativeOrder?>("orderBy")?.Keyset() ?? InitiativeType.ByName));
    }
}

public sealed class AreaType : ObjectGraphType<Area>
{
    public static readonly KeysetOrder<Area, string> ByName = new("name", a => a.NameKey);

    public AreaType()
    {
        Description = "A municipality's own working area, made of CBS neighbourhoods; figures roll up neighbourhood → area → municipality.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(a => a.Name).Description("The area's name as the municipality uses it.");
        Field(a => a.Description, nullable: true).Description("What the area covers, in the municipality's words.");
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the area belongs to.")
            .Reads(x => x.MunicipalityId).Resolve(ctx => ctx.LoadSelectedById<Municipality>(ctx.Source.MunicipalityId));
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("neighbourhoods")
            .Description("The neighbourhoods that make up the area, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => a => a.Neighbourhoods, NeighbourhoodType.ByName));
        this.AddNetworkMeetingFields();
    }
}

public sealed class NeighbourhoodType : ObjectGraphType<Neighbourhood>
{
    public static readonly KeysetOrder<Neighbourhood, string> ByName = new("name", n => n.NameKey);

    public NeighbourhoodType()
    {
        Description = "A CBS region below a municipality: a district (CBS wijk) or a neighbourhood (CBS buurt).";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(n => n.Name).Description("The region's name, e.g. Middelland.").Shareable(); // CBS publishes it: other subgraphs may carry it too
        Field<NonNullGraphType<RegionLevelType>>("level").Description("The CBS level: DISTRICT (wijk) or NEIGHBOURHOOD (buurt).").FromColumn(x => x.Level);
        Field(n => n.LocalLabel, nullable: true).Description("The municipality's own word for this level; Rotterdam calls the CBS wijk Delfshaven a \"gebied\" and the CBS buurt Middelland a \"wijk\".");
        Field(n => n.CbsCode, nullable: true).Description("CBS code (WK + 6 digits, BU + 8 digits); null when none is known. Real codes are never invented; only the demo regions of Nissewaard carry placeholder codes in CBS's pattern (BU1930…).");
        Field(n => n.CbsCodeYear, nullable: true).Description("The year of the CBS region file the code is taken from; CBS codes are versioned per year.");

        // As neighbourhood(cbsCode:): the newest code year wins.
        this.KeyedBy("cbsCode", (db, codes) => db.Neighbourhoods.Where(n => n.CbsCode != null && codes.Contains(n.CbsCode)).Select(n => new KeyedId(n.CbsCode!, n.Id, n.CbsCodeYear ?? 0)), EntityKeys.CbsCode);
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the region lies in.")
            .Reads(x => x.MunicipalityId).Resolve(ctx => ctx.LoadSelectedById<Municipality>(ctx.Source.MunicipalityId));
        Field<NeighbourhoodType>("parent")
            .Description("The enclosing region (a buurt's wijk); null for a district.")
            .Reads(x => x.ParentId).Resolve(ctx => ctx.LoadSelectedById<Neighbourhood>(ctx.Source.ParentId));
        Field<NonNullGraphType<ConnectionType<AreaType>>>("areas")
            .Description("The municipality's working areas this region is part of, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => n => n.Areas, AreaType.ByName));
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("children")
            .Description("The regions directly inside this one (a wijk's buurten), by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => n => n.Children, ByName));
        Field<NonNullGraphType<ConnectionType<InitiativeType>>>("initiatives")
            .Description("Residents' initiatives registered in exactly this region and matching filterBy, in the order of orderBy (name when left out). To include the regions inside it, use Query.initiatives with filterBy.neighbourhood.")
            .PagingArguments()
            .Argument<InitiativeFilterType>("filterBy", "Conditions the initiatives must meet, all of them (AND), as in Query.initiatives; within this region.")
            .Argument<InitiativeOrderType>("orderBy", "The order of the list; by name, ascending, when left out.")
            .Reads().ResolveAsync(async ctx =>
            {
                var order = ctx.GetArgument<InitiativeOrder?>("orderBy")?.Keyset() ?? InitiativeType.ByName;
                if (ctx.GetArgument<InitiativeFilter?>("filterBy") is not { } filter)
                {
                    return ctx.PageChildren(_ => place => place.Initiatives, order);
                }

                var query = filter.Compile();
                await ctx.EnsureKnownAsync(filter.Codes());
                return ctx.PageChildren(db => Within(query(db), (Initiative i, Neighbourhood place) => i.Neighbourhoods.Any(n => n.Id == place.Id)), order);
            });
        Field<NonNullGraphType<ConnectionType<OrganisationType>>>("organisations")
            .Description("Organisations that work in exactly this region, in the order of orderBy (name when left out).")
            .PagingArguments()
            .Argument<OrganisationOrderType>("orderBy", "The order of the list; by name, ascending, when left out.")
            .Reads().Resolve(ctx => ctx.PageChildren(_ => place => place.Organisations, ctx.GetArgument<OrganisationOrder?>("orderBy")?.Keyset() ?? OrganisationType.ByName));
        Field<NonNullGraphType<ConnectionType<ActivityType>>>("activities")
            .Description("Activities serving exactly this region and matching filterBy, in the order of orderBy (name when left out). To include the regions inside it, use Query.activities with filterBy.neighbourhood.")
            .PagingArguments()
            .Argument<ActivityFilterType>("filterBy", "Conditions the activities must meet, all of them (AND), as in Query.activities; within this region.")
            .Argument<ActivityOrderType>("orderBy", "The order of the list; by name, ascending, when left out.")
            .Reads().ResolveAsync(async ctx =>
            {
                var filter = ctx.GetArgument<ActivityFilter?>("filterBy");
                var args = ConnectionArgs.From(ctx);
                var order = ctx.GetArgument<ActivityOrder?>("orderBy")?.Keyset(filter, args.After ?? args.Before) ?? ActivityOrder.Default;
                if (filter is null)
                {
                    return ctx.PageChildren(_ => place => place.Activities, order);
                }

                var query = filter.Compile();
                await ctx.EnsureKnownAsync(filter.Codes());
                return ctx.PageChildren(db => Within(query(db), (Activity a, Neighbourhood place) => a.Neighbourhoods.Any(n => n.Id == place.Id)), order);
            });
        this.AddActivityCountFields();
    }

    /// <summary>place => rows.Where(row => serves(row, place)): a root list's filtered query, narrowed to one parent region.</summary>
    private static Expression<Func<Neighbourhood, IEnumerable<T>>> Within<T>(IQueryable<T> rows, Expression<Func<T, Neighbourhood, bool>> serves)
    {
        var place = serves.Parameters[1];
        var row = Expression.Lambda<Func<T, bool>>(serves.Body, serves.Parameters[0]);
        var where = Expression.Call(typeof(Queryable), nameof(Queryable.Where), [typeof(T)], rows.Expression, Expression.Quote(row));
        return Expression.Lambda<Func<Neighbourhood, IEnumerable<T>>>(where, place);
    }
}
