using System.Text;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Organisations;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// What one activity adds to the count facts (<see cref="CountFact"/>), beside its offering contribution: its provider's
/// kind, the month of its first day, every region it serves (NEIGHBOURHOOD is any of them, in any municipality) and the
/// working areas those lie in, each with the served regions inside it; Own marks an area of the activity's own
/// municipality (only those are scopes of their own).
/// </summary>
public sealed record CountContribution(int Kind, int StartMonth, int[] Regions, CountArea[] Areas);

public sealed record CountArea(int Area, bool Own, int[] Regions);

public readonly record struct CountCellKey(int Scope, int Year, int Shape, int Theme, int Group, int Region, int Area, int Kind, int StartMonth, int Capacity);

/// <summary>
/// Expands contributions into count fact rows and writes a change of them: the one place where Query.counts' rules for
/// ACTIVITIES of a whole municipality or a working area in a calendar year become rows (ADR 0025). Each activity counts
/// once in every combination of its rolled-up themes, rolled-up groups, served regions and areas, each dimension also as
/// "any" (0), which is what Query.counts' joins give: an item once per key of each dimension asked, none for a dimension
/// it has no key in. Rows naming all four are never read (at most three dimensions), so they are not kept.
/// </summary>
public static class CountFacts
{
    /// <summary>The Kind of an activity provided by a residents' initiative (organisation kinds start at 1).</summary>
    public const int InitiativeKind = 0;

    /// <summary>The Capacity of activities that state none (capacities are at least 1).</summary>
    public const int NoCapacity = -1;

    public const int ThemeBit = 1, GroupBit = 2, RegionBit = 4, AreaBit = 8;

    private const int AllFour = ThemeBit | GroupBit | RegionBit | AreaBit;

    private const int ChunkRows = 400;

    public static int KindOf(OrganisationKind? organisation) => organisation is { } kind ? (int)kind : InitiativeKind;

    public static int StartMonthOf(DateOnly? day) => day is { } d ? (d.Year * 100) + d.Month : 0;

    /// <summary>Adds one activity's rows for one year (sign −1 takes them away).</summary>
    public static void Add(Dictionary<CountCellKey, int> rows, ActivityContribution a, CountContribution c, int year, int sign)
    {
        var capacity = a.Capacity ?? NoCapacity;
        Expand(a.Municipality, c.Regions, [.. c.Areas.Select(x => x.Area)]);
        foreach (var area in c.Areas.Where(x => x.Own))
        {
            // An area's scope: its activities, their regions inside it, and itself as the only area.
            Expand(area.Area, area.Regions, [area.Area]);
        }

        void Expand(int scope, int[] regions, int[] areas)
        {
            foreach (var theme in a.Themes.Prepend(0))
            foreach (var group in a.Groups.Prepend(0))
            foreach (var region in regions.Prepend(0))
            foreach (var area in areas.Prepend(0))
            {
                var shape = (theme == 0 ? 0 : ThemeBit) | (group == 0 ? 0 : GroupBit) | (region == 0 ? 0 : RegionBit) | (area == 0 ? 0 : AreaBit);
                if (shape != AllFour)
                {
                    var key = new CountCellKey(scope, year, shape, theme, group, region, area, c.Kind, c.StartMonth, capacity);
                    rows[key] = rows.GetValueOrDefault(key) + sign;
                }
            }
        }
    }

    /// <summary>The rows of a rebuild, in key order (PostgreSQL then keeps a scope's year together on disk).</summary>
    public static List<CountFact> Rows(Dictionary<CountCellKey, int> rows) =>
        [.. rows.Where(r => r.Value > 0).Select(r => r.Key)
            .OrderBy(k => k.Scope).ThenBy(k => k.Year).ThenBy(k => k.Shape).ThenBy(k => k.Theme).ThenBy(k => k.Group).ThenBy(k => k.Region).ThenBy(k => k.Area)
            .ThenBy(k => k.Kind).ThenBy(k => k.StartMonth).ThenBy(k => k.Capacity)
            .Select(k => new CountFact
        {
            Scope = k.Scope, Year = k.Year, Shape = k.Shape, Theme = k.Theme, Group = k.Group, Region = k.Region, Area = k.Area,
            Kind = k.Kind, StartMonth = k.StartMonth, Capacity = k.Capacity, Activities = rows[k],
        })];

    /// <summary>Adds a change to the kept rows, then deletes those it took to 0, so MIN and MAX read only values still held.</summary>
    public static async Task ApplyAsync(InfrastructuurDb db, Dictionary<CountCellKey, int> delta, CancellationToken cancellationToken)
    {
        foreach (var chunk in delta.Where(d => d.Value != 0).Chunk(ChunkRows))
        {
            var sql = new StringBuilder("""INSERT INTO "CountFacts" ("Scope", "Year", "Shape", "Theme", "Group", "Region", "Area", "Kind", "StartMonth", "Capacity", "Activities") VALUES """);
            sql.AppendJoin(", ", chunk.Select(d => FactSql.Inv($"({Values(d.Key)}, {d.Value})")));
            sql.Append(""" ON CONFLICT ("Scope", "Year", "Shape", "Theme", "Group", "Region", "Area", "Kind", "StartMonth", "Capacity") DO UPDATE SET "Activities" = "CountFacts"."Activities" + excluded."Activities" """);
            await FactSql.ReadAsync(db, sql.ToString(), _ => { }, cancellationToken);

            var lowered = chunk.Where(d => d.Value < 0).ToList();
            if (lowered.Count > 0)
            {
                await FactSql.ReadAsync(
                    db,
                    """DELETE FROM "CountFacts" WHERE "Activities" <= 0 AND ("Scope", "Year", "Shape", "Theme", "Group", "Region", "Area", "Kind", "StartMonth", "Capacity") IN (VALUES """
                    + string.Join(", ", lowered.Select(d => $"({Values(d.Key)})")) + ")",
                    _ => { },
                    cancellationToken);
            }
        }
    }

    private static string Values(CountCellKey k) =>
        FactSql.Inv($"{k.Scope}, {k.Year}, {k.Shape}, {k.Theme}, {k.Group}, {k.Region}, {k.Area}, {k.Kind}, {k.StartMonth}, {k.Capacity}");
}
