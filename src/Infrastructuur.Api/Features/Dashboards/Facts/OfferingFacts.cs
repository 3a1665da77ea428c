using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// Keeps the offering facts (<see cref="OfferingFact"/>, <see cref="OfferingSupport"/>) equal to what the dashboards
/// would compute from the activities, per municipality and calendar year of the window (ADR 0019). Triggers note the
/// activities a write touched (<see cref="OfferingFactTriggers"/>); <see cref="CatchUpAsync"/>, run in the writer's own
/// transaction by SaveChanges, subtracts each noted activity's last contribution (kept as its state) and adds its new one.
/// Both sides come from one expansion (<see cref="Contributions"/>), so a rebuild and a run of small changes give the same
/// rows. A distinct provider count moves when the provider's support row moves between 0 and 1 activities.
/// </summary>
public static class OfferingFacts
{
    /// <summary>The offering facts' row in the window table (the funding facts have their own, <see cref="FundingFacts.WindowId"/>).</summary>
    public const int WindowId = 1;

    /// <summary>Years kept before and after the current one: the annual review compares a year with the one before.</summary>
    public const int YearsBack = 3;

    public const int YearsAhead = 1;

    /// <summary>Above this many noted activities, rebuilding everything is cheaper than changing each.</summary>
    public const int RebuildAbove = 5_000;

    // pg_advisory_xact_lock key: one keeper at a time, so two writers never subtract the same state twice.
    private const long LockKey = 0x4661637473;

