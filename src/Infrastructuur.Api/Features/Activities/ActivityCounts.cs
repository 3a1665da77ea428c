using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Activities;

/// <summary>How many activities carry one theme (within one region).</summary>
public sealed record ThemeActivityCount(Guid ThemeId, string ThemeKey, int Count);

public sealed class ThemeActivityCountType : ObjectGraphType<ThemeActivityCount>
{
    public ThemeActivityCountType()
    {
        Name = "ThemeActivityCount";
        Description = "How many activities carry one theme.";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<ThemeType>>("theme")
            .Description("The theme.")
            .Resolve(ctx => ctx.LoadById<Theme>(ctx.Source.ThemeId));
        Field(c => c.Count).Description("How many activities are tagged with exactly this theme.");
    }
}

public static class ActivityCountFields
{
    /// <summary>Adds <c>activityCountsByTheme</c> to the region type.</summary>
    public static void AddActivityCountFields(this ObjectGraphType<Neighbourhood> type) =>
        type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeActivityCountType>>>>("activityCountsByTheme")
            .Description("For each theme, how many of the activities serving exactly this region carry it (an activity with two themes counts for both), most first, then by Dutch theme name. Themes without activities here are left out.")
            .Resolve(ctx => ctx.Loader<ActivityCountsByTheme>().Load(ctx.Source.Id).Then(list => list ?? []));
}

/// <summary>Each region's activity counts per theme, for a whole page of regions in one GROUP BY.</summary>
public sealed class ActivityCountsByTheme(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, List<ThemeActivityCount>>
{
    protected override async Task<IReadOnlyDictionary<Guid, List<ThemeActivityCount>>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Query(db, keys, viewer).ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.NeighbourhoodId).ToDictionary(
            g => g.Key,
            g => g.Select(r => new ThemeActivityCount(r.ThemeId, r.ThemeKey, r.Count)).OrderByDescending(c => c.Count).ThenBy(c => c.ThemeKey, StringComparer.Ordinal).ThenBy(c => c.ThemeId).ToList());
    }

    /// <summary>
    /// (region, theme, count) for the given regions, counted in the database straight from the two link tables (an
    /// activity's regions, an activity's themes); the activities themselves are read only when the viewer may not see
    /// all of them, so hidden (draft) activities never count.
    /// </summary>
    public static IQueryable<RegionThemeCount> Query(InfrastructuurDb db, IReadOnlyCollection<Guid> regions, Viewer viewer)
    {
        var inRegions = db.Set<Dictionary<string, object>>("ActivityNeighbourhood").Where(s => regions.Contains(EF.Property<Guid>(s, "NeighbourhoodsId")));
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
        return from c in counts
               join theme in db.Themes on c.ThemeId equals theme.Id
               select new RegionThemeCount { NeighbourhoodId = c.NeighbourhoodId, ThemeId = c.ThemeId, ThemeKey = theme.NameKey, Count = c.Count };
    }
}

public sealed class RegionThemeCount
{
    public Guid NeighbourhoodId { get; init; }

    public Guid ThemeId { get; init; }

    public required string ThemeKey { get; init; }

    public int Count { get; init; }
}
