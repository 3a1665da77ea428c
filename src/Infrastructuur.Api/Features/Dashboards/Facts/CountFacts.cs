using System.Text;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Organisations;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// What one activity adds to the count facts (<see cref="CountFact"/>), beside its offering contribution: its provider's
/// kind, the months of its first and last day, every region it serves (NEIGHBOURHOOD is any of them, in any municipality) and the
/// working areas those lie in, each with the served regions inside it; Own marks an area of the activity's own
/// municipality (only those are scopes of their own).
/// </summary>
public sealed record CountContribution(int Kind, int StartMonth, int EndMonth, int[] Regions, CountArea[] Areas);

public sealed record CountArea(int Area, bool Own, int[] Regions);

public readonly record struct CountCellKey(int Scope, int Shape, int Theme, int Group, int Region, int Area, int Kind, int StartMonth, int EndMonth);

/// <summary>What a cell gains or loses: activities, those with a capacity and the capacities' sum.</summary>
public readonly record struct CountMeasures(int Activities, int WithCapacity, long Capacity);

/// <summary>Sums of contributions to the count facts: per cell its measures, per cell and capacity the activities.</summary>
public sealed class CountDelta
{
    public Dictionary<CountCellKey, CountMeasures> Cells { get; } = [];

    public Dictionary<(CountCellKey Cell, int Capacity), int> Capacities { get; } = [];
}

/// <summary>
/// Expands contributions into count fact rows and writes a change of them: the one place where Query.counts' rules for
/// ACTIVITIES of a whole municipality or a working area in a period of whole months become rows (ADR 0025). Each activity counts
/// once in every combination of its rolled-up themes, rolled-up groups, served regions and areas, each dimension also as
/// "any" (0), which is what Query.counts' joins give: an item once per key of each dimension asked, none for a dimension
/// it has no key in. Rows naming all four are never read (at most three dimensions), so they are not kept.
/// </summary>
public static class CountFacts
{
    /// <summary>The Kind of an activity provided by a residents' initiative (organisation kinds start at 1).</summary>
    public const int InitiativeKind = 0;

    public const int ThemeBit = 1, GroupBit = 2, RegionBit = 4, AreaBit = 8;

    private const int AllFour = ThemeBit | GroupBit | RegionBit | AreaBit;

    private const int ChunkRows = 400;

    private const string Key = "\"Scope\", \"Shape\", \"Theme\", \"Group\", \"Region\", \"Area\", \"Kind\", \"StartMonth\", \"EndMonth\"";

    /// <summary>Whether this database has the count fact tables (false while it is migrated to before them).</summary>
    public static Task<bool> ExistHereAsync(InfrastructuurDb db, CancellationToken cancellationToken) => FactSql.TableExistsAsync(db, "CountCapacities", cancellationToken);

    public static int KindOf(OrganisationKind? organisation) => organisation is { } kind ? (int)kind : InitiativeKind;

    /// <summary>The month after every other: an activity that runs with no end.</summary>
    public const int OpenEnd = 999_912;

    /// <summary>A day's month as yyyyMM (a first day's for StartMonth, a period's ends for the reader); 0 for no day.</summary>
    public static int MonthOf(DateOnly? day) => day is { } d ? (d.Year * 100) + d.Month : 0;

    /// <summary>
    /// The month of the last day the activity runs, as Query.counts' period filter reads a schedule: its end, a one-off's
    /// only day, or <see cref="OpenEnd"/> (no end, or no first day either).
    /// </summary>
    public static int EndMonthOf(DateOnly? startsOn, DateOnly? endsOn, bool oneOff) =>
        endsOn is { } end ? MonthOf(end) : oneOff && startsOn is { } on ? MonthOf(on) : OpenEnd;