    private const int ChunkRows = 400;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.General);

    /// <summary>The default window around a year.</summary>
    public static (int First, int Last) WindowAround(int year) => (year - YearsBack, year + YearsAhead);

    /// <summary>Whether this database has the offering fact tables (false while it is migrated to before them).</summary>
    public static Task<bool> ExistHereAsync(InfrastructuurDb db, CancellationToken cancellationToken) =>
        FactSql.TableExistsAsync(db, "OfferingDirtyActivities", cancellationToken);

    /// <summary>True when the facts need a catch-up: noted activities, a rebuild asked for, or the current year outside the window.</summary>
    public static async Task<bool> BehindAsync(InfrastructuurDb db, CancellationToken cancellationToken) =>
        await WindowAsync(db, cancellationToken) is null;

    /// <summary>The window the facts cover now, or null when they are behind (the reader then computes from the records).</summary>
    public static Task<OfferingFactWindow?> WindowAsync(InfrastructuurDb db, CancellationToken cancellationToken) =>
        FactSql.CurrentWindowAsync(db, WindowId, db.Set<OfferingDirtyActivity>(), cancellationToken);

    /// <summary>
    /// Brings the facts up to date within the caller's transaction: the noted activities, or everything when a rebuild is
    /// due. On PostgreSQL one keeper at a time (a transaction lock), so the states read are the last ones written.
    /// </summary>
    public static async Task CatchUpAsync(InfrastructuurDb db, CancellationToken cancellationToken, IProgress<(int Done, int Total)>? progress = null, (int First, int Last)? window = null)
    {
        if (db.Database.CurrentTransaction is null)
        {
            throw new InvalidOperationException("The offering facts are kept inside the writer's transaction.");
        }

        if (db.Database.IsNpgsql())
        {
            await db.Database.ExecuteSqlRawAsync($"SELECT pg_advisory_xact_lock({LockKey})", cancellationToken);
        }

        var kept = await db.Set<OfferingFactWindow>().AsNoTracking().Where(w => w.Id == WindowId).SingleOrDefaultAsync(cancellationToken);
        var year = DateTime.UtcNow.Year;
        if (window is not null || kept is null || kept.Stale || year < kept.FirstYear || year > kept.LastYear)
        {
            // A window someone chose (rebuild-dashboards --years) is kept until the current year leaves it.
            var chosen = window ?? (kept is not null && year >= kept.FirstYear && year <= kept.LastYear ? (kept.FirstYear, kept.LastYear) : WindowAround(year));
            await RebuildAsync(db, chosen, progress, cancellationToken);
            return;
        }

        var noted = await FactSql.TakeNotedAsync(db, "OfferingDirtyActivities", "ActivityId", cancellationToken);
        if (noted.Count == 0)
        {
            return;
        }

        if (noted.Count > RebuildAbove)
        {
            await RebuildAsync(db, (kept.FirstYear, kept.LastYear), progress, cancellationToken);
            return;
        }

        var keys = new FactKeyMap(db);
        var delta = new Contributions(kept.FirstYear, kept.LastYear);
        var old = await db.Set<OfferingActivityState>().AsNoTracking().Where(s => noted.Contains(s.ActivityId)).ToListAsync(cancellationToken);
        foreach (var state in old)
        {
            delta.Add(JsonSerializer.Deserialize<ActivityContribution>(state.State, Json)!, -1);
        }

        var current = await LoadAsync(db, keys, noted, cancellationToken);
        foreach (var contribution in current.Values)
        {
            delta.Add(contribution, +1);
        }

        await ApplyAsync(db, delta, cancellationToken);
        await FactSql.ReplaceStatesAsync(db, "OfferingActivityStates", "ActivityId", noted, current.ToDictionary(c => c.Key, c => JsonSerializer.Serialize(c.Value, Json)), cancellationToken);
    }

    /// <summary>Empties the facts and computes them again from every activity, for the years first to last.</summary>
    private static async Task RebuildAsync(InfrastructuurDb db, (int First, int Last) window, IProgress<(int Done, int Total)>? progress, CancellationToken cancellationToken)
    {
        var counting = await CountFacts.ExistHereAsync(db, cancellationToken);
        foreach (var table in new[] { "OfferingFacts", "OfferingSupport", "OfferingActivityStates", "OfferingDirtyActivities" }.Concat(counting ? ["CountFacts", "CountCapacities"] : []))
        {
            await FactSql.ReadAsync(db, $"DELETE FROM \"{table}\"", _ => { }, cancellationToken);
        }

        await FactSql.ReadAsync(db, FactSql.Inv($"DELETE FROM \"OfferingFactWindow\" WHERE \"Id\" = {WindowId}"), _ => { }, cancellationToken);

        var keys = new FactKeyMap(db);
        await keys.LoadAllAsync(cancellationToken);
        var all = new Contributions(window.First, window.Last);
        var ids = await db.Activities.AsNoTracking().Select(a => a.Id).ToListAsync(cancellationToken);
        var bulk = new BulkInsert(db);
        progress?.Report((0, ids.Count));
        for (var i = 0; i < ids.Count; i += 2_000)
        {
            var chunk = ids.GetRange(i, Math.Min(2_000, ids.Count - i));
            var current = await LoadAsync(db, keys, chunk, cancellationToken);
            foreach (var contribution in current.Values)
            {
                all.Add(contribution, +1);
            }

            await bulk.EntitiesAsync(current.Select(c => new OfferingActivityState { ActivityId = c.Key, State = JsonSerializer.Serialize(c.Value, Json) }).ToList(), cancellationToken);
            progress?.Report((i + chunk.Count, ids.Count));
        }

        // In key order: PostgreSQL then stores a cell's support rows side by side (a fresh table fills its heap in insert
        // order), so the providers of twenty overlap cells are a few pages, not one page per row (measured: 0.13 instead
        // of 1.9 ms a cell of 330 providers). SQLite keeps both tables in key order anyway (WITHOUT ROWID).
        var (facts, support) = all.Rows();
        await bulk.EntitiesAsync([.. facts.OrderBy(f => f.Municipality).ThenBy(f => f.Year).ThenBy(f => f.Theme).ThenBy(f => f.Group).ThenBy(f => f.Region)], cancellationToken);
        await bulk.EntitiesAsync(
            [.. support.OrderBy(s => s.Municipality).ThenBy(s => s.Year).ThenBy(s => s.Theme).ThenBy(s => s.Group).ThenBy(s => s.Region).ThenBy(s => s.Provider)], cancellationToken);
        if (counting)
        {
            var (counts, capacities) = CountFacts.Rows(all.Counts);
            await bulk.EntitiesAsync(counts, cancellationToken);
            await bulk.EntitiesAsync(capacities, cancellationToken);
        }
        await bulk.EntitiesAsync([new OfferingFactWindow { Id = WindowId, FirstYear = window.First, LastYear = window.Last }], cancellationToken);
    }

    /// <summary>What each activity contributes now (absent: nothing — a draft, a draft initiative's, or deleted).</summary>
    private static async Task<Dictionary<Guid, ActivityContribution>> LoadAsync(InfrastructuurDb db, FactKeyMap keys, List<Guid> ids, CancellationToken cancellationToken)
    {
        var activities = await db.Activities.AsNoTracking().Where(a => ids.Contains(a.Id))
            .Where(a => a.Status == ActivityStatus.Active || a.Status == ActivityStatus.Paused || a.Status == ActivityStatus.Ended)
            .Where(a => a.ProviderInitiativeId == null || a.ProviderInitiative!.Status != InitiativeStatus.Draft)
            .Select(a => new
            {
                a.Id, a.MunicipalityId, a.ProviderOrganisationId, a.ProviderInitiativeId, a.Schedule.StartsOn, a.Schedule.EndsOn, a.Schedule.Kind, a.Capacity, a.LastVerifiedOn,
                ProviderKind = a.ProviderOrganisation != null ? (OrganisationKind?)a.ProviderOrganisation.Kind : null,
            })
            .ToListAsync(cancellationToken);
        if (activities.Count == 0)
        {
            return [];
        }

        var counted = activities.Select(a => a.Id).ToList();
        // Rolled-up themes and groups in one round trip (a keeper's cost on PostgreSQL is mostly round trips).
        var terms = await db.Set<ActivityThemeRollup>().AsNoTracking().Where(r => counted.Contains(r.ActivityId)).Select(r => new { r.ActivityId, Term = r.ThemeId, Theme = true })
            .Concat(db.Set<ActivityTargetGroupRollup>().AsNoTracking().Where(r => counted.Contains(r.ActivityId)).Select(r => new { r.ActivityId, Term = r.TargetGroupId, Theme = false }))
            .ToListAsync(cancellationToken);
        var themes = terms.Where(t => t.Theme).ToLookup(t => t.ActivityId, t => t.Term);
        var groups = terms.Where(t => !t.Theme).ToLookup(t => t.ActivityId, t => t.Term);
        var regions = (await DashboardSql.ActivityRegions(db).Where(l => counted.Contains(l.Owner))
                .Join(db.Neighbourhoods, l => l.Key, n => n.Id, (l, n) => new { l.Owner, l.Key, n.MunicipalityId }).ToListAsync(cancellationToken))
            .ToLookup(r => r.Owner);
        var records = (await db.ReachRecords.AsNoTracking().Where(r => counted.Contains(r.ActivityId))
                .Select(r => new { r.ActivityId, r.PeriodStart, r.PeriodEnd, r.TargetGroupId, r.NeighbourhoodId, r.Count }).ToListAsync(cancellationToken))
            .ToLookup(r => r.ActivityId);
        var parents = await db.TargetGroups.AsNoTracking().ToDictionaryAsync(g => g.Id, g => g.ParentId, cancellationToken);

        // The working areas each region lies in (directly, or through its district): an area's facts count the activities
        // serving one of its regions, as an area scope does (Place.ResolveAsync). The offering facts take the areas of the
        // municipalities kept here; the count facts every area of a served region (AREA groups by any of them).
        var municipalities = activities.Select(a => a.MunicipalityId).Distinct().ToList();
        var named = regions.SelectMany(r => r.Select(x => x.Key)).Concat(records.SelectMany(r => r).Select(r => r.NeighbourhoodId).OfType<Guid>()).Distinct().ToList();
        var regionAreas = await DashboardSql.RegionAreas(db).Where(l => named.Contains(l.Owner)).Join(db.Areas, l => l.Key, x => x.Id, (l, x) => new { Region = l.Owner, Area = l.Key, x.MunicipalityId })
            .ToListAsync(cancellationToken);
        var areasOf = regionAreas.Where(l => municipalities.Contains(l.MunicipalityId)).ToLookup(l => l.Region, l => l.Area);
        var allAreasOf = regionAreas.ToLookup(l => l.Region);

        // Every term, region and provider named gets its integer key first (one round trip for the new ones).
        await keys.EnsureAsync(activities.SelectMany(a => new[] { a.MunicipalityId, a.ProviderOrganisationId ?? a.ProviderInitiativeId!.Value })
            .Concat(themes.SelectMany(t => t)).Concat(groups.SelectMany(g => g)).Concat(regions.SelectMany(r => r.Select(x => x.Key)))
            .Concat(records.SelectMany(r => r).Select(r => r.NeighbourhoodId).OfType<Guid>()).Concat(parents.Keys)
            .Concat(regionAreas.Select(a => a.Area)), cancellationToken);

        // A record naming a group counts for that group and the groups above it (three levels, as the roll-up tables).
        int[] Broader(Guid group)
        {
            var chain = new List<int>();
            for (Guid? g = group; g is { } id && chain.Count < 3; g = parents.GetValueOrDefault(id))
            {
                chain.Add(keys[id]);
            }

            return [.. chain];
        }

        var result = new Dictionary<Guid, ActivityContribution>();
        foreach (var a in activities)
        {
            // The years it ran in (DashboardSql.RanBetween for a calendar year): from its first day's year (none: always) to its
            // last day's year (none: still runs), a one-off without a last day in its first day's year only.
            var first = a.StartsOn?.Year ?? int.MinValue;
            var last = a.EndsOn?.Year ?? (a.Kind == ScheduleKind.OneOff && a.StartsOn is { } on ? on.Year : int.MaxValue);
            var municipality = keys[a.MunicipalityId];
            var own = regions[a.Id].Where(r => r.MunicipalityId == a.MunicipalityId).Select(r => r.Key).ToList();
            var all = regions[a.Id].Select(r => r.Key).ToList();
            var countAreas = all.SelectMany(r => allAreasOf[r]).GroupBy(x => (x.Area, x.MunicipalityId))
                .Select(x => new CountArea(keys[x.Key.Area], x.Key.MunicipalityId == a.MunicipalityId, [.. x.Select(r => keys[r.Region]).Distinct().Order()]))
                .OrderBy(x => x.Area);
            result[a.Id] = new ActivityContribution(
                municipality,
                keys[a.ProviderOrganisationId ?? a.ProviderInitiativeId!.Value],
                a.ProviderInitiativeId is not null,
                first,
                last,
                a.Capacity,
                a.LastVerifiedOn,
                [.. themes[a.Id].Select(t => keys[t]).Order()],
                [.. groups[a.Id].Select(g => keys[g]).Order()],
                [.. own.Select(r => keys[r]).Order()],
                [.. records[a.Id].OrderBy(r => r.PeriodStart).ThenBy(r => r.PeriodEnd).ThenBy(r => r.Count)
                    .Select(r => new ReachContribution(
                        r.PeriodStart, r.PeriodEnd, r.TargetGroupId is { } g ? Broader(g) : null, r.NeighbourhoodId is { } n ? keys[n] : null, r.Count,
                        r.NeighbourhoodId is { } place ? [.. areasOf[place].Select(x => keys[x]).Order()] : null))],
                [.. own.SelectMany(r => areasOf[r]).Distinct().Select(x => keys[x]).Order()],
                new CountContribution(CountFacts.KindOf(a.ProviderKind), CountFacts.MonthOf(a.StartsOn), CountFacts.EndMonthOf(a.StartsOn, a.EndsOn, a.Kind == ScheduleKind.OneOff), [.. all.Select(r => keys[r]).Order()], [.. countAreas]));
        }

        return result;
    }

    /// <summary>Adds a change to the kept rows: support first (its 0↔1 moves change the cells' provider counts), then the cells.</summary>
    private static async Task ApplyAsync(InfrastructuurDb db, Contributions delta, CancellationToken cancellationToken)
    {
        if (await CountFacts.ExistHereAsync(db, cancellationToken))
        {
            await CountFacts.ApplyAsync(db, delta.Counts, cancellationToken);
        }
        var cells = delta.Cells;
        var emptied = new List<SupportKey>();
        foreach (var chunk in delta.Support.Where(s => s.Value.Activities != 0).Chunk(ChunkRows))
        {
            var sql = new StringBuilder("""INSERT INTO "OfferingSupport" ("Municipality", "Year", "Theme", "Group", "Region", "Provider", "Initiative", "Activities") VALUES """);
            sql.AppendJoin(", ", chunk.Select(s => FactSql.Inv($"({s.Key.Cell.Municipality}, {s.Key.Cell.Year}, {s.Key.Cell.Theme}, {s.Key.Cell.Group}, {s.Key.Cell.Region}, {s.Key.Provider}, {(s.Value.Initiative ? "TRUE" : "FALSE")}, {s.Value.Activities})")));
            sql.Append("""
                 ON CONFLICT ("Municipality", "Year", "Theme", "Group", "Region", "Provider") DO UPDATE SET "Activities" = "OfferingSupport"."Activities" + excluded."Activities"
                 RETURNING "Municipality", "Year", "Theme", "Group", "Region", "Provider", "Initiative", "Activities"
                """);
            await FactSql.ReadAsync(db, sql.ToString(), r =>
            {
                var key = new SupportKey(new CellKey(FactSql.Int(r, 0), FactSql.Int(r, 1), FactSql.Int(r, 2), FactSql.Int(r, 3), FactSql.Int(r, 4)), FactSql.Int(r, 5));
                var initiative = Convert.ToBoolean(r.GetValue(6), CultureInfo.InvariantCulture);
                var after = FactSql.Int(r, 7);
                var before = after - delta.Support[key].Activities;
                var moved = (before <= 0, after <= 0) switch { (true, false) => 1, (false, true) => -1, _ => 0 };
                if (moved != 0)
                {
                    var measures = cells.TryGetValue(key.Cell, out var m) ? m : new Measures();
                    cells[key.Cell] = initiative ? measures with { Initiatives = measures.Initiatives + moved } : measures with { Organisations = measures.Organisations + moved };
                }

                if (after <= 0)
                {
                    emptied.Add(key);
                }
            }, cancellationToken);
        }

        foreach (var chunk in emptied.Chunk(ChunkRows))
        {
            await FactSql.ReadAsync(
                db,
                """DELETE FROM "OfferingSupport" WHERE ("Municipality", "Year", "Theme", "Group", "Region", "Provider") IN (VALUES """
                + string.Join(", ", chunk.Select(k => FactSql.Inv($"({k.Cell.Municipality}, {k.Cell.Year}, {k.Cell.Theme}, {k.Cell.Group}, {k.Cell.Region}, {k.Provider})"))) + ")",
                _ => { },
                cancellationToken);
        }

        var zero = new List<CellKey>();
        foreach (var chunk in cells.Where(c => !c.Value.IsZero).Chunk(ChunkRows))
        {
            var sql = new StringBuilder("""INSERT INTO "OfferingFacts" ("Municipality", "Year", "Theme", "Group", "Region", "Activities", "Capacity", "WithCapacity", "Verified", "Reach", "Organisations", "Initiatives") VALUES """);
            sql.AppendJoin(", ", chunk.Select(c => FactSql.Inv($"({c.Key.Municipality}, {c.Key.Year}, {c.Key.Theme}, {c.Key.Group}, {c.Key.Region}, {c.Value.Activities}, {c.Value.Capacity}, {c.Value.WithCapacity}, {c.Value.Verified}, {c.Value.Reach}, {c.Value.Organisations}, {c.Value.Initiatives})")));
            sql.Append(""" ON CONFLICT ("Municipality", "Year", "Theme", "Group", "Region") DO UPDATE SET """);
            sql.AppendJoin(", ", new[] { "Activities", "Capacity", "WithCapacity", "Verified", "Reach", "Organisations", "Initiatives" }.Select(c => $"\"{c}\" = \"OfferingFacts\".\"{c}\" + excluded.\"{c}\""));
            sql.Append(""" RETURNING "Municipality", "Year", "Theme", "Group", "Region", "Activities", "Reach", "Organisations", "Initiatives", "Capacity", "WithCapacity", "Verified" """);
            await FactSql.ReadAsync(db, sql.ToString(), r =>
            {
                if (Enumerable.Range(5, 7).All(i => Convert.ToInt64(r.GetValue(i), CultureInfo.InvariantCulture) == 0))
                {
                    zero.Add(new CellKey(FactSql.Int(r, 0), FactSql.Int(r, 1), FactSql.Int(r, 2), FactSql.Int(r, 3), FactSql.Int(r, 4)));
                }
            }, cancellationToken);
        }

        foreach (var chunk in zero.Chunk(ChunkRows))
        {
            await FactSql.ReadAsync(
                db,
                """DELETE FROM "OfferingFacts" WHERE ("Municipality", "Year", "Theme", "Group", "Region") IN (VALUES """
                + string.Join(", ", chunk.Select(k => FactSql.Inv($"({k.Municipality}, {k.Year}, {k.Theme}, {k.Group}, {k.Region})"))) + ")",
                _ => { },
                cancellationToken);
        }
    }

}

