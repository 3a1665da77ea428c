using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;

namespace Infrastructuur.Api.Features.Activities;

/// <summary>How many activities carry one theme (within one region); <see cref="Theme"/> when the count's statement read it.</summary>
public sealed record ThemeActivityCount(Guid ThemeId, string ThemeKey, int Count, Theme? Theme = null);

public sealed class ThemeActivityCountType : ObjectGraphType<ThemeActivityCount>
{
    public ThemeActivityCountType()
    {
        Name = "ThemeActivityCount";
        Description = "How many activities carry one theme.";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<ThemeType>>("theme")
            .Description("The theme.")
            .Resolve(ctx => ctx.Reference(ctx.Source.Theme, ctx.Source.ThemeId));
        Field(c => c.Count).Description("How many activities are tagged with exactly this theme.");
    }
}

public static class ActivityCountFields
{
    /// <summary>Adds <c>activityCountsByTheme</c> to the region type.</summary>
    public static void AddActivityCountFields(this ObjectGraphType<Neighbourhood> type) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeActivityCountType>>>>("activityCountsByTheme")
            .Description("For each theme, how many of the activities serving exactly this region carry it (an activity with two themes counts for both), most first, then by Dutch theme name. Themes without activities here are left out.")
            .Reads()
            .Resolve(ctx =>
            {
                // The themes are read in the counts' own statement, with the columns the document asks of them.
                var theme = Shape.OfChild(ctx, "theme", typeof(Theme));
                var request = ctx.Request();
                return request.Shared($"theme-counts:{theme.Key}", () => new ActivityCountsByTheme(request.DbFactory, theme)).Load(ctx.Source.Id).Then(list => list ?? []);
            });
}

/// <summary>Each region's activity counts per theme, for a whole page of regions in one GROUP BY.</summary>
public sealed class ActivityCountsByTheme(IDbContextFactory<InfrastructuurDb> factory, Shape theme) : BatchLoader<Guid, List<ThemeActivityCount>>
{
    protected override async Task<IReadOnlyDictionary<Guid, List<ThemeActivityCount>>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Query(db, keys, viewer, theme.Selector<Theme>(db.Model, viewer)).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.NeighbourhoodId).ToDictionary(
            g => g.Key,
            g => g.Select(r => new ThemeActivityCount(r.ThemeId, r.ThemeKey, r.Count, r.Theme)).OrderByDescending(c => c.Count).ThenBy(c => c.ThemeKey, StringComparer.Ordinal).ThenBy(c => c.ThemeId).ToList());
    }

    /// <summary>
    /// (region, theme, count) for the given regions, counted in the database straight from the two link tables (an
    /// activity's regions, an activity's themes); the activities themselves are read only when the viewer may not see
    /// all of them, so hidden (draft) activities never count. With <paramref name="theme"/>, each count carries its
    /// theme read through that projection (themes are public).
    /// </summary>
    public static IQueryable<RegionThemeCount> Query(InfrastructuurDb db, IReadOnlyCollection<Guid> regions, Viewer viewer, Expression<Func<Theme, Theme>>? theme = null)
    {
        var inRegions = db.Set<Dictionary<string, object>>("ActivityNeighbourhood").WithKeyIn(s => EF.Property<Guid>(s, "NeighbourhoodsId"), regions);
        if (Visibility.Rule<Activity>(viewer) is not null)
        {
            // On the region's link, before the themes are joined: each activity is looked up once, not once per theme it carries.
            var visible = db.Activities.VisibleTo(viewer);
            inRegions = inRegions.Where(s => visible.Any(a => a.Id == EF.Property<Guid>(s, "ActivitiesId")));
        }

        var links =
            from s in inRegions
            join tagged in db.Set<Dictionary<string, object>>("ActivityTheme") on EF.Property<Guid>(s, "ActivitiesId") equals EF.Property<Guid>(tagged, "ActivitiesId")
            select new { served = s, tagged };

        // Grouped first, then joined to the few themes for their sort key: one theme lookup per group, not per activity.
        var counts =
            from link in links
            let served = link.served
            let tagged = link.tagged
            group tagged by new { NeighbourhoodId = EF.Property<Guid>(served, "NeighbourhoodsId"), ThemeId = EF.Property<Guid>(tagged, "ThemesId") } into g
            select new { g.Key.NeighbourhoodId, g.Key.ThemeId, Count = g.Count() };
        var joined = counts.Join(db.Themes, c => c.ThemeId, t => t.Id, (c, t) => new CountedTheme { NeighbourhoodId = c.NeighbourhoodId, Count = c.Count, Theme = t });
        Expression<Func<CountedTheme, Theme?>> read = theme is null ? _ => null : Expression.Lambda<Func<CountedTheme, Theme?>>(
            ReplacingExpressionVisitor.Replace(theme.Parameters[0], Expression.Property(CountedTheme.Row, nameof(CountedTheme.Theme)), theme.Body), CountedTheme.Row);
        var row = CountedTheme.Row;
        Expression<Func<CountedTheme, RegionThemeCount>> shape = c => new RegionThemeCount { NeighbourhoodId = c.NeighbourhoodId, ThemeId = c.Theme.Id, ThemeKey = c.Theme.NameKey, Count = c.Count };
        var init = (MemberInitExpression)ReplacingExpressionVisitor.Replace(shape.Parameters[0], row, shape.Body);
        var withTheme = init.Update(init.NewExpression, [.. init.Bindings, Expression.Bind(typeof(RegionThemeCount).GetProperty(nameof(RegionThemeCount.Theme))!, read.Body)]);
        return joined.Select(Expression.Lambda<Func<CountedTheme, RegionThemeCount>>(withTheme, row));
    }

    private sealed class CountedTheme
    {
        public static readonly ParameterExpression Row = Expression.Parameter(typeof(CountedTheme), "counted");

        public Guid NeighbourhoodId { get; init; }

        public int Count { get; init; }

        public required Theme Theme { get; init; }
    }
}

public sealed class RegionThemeCount
{
    public Guid NeighbourhoodId { get; init; }

    public Guid ThemeId { get; init; }

    public required string ThemeKey { get; init; }

    public int Count { get; init; }

    public Theme? Theme { get; init; }
}
