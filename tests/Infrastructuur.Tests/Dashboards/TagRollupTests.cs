using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// The roll-up tables the database keeps for the dashboards (TagRollups) follow every change to an activity's tags and to
/// the taxonomy, whoever writes; the expected term sets are worked out by hand from the tree below.
/// </summary>
public abstract class TagRollupTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task The_rolled_up_terms_follow_tags_added_removed_a_term_moved_and_the_activity_deleted()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Theme T(string code, Theme? parent = null) => new() { Code = $"{code}-{suffix}", NameNl = $"{code} {suffix}", NameEn = $"{code} {suffix}", Parent = parent };

        // Top > Mid > Leaf, and Other on its own; groups G > GS.
        var top = T("top");
        var mid = T("mid", top);
        var leaf = T("leaf", mid);
        var other = T("other");
        var g = new TargetGroup { Code = $"g-{suffix}", NameNl = $"g {suffix}", NameEn = $"g {suffix}" };
        var gs = new TargetGroup { Code = $"gs-{suffix}", NameNl = $"gs {suffix}", NameEn = $"gs {suffix}", Parent = g };
        var names = new Dictionary<Guid, string>();
        var municipality = new Municipality { Name = $"Rollupgemeente {suffix}", CbsCode = $"GM{suffix[..4]}" };
        var activity = new Activity
        {
            Name = $"Activiteit {suffix}",
            Status = ActivityStatus.Active,
            Municipality = municipality,
            ProviderOrganisation = new Organisation { Name = $"Organisatie {suffix}", Kind = OrganisationKind.School },
            Themes = [leaf, other],
            TargetGroups = [gs],
            Schedule = ActivitySchedule.Period(new(2025, 1, 1), new(2025, 12, 31)),
        };
        await using (var db = await app().OpenDbAsync())
        {
            db.Add(activity);
            await db.SaveChangesAsync();
        }

        foreach (var (term, name) in new (TaxonomyTerm, string)[] { (top, "Top"), (mid, "Mid"), (leaf, "Leaf"), (other, "Other"), (g, "G"), (gs, "GS") })
        {
            names[term.Id] = name;
        }

        async Task<string> RolledUp()
        {
            await using var db = await app().OpenDbAsync();
            var themes = await db.Set<ActivityThemeRollup>().Where(r => r.ActivityId == activity.Id).Select(r => r.ThemeId).ToListAsync();
            var groups = await db.Set<ActivityTargetGroupRollup>().Where(r => r.ActivityId == activity.Id).Select(r => r.TargetGroupId).ToListAsync();
            return $"{string.Join(",", themes.Select(t => names[t]).Order(StringComparer.Ordinal))} / {string.Join(",", groups.Select(t => names[t]).Order(StringComparer.Ordinal))}";
        }

        async Task ChangeAsync(Action<Activity, Api.Data.InfrastructuurDb> change)
        {
            await using var db = await app().OpenDbAsync();
            var tracked = await db.Activities.Include(a => a.Themes).Include(a => a.TargetGroups).SingleAsync(a => a.Id == activity.Id);
            change(tracked, db);
            await db.SaveChangesAsync();
        }

        // Leaf rolls up to Mid and Top; GS to G.
        Assert.Equal("Leaf,Mid,Other,Top / G,GS", await RolledUp());

        // Removing a tag recomputes from the tags left.
        await ChangeAsync((a, _) => a.Themes.RemoveAll(t => t.Id == leaf.Id));
        Assert.Equal("Other / G,GS", await RolledUp());

        // A tag and one above it: each term once.
        await ChangeAsync((a, db) => a.Themes.AddRange([db.Themes.Single(t => t.Id == mid.Id), db.Themes.Single(t => t.Id == top.Id)]));
        Assert.Equal("Mid,Other,Top / G,GS", await RolledUp());

        // Mid moves under Other: Top is still tagged itself, and Other now also lies above Mid.
        await ChangeAsync((a, _) => a.Themes.RemoveAll(t => t.Id == top.Id));
        Assert.Equal("Mid,Other,Top / G,GS", await RolledUp());
        await using (var db = await app().OpenDbAsync())
        {
            var moved = await db.Themes.SingleAsync(t => t.Id == mid.Id);
            moved.ParentId = other.Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal("Mid,Other / G,GS", await RolledUp());

        // A group replaced by another.
        await ChangeAsync((a, db) =>
        {
            a.TargetGroups.Clear();
            a.TargetGroups.Add(db.TargetGroups.Single(t => t.Id == g.Id));
        });
        Assert.Equal("Mid,Other / G", await RolledUp());

        // Deleting the activity leaves no rows behind.
        await using (var db = await app().OpenDbAsync())
        {
            await db.Activities.Where(a => a.Id == activity.Id).ExecuteDeleteAsync();
        }

        Assert.Equal(" / ", await RolledUp());
    }
}

public sealed class SqliteTagRollupTests(SqliteAppFixture fixture) : TagRollupTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresTagRollupTests(PostgresAppFixture fixture) : TagRollupTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
