using System.Globalization;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Organisations;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// Query.counts of ACTIVITIES for a whole municipality or one of its working areas over whole months (a calendar year, a
/// quarter, a month, any run of months, or no period at all), read from the count facts (ADR 0025): one GROUP BY over one
/// range of the key (scope, shape), narrowed to the cells whose first month is not after the period and whose last month
/// is not before it. Anything else (other subjects, a region, a period that starts or ends inside a month, a theme filter)
/// gets null and is computed from the records, which stay the definition.
/// </summary>
internal static class CountFactReader
{
    public static async Task<List<GroupedCounts.Group>?> GroupsAsync(InfrastructuurDb db, GroupedCounts.Request request, CancellationToken cancellationToken)
    {
        if (request is not { Subject: CountSubject.Activities, Place: { NeighbourhoodIds: null or { Count: 0 } } place, Themes: null }
            || request.From is { Day: not 1 }
            || request.To is { } last && last.AddDays(1).Day != 1
            || !await CountFacts.ExistHereAsync(db, cancellationToken))
        {
            return null;
        }

        // The facts are read only once caught up with every noted write (the keeper runs here if a write bypassed it).
        if ((await OfferingFacts.WindowAsync(db, cancellationToken) ?? await FactReader.CatchUpAsync(db, OfferingFacts.WindowAsync, cancellationToken)) is null)
        {
            return null;
        }

        var (fromMonth, toMonth) = (request.From is { } from ? CountFacts.MonthOf(from) : 0, request.To is { } to ? CountFacts.MonthOf(to) : CountFacts.OpenEnd);
        var named = place.AreaId ?? place.MunicipalityId;
        // A unique key: read as a list, so EF Core adds no row limit (and no warning about one without an order).
        var scope = (await db.Set<FactKey>().AsNoTracking().Where(k => k.Key == named).Select(k => (int?)k.Id).ToListAsync(cancellationToken)).FirstOrDefault();
        if (scope is null)
        {
            return []; // never named by an activity: nothing to count
        }

        var shape = 0;
        var columns = new List<string>();
        foreach (var dimension in request.Dimensions)
        {
            (var bit, var column) = dimension switch
            {
                CountDimension.Theme => (CountFacts.ThemeBit, "\"Theme\""),
                CountDimension.TargetGroup => (CountFacts.GroupBit, "\"Group\""),
                CountDimension.Neighbourhood => (CountFacts.RegionBit, "\"Region\""),
                CountDimension.Area => (CountFacts.AreaBit, "\"Area\""),
                CountDimension.ProviderKind => (0, "\"Kind\""),
                CountDimension.Month => (0, "\"StartMonth\""),
                CountDimension.Quarter => (0, "(\"StartMonth\" / 100) * 10 + (\"StartMonth\" % 100 + 2) / 3"),
                _ => (0, "\"StartMonth\" / 100"),
            };
            shape |= bit;
            columns.Add(column);
        }

        // Grouped by the shape too, so a scope with no rows gives no group (not one empty total).
        var keys = columns.Count == 0 ? string.Empty : string.Join(", ", columns) + ", ";
        var sql = FactSql.Inv($"""
            SELECT {keys}SUM("Activities"), SUM("WithCapacity"), SUM("Capacity"), MIN("MinCapacity"), MAX("MaxCapacity")
            FROM "CountFacts" WHERE "Scope" = {scope.Value} AND "Shape" = {shape} AND "StartMonth" <= {toMonth} AND "EndMonth" >= {fromMonth}
            GROUP BY {keys}"Shape"
            """);
        var rows = new List<(int[] Keys, int Count, int Measured, long Sum, long? Min, long? Max)>();
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            var n = columns.Count;
            await FactSql.ReadAsync(db, sql, r => rows.Add((
                [.. Enumerable.Range(0, n).Select(i => FactSql.Int(r, i))],
                FactSql.Int(r, n),
                FactSql.Int(r, n + 1),
                Convert.ToInt64(r.GetValue(n + 2), CultureInfo.InvariantCulture),
                r.IsDBNull(n + 3) ? null : Convert.ToInt64(r.GetValue(n + 3), CultureInfo.InvariantCulture),
                r.IsDBNull(n + 4) ? null : Convert.ToInt64(r.GetValue(n + 4), CultureInfo.InvariantCulture))), cancellationToken);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }

        var slots = request.Dimensions.Select((d, i) => (d, i)).Where(x => x.d is CountDimension.Theme or CountDimension.TargetGroup or CountDimension.Neighbourhood or CountDimension.Area).Select(x => x.i).ToList();
        var ids = rows.SelectMany(r => slots.Select(i => r.Keys[i])).Distinct().ToList();
        var guids = await db.Set<FactKey>().AsNoTracking().Where(k => ids.Contains(k.Id)).ToDictionaryAsync(k => k.Id, k => k.Key, cancellationToken);
        return [.. rows.Select(r =>
        {
            var group = new GroupedCounts.Group { Count = r.Count, Measured = r.Measured, Sum = r.Measured > 0 ? r.Sum : null, Min = r.Min, Max = r.Max };
            for (var i = 0; i < request.Dimensions.Count; i++)
            {
                var value = r.Keys[i];
                switch (request.Dimensions[i])
                {
                    case CountDimension.ProviderKind:
                        group.OrganisationKind = value == CountFacts.InitiativeKind ? null : (OrganisationKind)value;
                        group.OtherKind = value == CountFacts.InitiativeKind ? GroupedCounts.InitiativeKind : null;
                        break;
                    case CountDimension.Month or CountDimension.Quarter or CountDimension.Year:
                        group.Number(i, value == 0 ? null : value);
                        break;
                    default:
                        group.Key(i, guids[value]);
                        break;
                }
            }

            return group;
        })];
    }
}