/// <summary>One activity's contribution, in integer keys: what was expanded into cells the last time it was kept.</summary>
/// <remarks>
/// Areas: the working areas whose regions the activity serves (null in states kept before areas had facts). Counts: what
/// it adds to the count facts (null in states kept before those; the migration that added them asked for a rebuild).
/// </remarks>
public sealed record ActivityContribution(
    int Municipality, int Provider, bool Initiative, int FirstYear, int LastYear, int? Capacity, DateOnly? VerifiedOn,
    int[] Themes, int[] Groups, int[] Regions, ReachContribution[] Records, int[]? Areas = null, CountContribution? Counts = null);

/// <summary>
/// A reach record: its period, its group with the groups above it (null: none named), its region (null: none), its count,
/// and the working areas its region lies in (an area counts a record for one of its regions or for none).
/// </summary>
public sealed record ReachContribution(DateOnly Start, DateOnly End, int[]? Groups, int? Region, int Count, int[]? Areas = null);

public readonly record struct CellKey(int Municipality, int Year, int Theme, int Group, int Region);

public readonly record struct SupportKey(CellKey Cell, int Provider);

public readonly record struct Measures(int Activities, long Capacity, int WithCapacity, int Verified, long Reach, int Organisations, int Initiatives)
{
    public bool IsZero => Activities == 0 && Capacity == 0 && WithCapacity == 0 && Verified == 0 && Reach == 0 && Organisations == 0 && Initiatives == 0;

    public static Measures operator +(Measures a, Measures b) => new(
        a.Activities + b.Activities, a.Capacity + b.Capacity, a.WithCapacity + b.WithCapacity, a.Verified + b.Verified, a.Reach + b.Reach,
        a.Organisations + b.Organisations, a.Initiatives + b.Initiatives);
}