    /// <summary>Adds one activity's rows (sign −1 takes them away): once, whatever the years it runs in.</summary>
    public static void Add(CountDelta delta, ActivityContribution a, CountContribution c, int sign)
    {
        var measures = new CountMeasures(sign, a.Capacity is null ? 0 : sign, sign * (long)(a.Capacity ?? 0));
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
                if (shape == AllFour)
                {
                    continue;
                }

                var key = new CountCellKey(scope, shape, theme, group, region, area, c.Kind, c.StartMonth, c.EndMonth);
                var sum = delta.Cells.GetValueOrDefault(key);
                delta.Cells[key] = new(sum.Activities + measures.Activities, sum.WithCapacity + measures.WithCapacity, sum.Capacity + measures.Capacity);
                if (a.Capacity is { } capacity)
                {
                    delta.Capacities[(key, capacity)] = delta.Capacities.GetValueOrDefault((key, capacity)) + sign;
                }
            }
        }
    }

    /// <summary>The rows of a rebuild, in key order (PostgreSQL then keeps a scope's shape together on disk).</summary>
    public static (List<CountFact> Cells, List<CountCapacity> Capacities) Rows(CountDelta all)
    {
        var capacities = all.Capacities.Where(c => c.Value > 0).OrderBy(c => c.Key.Cell, Order).ThenBy(c => c.Key.Capacity).ToList();
        var range = capacities.GroupBy(c => c.Key.Cell).ToDictionary(g => g.Key, g => (Min: g.Min(c => c.Key.Capacity), Max: g.Max(c => c.Key.Capacity)));
        var cells = all.Cells.Where(c => c.Value.Activities > 0).OrderBy(c => c.Key, Order).Select(c => new CountFact
        {
            Scope = c.Key.Scope, Shape = c.Key.Shape, Theme = c.Key.Theme, Group = c.Key.Group, Region = c.Key.Region, Area = c.Key.Area,
            Kind = c.Key.Kind, StartMonth = c.Key.StartMonth, EndMonth = c.Key.EndMonth, Activities = c.Value.Activities, WithCapacity = c.Value.WithCapacity, Capacity = c.Value.Capacity,
            MinCapacity = range.TryGetValue(c.Key, out var r) ? r.Min : null, MaxCapacity = range.TryGetValue(c.Key, out var s) ? s.Max : null,
        }).ToList();
        return (cells, [.. capacities.Select(c => new CountCapacity
        {
            Scope = c.Key.Cell.Scope, Shape = c.Key.Cell.Shape, Theme = c.Key.Cell.Theme, Group = c.Key.Cell.Group, Region = c.Key.Cell.Region,
            Area = c.Key.Cell.Area, Kind = c.Key.Cell.Kind, StartMonth = c.Key.Cell.StartMonth, EndMonth = c.Key.Cell.EndMonth, Capacity = c.Key.Capacity, Activities = c.Value,
        })]);
    }

    private static readonly Comparer<CountCellKey> Order = Comparer<CountCellKey>.Create((x, y) =>
        (x.Scope, x.Shape, x.Theme, x.Group, x.Region, x.Area, x.Kind, x.StartMonth, x.EndMonth).CompareTo((y.Scope, y.Shape, y.Theme, y.Group, y.Region, y.Area, y.Kind, y.StartMonth, y.EndMonth)));

    /// <summary>
    /// Adds a change to the kept rows: the capacities first (a row taken to 0 is deleted), then the cells, then each cell
    /// whose capacities changed reads its minimum and maximum again from the rows left, so both are exact after deletes.
    /// </summary>
    public static async Task ApplyAsync(InfrastructuurDb db, CountDelta delta, CancellationToken cancellationToken)
    {
        foreach (var chunk in delta.Capacities.Where(d => d.Value != 0).Chunk(ChunkRows))
        {
            await UpsertAsync(
                db, "CountCapacities", "\"Capacity\", \"Activities\"", [.. chunk.Select(d => FactSql.Inv($"({Values(d.Key.Cell)}, {d.Key.Capacity}, {d.Value})"))],
                ", \"Capacity\"", "\"Activities\"", [.. chunk.Where(d => d.Value < 0).Select(d => FactSql.Inv($"({Values(d.Key.Cell)}, {d.Key.Capacity})"))], cancellationToken);
        }

        foreach (var chunk in delta.Cells.Where(d => d.Value != default).Chunk(ChunkRows))
        {
            await UpsertAsync(
                db, "CountFacts", "\"Activities\", \"WithCapacity\", \"Capacity\"",
                [.. chunk.Select(d => FactSql.Inv($"({Values(d.Key)}, {d.Value.Activities}, {d.Value.WithCapacity}, {d.Value.Capacity})"))],
                string.Empty, "\"Activities\", \"WithCapacity\", \"Capacity\"", [.. chunk.Where(d => d.Value.Activities < 0).Select(d => $"({Values(d.Key)})")], cancellationToken);
        }

        foreach (var chunk in delta.Capacities.Where(d => d.Value != 0).Select(d => d.Key.Cell).Distinct().Chunk(ChunkRows))
        {
            var match = "v.\"Scope\" = f.\"Scope\" AND v.\"Shape\" = f.\"Shape\" AND v.\"Theme\" = f.\"Theme\" AND v.\"Group\" = f.\"Group\" "
                + "AND v.\"Region\" = f.\"Region\" AND v.\"Area\" = f.\"Area\" AND v.\"Kind\" = f.\"Kind\" AND v.\"StartMonth\" = f.\"StartMonth\" AND v.\"EndMonth\" = f.\"EndMonth\"";
            await FactSql.ReadAsync(
                db,
                $"""
                UPDATE "CountFacts" AS f SET "MinCapacity" = (SELECT MIN(v."Capacity") FROM "CountCapacities" AS v WHERE {match}),
                    "MaxCapacity" = (SELECT MAX(v."Capacity") FROM "CountCapacities" AS v WHERE {match})
                WHERE ({string.Join(", ", Key.Split(", ").Select(k => "f." + k))}) IN ({Listed([.. chunk.Select(k => $"({Values(k)})")])})
                """,
                _ => { },
                cancellationToken);
        }
    }

    /// <summary>Adds rows to a table by key (key columns, then the added ones), then deletes those of the lowered keys left at 0 or below.</summary>
    private static async Task UpsertAsync(
        InfrastructuurDb db, string table, string columns, List<string> rows, string extraKey, string added, List<string> lowered, CancellationToken cancellationToken)
    {
        var sum = string.Join(", ", added.Split(", ").Select(c => $"{c} = \"{table}\".{c} + excluded.{c}"));
        await FactSql.ReadAsync(
            db,
            $"INSERT INTO \"{table}\" ({Key}, {columns}) VALUES {string.Join(", ", rows)} ON CONFLICT ({Key}{extraKey}) DO UPDATE SET {sum}",
            _ => { },
            cancellationToken);
        if (lowered.Count > 0)
        {
            await FactSql.ReadAsync(db, $"DELETE FROM \"{table}\" WHERE \"Activities\" <= 0 AND ({Key}{extraKey}) IN ({Listed(lowered)})", _ => { }, cancellationToken);
        }
    }

    // A row value IN a subquery over VALUES, not IN (VALUES …): SQLite (3.40) reads the whole table for the latter and
    // searches the key once per row for the former (measured: 161 against 1.2 ms for 96 keys of 281,000 cells).
    private static string Listed(List<string> rows) => $"SELECT * FROM (VALUES {string.Join(", ", rows)}) AS d";

    private static string Values(CountCellKey k) =>
        FactSql.Inv($"{k.Scope}, {k.Shape}, {k.Theme}, {k.Group}, {k.Region}, {k.Area}, {k.Kind}, {k.StartMonth}, {k.EndMonth}");
}
