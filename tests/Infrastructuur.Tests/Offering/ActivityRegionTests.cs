using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Offering;

/// <summary>
/// The region index the database keeps for a region's activities (ActivityRegions) follows every change to an activity's
/// regions, its sort keys and the region tree, whoever writes; the expected rows are worked out by hand, and the table
/// equals one derived from the links afterwards.
/// </summary>
public abstract class ActivityRegionTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task The_index_follows_links_added_and_removed_new_sort_keys_a_region_moved_and_the_activity_deleted()
    {
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var municipality = new Municipality { Name = $"Regiogemeente {suffix}", CbsCode = $"GM{suffix[..4]}" };
        Neighbourhood Region(string name, RegionLevel level, Neighbourhood? parent = null) =>
            new() { Name = $"{name} {suffix}", Level = level, Municipality = municipality, Parent = parent };

        // Districts D and E; D holds N1 and N2, E holds N3.
        var d = Region("D", RegionLevel.District);
        var e = Region("E", RegionLevel.District);
        var n1 = Region("N1", RegionLevel.Neighbourhood, d);
        var n2 = Region("N2", RegionLevel.Neighbourhood, d);
        var n3 = Region("N3", RegionLevel.Neighbourhood, e);
        var activity = new Activity
        {
            Name = $"Activiteit {suffix}",
            Status = ActivityStatus.Active,
            Municipality = municipality,
            ProviderOrganisation = new Organisation { Name = $"Organisatie {suffix}", Kind = OrganisationKind.School },
            Neighbourhoods = [n1],
            Schedule = ActivitySchedule.Period(new(2025, 1, 1), new(2025, 12, 31)),
        };
        await using (var db = await app().OpenDbAsync())
        {
            db.AddRange(d, e, n1, n2, n3, activity);
            await db.SaveChangesAsync();
        }

        var names = new Dictionary<Guid, string> { [d.Id] = "D", [e.Id] = "E", [n1.Id] = "N1", [n2.Id] = "N2", [n3.Id] = "N3" };

        async Task<string> Indexed()
        {
            await using var db = await app().OpenDbAsync();
            var rows = await db.Set<ActivityRegion>().Where(r => r.ActivityId == activity.Id).ToListAsync();
            var keys = rows.Select(r => $"{r.StartsOnKey:yyyy-MM-dd} {r.NameKey}").Distinct().ToList();
            return $"{string.Join(",", rows.Select(r => names[r.RegionId]).Order(StringComparer.Ordinal))} | {string.Join(";", keys)}";
        }

        async Task ChangeAsync(Action<Activity, Api.Data.InfrastructuurDb> change)
        {
            await using var db = await app().OpenDbAsync();
            var tracked = await db.Activities.Include(a => a.Neighbourhoods).SingleAsync(a => a.Id == activity.Id);
            change(tracked, db);
            await db.SaveChangesAsync();
        }

        var name = $"activiteit {suffix}";

        // A neighbourhood is listed under itself and its district.
        Assert.Equal($"D,N1 | 2025-01-01 {name}", await Indexed());

        // Another neighbourhood of another district adds both; its sibling in the same district adds only itself.
        await ChangeAsync((a, db) => a.Neighbourhoods.AddRange([db.Neighbourhoods.Single(n => n.Id == n3.Id), db.Neighbourhoods.Single(n => n.Id == n2.Id)]));
        Assert.Equal($"D,E,N1,N2,N3 | 2025-01-01 {name}", await Indexed());

        // Removing N1 keeps D (N2 is still in it); removing N2 as well drops D.
        await ChangeAsync((a, _) => a.Neighbourhoods.RemoveAll(n => n.Id == n1.Id));
        Assert.Equal($"D,E,N2,N3 | 2025-01-01 {name}", await Indexed());
        await ChangeAsync((a, _) => a.Neighbourhoods.RemoveAll(n => n.Id == n2.Id));
        Assert.Equal($"E,N3 | 2025-01-01 {name}", await Indexed());

        // New name and start date are copied to every row; an open start sorts as the earliest day.
        await ChangeAsync((a, _) =>
        {
            a.Name = $"Zomerkamp {suffix}";
            a.Schedule = ActivitySchedule.Period(new(2026, 6, 1), null);
        });
        Assert.Equal($"E,N3 | 2026-06-01 zomerkamp {suffix}", await Indexed());
        await ChangeAsync((a, _) => a.Schedule = ActivitySchedule.Period(null, new(2026, 12, 31)));
        Assert.Equal($"E,N3 | 0001-01-01 zomerkamp {suffix}", await Indexed());

        // N3 moves from district E to district D (a CBS redivision).
        await using (var db = await app().OpenDbAsync())
        {
            var moved = await db.Neighbourhoods.SingleAsync(n => n.Id == n3.Id);
            moved.ParentId = d.Id;
            await db.SaveChangesAsync();
        }

        Assert.Equal($"D,N3 | 0001-01-01 zomerkamp {suffix}", await Indexed());

        // The table holds exactly what the links and the region tree say, for every activity.
        await using (var db = await app().OpenDbAsync())
        {
            var links = await (
                from l in db.Set<Dictionary<string, object>>("ActivityNeighbourhood")
                join a in db.Activities on EF.Property<Guid>(l, "ActivitiesId") equals a.Id
                join n in db.Neighbourhoods on EF.Property<Guid>(l, "NeighbourhoodsId") equals n.Id
                select new { a.Id, Region = n.Id, n.ParentId, a.StartsOnKey, a.NameKey }).ToListAsync();
            var expected = links.SelectMany(l => new[] { l.Region, l.ParentId ?? l.Region }.Select(region => $"{region}|{l.Id}|{l.StartsOnKey}|{l.NameKey}"))
                .Distinct().Order(StringComparer.Ordinal).ToList();
            var actual = (await db.Set<ActivityRegion>().ToListAsync())
                .Select(r => $"{r.RegionId}|{r.ActivityId}|{r.StartsOnKey}|{r.NameKey}").Order(StringComparer.Ordinal).ToList();
            Assert.Equal(expected, actual);
        }

        // Deleting the activity leaves no rows behind.
        await using (var db = await app().OpenDbAsync())
        {
            await db.Activities.Where(a => a.Id == activity.Id).ExecuteDeleteAsync();
        }

        Assert.Equal(" | ", await Indexed());
    }
}

public sealed class SqliteActivityRegionTests(SqliteAppFixture fixture) : ActivityRegionTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresActivityRegionTests(PostgresAppFixture fixture) : ActivityRegionTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