/// <summary>
/// Sums of contributions over the window's years: what the cells and support rows gain (or lose, with sign −1). The one
/// place where the dashboards' rules for a whole municipality and a calendar year are expanded into cells:
/// <list type="bullet">
/// <item>totals (0,0,0): each activity once, its reach the records overlapping the year;</item>
/// <item>theme (T,0,0): each activity once per rolled-up theme (what ran per theme);</item>
/// <item>theme × group (T,G,0), Baseline.cells: a record naming a group counts for it and the groups above it (also one the
/// activity is not tagged with: a cell with reach but no activity), a record naming none for each of the activity's groups;</item>
/// <item>theme × group × region (T,G,R), the offering cells: a record counts in its own region's cells, or in all when it names none;</item>
/// <item>theme × region (T,0,R): the offering for any group, which needs versus offering sets against signals that name no group.</item>
/// <item>for each working area the activity serves, the levels above the region grain again, keyed by the area, with the
/// records for one of the area's regions or for none (an area's region cells are the municipality's).</item>
/// </list>
/// </summary>
public sealed class Contributions(int firstYear, int lastYear)
{
    public Dictionary<CellKey, Measures> Cells { get; } = [];

    public Dictionary<SupportKey, (bool Initiative, int Activities)> Support { get; } = [];

