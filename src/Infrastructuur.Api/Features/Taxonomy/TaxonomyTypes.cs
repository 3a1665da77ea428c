using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.GraphQL.Federation;
using Infrastructuur.Api.GraphQL.Limits;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Taxonomy;

/// <summary>The fields every taxonomy term has; Theme and TargetGroup only differ in name and description.</summary>
public abstract class TaxonomyTermType<T, TSelf> : ObjectGraphType<T>
    where T : TaxonomyTerm
    where TSelf : TaxonomyTermType<T, TSelf>
{
    public static readonly KeysetOrder<T, string> ByName = new("name", t => t.NameKey);

    /// <summary>
    /// The most terms one list of this taxonomy can hold: the largest group of terms under one parent, the top level
    /// included. A few dozen at most, so a page of 100 themes with 50 children each is priced by what there is (ADR 0020).
    /// </summary>
    public static readonly ListBound Siblings = new($"{typeof(T).Name} siblings", async (db, ct) =>
        await db.Set<T>().GroupBy(t => t.ParentId).Select(g => g.Count()).OrderByDescending(c => c).FirstOrDefaultAsync(ct));

    protected TaxonomyTermType(string description)
    {
        var kind = typeof(T).Name;
        Description = description;
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field(t => t.Code).Description($"The {kind}'s stable code, e.g. for filters in links; unique within its taxonomy.");
        this.KeyedBy("code", (db, codes) => db.Set<T>().Where(t => codes.Contains(t.Code)).Select(t => new KeyedId(t.Code, t.Id, 0)));
        Field<NonNullGraphType<StringGraphType>>("name")
            .Description("The name in the caller's language (Accept-Language: Dutch or English; English when neither is asked for).")
            .Reads(t => t.NameNl, t => t.NameEn)
            .Resolve(ctx => ctx.Request().Culture.TwoLetterISOLanguageName == "nl" ? ctx.Source.NameNl : ctx.Source.NameEn);
        Field(t => t.NameNl).Description("The name in Dutch.");
        Field(t => t.NameEn).Description("The name in English.");
        Field(t => t.Description, nullable: true).Description("What the term covers.");
        Field<TSelf>("parent")
            .Description($"The broader {kind}; null for a top-level one.")
            .Reads(x => x.ParentId).Resolve(ctx => ctx.LoadSelectedById<T>(ctx.Source.ParentId));
        Field<NonNullGraphType<ConnectionType<TSelf>>>("children")
            .Description($"The narrower {kind} terms directly below this one, by name.")
            .PagingArguments()
            .BoundedBy(Siblings)
            .Reads().Resolve(ctx => ctx.PageChildren(db => parent => db.Set<T>().Where(c => c.ParentId == parent.Id), ByName));
    }
}

public sealed class ThemeType : TaxonomyTermType<Theme, ThemeType>
{
    public ThemeType()
        : base("A theme of prevention work (debt and poverty, healthy food, concentration problems …), in a hierarchy municipalities extend every year.")
    {
        Field<NonNullGraphType<ConnectionType<ActivityType>>>("activities")
            .Description("Activities tagged with exactly this theme, by name. To include the themes below it, use Query.activities with filterBy.themes.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => t => t.Activities, ActivityOrder.Default));
        Field<NonNullGraphType<ConnectionType<InitiativeType>>>("initiatives")
            .Description("Residents' initiatives tagged with exactly this theme, by name. To include the themes below it, use Query.initiatives with filterBy.themes.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => t => t.Initiatives, InitiativeType.ByName));
    }
}

public sealed class TargetGroupType : TaxonomyTermType<TargetGroup, TargetGroupType>
{
    public TargetGroupType()
        : base("A group of people offering is for or a signal is about (children 4–12, parents, young people …), in a hierarchy.")
    {
        Field<NonNullGraphType<ConnectionType<ActivityType>>>("activities")
            .Description("Activities for exactly this target group, by name. To include the groups below it, use Query.activities with filterBy.targetGroups.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => t => t.Activities, ActivityOrder.Default));
    }
}

public static class TaxonomyQueries
{
    public static void AddTaxonomyQueries(this ObjectGraphType query)
    {
        Add<Theme, ThemeType>(query, "themes", "theme", "Themes");
        Add<TargetGroup, TargetGroupType>(query, "targetGroups", "targetGroup", "Target groups");
    }

    private static void Add<T, TType>(ObjectGraphType query, string listName, string oneName, string label)
        where T : TaxonomyTerm
        where TType : TaxonomyTermType<T, TType>
    {
        query.Field<NonNullGraphType<ConnectionType<TType>>>(listName)
            .Description($"{label}, by Dutch name: the top-level ones, or the direct children of 'parent'.")
            .PagingArguments()
            .BoundedBy(TaxonomyTermType<T, TType>.Siblings)
            .Argument<IdGraphType>("parent", "Only the direct children of this term.")
            .ResolveAsync(ctx =>
            {
                var parent = ctx.GetArgument<string?>("parent") is { } id ? GlobalId.Decode(id, typeof(T).Name) : (Guid?)null;
                return ctx.PageAsync(db => db.Set<T>().Where(t => t.ParentId == parent), TaxonomyTermType<T, TType>.ByName);
            });

        query.Field<TType>(oneName)
            .Description($"One of the {label.ToLowerInvariant()}, by global ID or by code (give one of them).")
            .Argument<IdGraphType>("id", "The term's global ID.")
            .Argument<StringGraphType>("code", "The term's code.")
            .ResolveAsync(async ctx =>
            {
                var id = ctx.GetArgument<string?>("id");
                var code = ctx.GetArgument<string?>("code");
                if (id is null == code is null)
                {
                    throw ApiException.BadRequest("Give exactly one of 'id' or 'code'.");
                }

                var key = id is null ? (Guid?)null : GlobalId.Decode(id, typeof(T).Name);
                await using var db = await ctx.OpenDbAsync();
                return await db.Set<T>().AsNoTracking().FirstOrDefaultAsync(t => key != null ? t.Id == key : t.Code == code, ctx.CancellationToken);
            });
    }
}