    /// <summary>The count facts' rows (<see cref="CountFacts"/>), per key the activities gained or lost.</summary>
    public CountDelta Counts { get; } = new();

    /// <summary>Verified means: checked on a day from 365 days before the year's last day up to that day (Baseline.VerifiedWithinDays).</summary>
    private static bool Verified(DateOnly? on, int year) =>
        on is { } day && day <= new DateOnly(year, 12, 31) && day >= new DateOnly(year, 12, 31).AddDays(-Baseline.VerifiedWithinDays);

    public void Add(ActivityContribution a, int sign)
    {
        // The count facts are keyed by the months an activity runs from and to, not by year: once per activity.
        if (a.Counts is { } counts)
        {
            CountFacts.Add(Counts, a, counts, sign);
        }

        for (var year = Math.Max(a.FirstYear, firstYear); year <= Math.Min(a.LastYear, lastYear); year++)
        {
            var (start, end) = (new DateOnly(year, 1, 1), new DateOnly(year, 12, 31));
            var records = a.Records.Where(r => r.Start <= end && r.End >= start).ToList();
            var ran = new Measures(1, a.Capacity ?? 0, a.Capacity is null ? 0 : 1, Verified(a.VerifiedOn, year) ? 1 : 0, 0, 0, 0);
            Cell(new CellKey(a.Municipality, year, 0, 0, 0), ran with { Reach = records.Sum(r => (long)r.Count) }, a, sign);
            // Each working area it serves: the same figures above the region grain, keyed by the area instead of the
            // municipality, with the records for one of the area's regions or for none. Region cells are the municipality's.
            foreach (var area in a.Areas ?? [])
            {
                var inArea = records.Where(r => r.Region is null || (r.Areas ?? []).Contains(area)).ToList();
                Cell(new CellKey(area, year, 0, 0, 0), ran with { Reach = inArea.Sum(r => (long)r.Count) }, a, sign);
                Themes(area, inArea);
            }

            Themes(a.Municipality, records);
            foreach (var theme in a.Themes)
            {
                foreach (var region in a.Regions)
                {
                    var reach = records.Where(r => r.Region is null || r.Region == region).Sum(r => (long)r.Count);
                    Cell(new CellKey(a.Municipality, year, theme, 0, region), ran with { Reach = reach }, a, sign);
                    foreach (var group in a.Groups)
                    {
                        Cell(new CellKey(a.Municipality, year, theme, group, region), ran with { Reach = reach }, a, sign);
                    }
                }
            }

            // The theme and theme × group cells of one scope (the municipality or an area) with the records that count in it.
            void Themes(int scope, List<ReachContribution> counted)
            {
                foreach (var theme in a.Themes)
                {
                    Cell(new CellKey(scope, year, theme, 0, 0), ran, a, sign);
                    foreach (var group in a.Groups.Union(counted.SelectMany(r => r.Groups ?? [])))
                    {
                        var tagged = a.Groups.Contains(group);
                        var reach = counted.Where(r => r.Groups is null ? tagged : r.Groups.Contains(group)).Sum(r => (long)r.Count);
                        Cell(new CellKey(scope, year, theme, group, 0), tagged ? ran with { Reach = reach } : new Measures { Reach = reach }, tagged ? a : null, sign);
                    }
                }
            }
        }
    }

    private void Cell(CellKey key, Measures measures, ActivityContribution? provider, int sign)
    {
        if (!measures.IsZero)
        {
            var signed = sign > 0 ? measures : new Measures(-measures.Activities, -measures.Capacity, -measures.WithCapacity, -measures.Verified, -measures.Reach, 0, 0);
            Cells[key] = Cells.TryGetValue(key, out var sum) ? sum + signed : signed;
        }

        if (provider is not null)
        {
            var support = new SupportKey(key, provider.Provider);
            Support[support] = (provider.Initiative, (Support.TryGetValue(support, out var s) ? s.Activities : 0) + sign);
        }
    }

    /// <summary>The rows of a rebuild: every cell with its distinct providers counted from the support rows.</summary>
    public (List<OfferingFact> Facts, List<OfferingSupport> Support) Rows()
    {
        var cells = new Dictionary<CellKey, Measures>(Cells);
        var support = new List<OfferingSupport>(Support.Count);
        foreach (var (key, (initiative, activities)) in Support)
        {
            if (activities <= 0)
            {
                continue;
            }

            var m = cells[key.Cell];
            cells[key.Cell] = initiative ? m with { Initiatives = m.Initiatives + 1 } : m with { Organisations = m.Organisations + 1 };
            support.Add(new OfferingSupport
            {
                Municipality = key.Cell.Municipality, Year = key.Cell.Year, Theme = key.Cell.Theme, Group = key.Cell.Group, Region = key.Cell.Region,
                Provider = key.Provider, Initiative = initiative, Activities = activities,
            });
        }

        var facts = cells.Where(c => !c.Value.IsZero).Select(c => new OfferingFact
        {
            Municipality = c.Key.Municipality, Year = c.Key.Year, Theme = c.Key.Theme, Group = c.Key.Group, Region = c.Key.Region,
            Activities = c.Value.Activities, Capacity = c.Value.Capacity, WithCapacity = c.Value.WithCapacity, Verified = c.Value.Verified,
            Reach = c.Value.Reach, Organisations = c.Value.Organisations, Initiatives = c.Value.Initiatives,
        }).ToList();
        return (facts, support);
    }
}
