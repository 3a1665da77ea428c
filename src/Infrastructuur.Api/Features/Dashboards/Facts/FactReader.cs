using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>
/// Reads the offering figures of a whole municipality or one of its working areas for one calendar year of the window
/// from the kept facts: each figure is one indexed range of a few hundred rows instead of an aggregate over every
/// activity × theme × group × region. An area has its own rows above the region grain (its distinct providers are its
/// own) and shares the municipality's region cells, narrowed to its regions. Other scopes (a region, a period that is not
/// a calendar year, a year outside the window) get null and are computed from the records (ADR 0019).
/// </summary>
public sealed class FactReader
{
    private static readonly SemaphoreSlim Keeping = new(1, 1);

    private readonly InfrastructuurDb _db;
    private readonly int _scope;
    private readonly int _municipality;
    private readonly int _year;
    private readonly List<int>? _regions;

    private FactReader(InfrastructuurDb db, int scope, int municipality, int year, List<int>? regions) =>
        (_db, _scope, _municipality, _year, _regions) = (db, scope, municipality, year, regions);

    /// <summary>A reader for the scope, or null when the facts do not cover it. Catches the facts up first when a write bypassed the keeper.</summary>
    public static async Task<FactReader?> ForAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var year = scope.From.Year;
        if (scope.IsRegions || scope.From != new DateOnly(year, 1, 1) || scope.To != new DateOnly(year, 12, 31))
        {
            return null;
        }

        var window = await OfferingFacts.WindowAsync(db, cancellationToken) ?? await CatchUpAsync(db, OfferingFacts.WindowAsync, cancellationToken);
        if (window is null || year < window.FirstYear || year > window.LastYear)
        {
            return null;
        }

        Guid[] named = scope.AreaId is { } area ? [scope.MunicipalityId, area, .. scope.Regions] : [scope.MunicipalityId];
        var keys = await db.Set<FactKey>().AsNoTracking().Where(k => named.Contains(k.Key)).ToDictionaryAsync(k => k.Key, k => k.Id, cancellationToken);
        var municipality = keys.GetValueOrDefault(scope.MunicipalityId, -1);
        return scope.AreaId is { } a
            ? new FactReader(db, keys.GetValueOrDefault(a, -1), municipality, year, [.. scope.Regions.Where(keys.ContainsKey).Select(r => keys[r])])
            : new FactReader(db, municipality, municipality, year, null);
    }

    /// <summary>
    /// Writes through the app keep the facts in their own transaction; this catches every fact table up after SQL by hand
    /// or a bulk load that left noted rows, then reads the window asked for. Not cancelled with the request (a rebuild
    /// rolled back by every timeout would never finish) and one at a time per server; another server doing the same waits
    /// on the keepers' locks.
    /// </summary>
    internal static async Task<OfferingFactWindow?> CatchUpAsync(
        InfrastructuurDb db, Func<InfrastructuurDb, CancellationToken, Task<OfferingFactWindow?>> window, CancellationToken cancellationToken)
    {
        await Keeping.WaitAsync(cancellationToken);
        try
        {
            if (await DashboardFacts.BehindAsync(db, CancellationToken.None))
            {
                await using var transaction = await db.Database.BeginTransactionAsync(CancellationToken.None);
                await DashboardFacts.CatchUpAsync(db, CancellationToken.None);
                await transaction.CommitAsync(CancellationToken.None);
            }
        }
        finally
        {
            Keeping.Release();
        }

        return await window(db, cancellationToken);
    }

    // Rows above the region grain: the scope's own (the municipality's or the area's).
    private IQueryable<OfferingFact> Facts => _db.Set<OfferingFact>().AsNoTracking().Where(f => f.Municipality == _scope && f.Year == _year);

    // Region cells: the municipality's, narrowed to the area's regions for an area.
    private IQueryable<OfferingFact> RegionFacts
    {
        get
        {
            var (municipality, year, regions) = (_municipality, _year, _regions);
            var facts = _db.Set<OfferingFact>().AsNoTracking().Where(f => f.Municipality == municipality && f.Year == year && f.Region != 0);
            return regions is null ? facts : facts.Where(f => regions.Contains(f.Region));
        }
    }

    private IQueryable<FactKey> Keys => _db.Set<FactKey>().AsNoTracking();

    public async Task<OfferingFigures> TotalsAsync(CancellationToken cancellationToken)
    {
        var row = await Facts.Where(f => f.Theme == 0 && f.Group == 0 && f.Region == 0).FirstOrDefaultAsync(cancellationToken);
        return row is null
            ? OfferingFigures.None
            : new OfferingFigures(row.Activities, row.Organisations, row.Initiatives, row.Capacity, row.WithCapacity, row.Verified, row.Reach);
    }

    public async Task<List<BaselineCell>> CellsAsync(CancellationToken cancellationToken)
    {
        var rows = await (
                from f in Facts.Where(f => f.Theme != 0 && f.Group != 0 && f.Region == 0 && f.Activities > 0)
                join t in Keys on f.Theme equals t.Id
                join g in Keys on f.Group equals g.Id
                select new { Theme = t.Key, Group = g.Key, f.Activities, f.Organisations, f.Initiatives, f.Capacity, f.WithCapacity, f.Verified, f.Reach })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new BaselineCell(r.Theme, r.Group, new OfferingFigures(r.Activities, r.Organisations, r.Initiatives, r.Capacity, r.WithCapacity, r.Verified, r.Reach)))];
    }

    public async Task<List<(Guid Theme, int Activities, int Providers)>> RanByThemeAsync(CancellationToken cancellationToken)
    {
        var rows = await (
                from f in Facts.Where(f => f.Theme != 0 && f.Group == 0 && f.Region == 0 && f.Activities > 0)
                join t in Keys on f.Theme equals t.Id
                select new { Theme = t.Key, f.Activities, Providers = f.Organisations + f.Initiatives })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => (r.Theme, r.Activities, r.Providers))];
    }

    /// <summary>The offering per theme × target group × region (<see cref="OfferingCells"/>).</summary>
    public async Task<List<OfferingCell>> OfferingCellsAsync(CancellationToken cancellationToken)
    {
        var rows = await (
                from f in RegionFacts.Where(f => f.Theme != 0 && f.Group != 0 && f.Activities > 0)
                join t in Keys on f.Theme equals t.Id
                join g in Keys on f.Group equals g.Id
                join n in Keys on f.Region equals n.Id
                select new { Theme = t.Key, Group = g.Key, Region = n.Key, f.Activities, f.Organisations, f.Initiatives, f.Reach })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OfferingCell(r.Theme, r.Group, r.Region, r.Activities, r.Organisations, r.Initiatives, r.Reach))];
    }

    /// <summary>The offering per theme × region for any target group (group null).</summary>
    public async Task<List<OfferingCell>> AnyGroupCellsAsync(CancellationToken cancellationToken)
    {
        var rows = await (
                from f in RegionFacts.Where(f => f.Theme != 0 && f.Group == 0 && f.Activities > 0)
                join t in Keys on f.Theme equals t.Id
                join n in Keys on f.Region equals n.Id
                select new { Theme = t.Key, Region = n.Key, f.Activities, f.Organisations, f.Initiatives, f.Reach })
            .ToListAsync(cancellationToken);
        return [.. rows.Select(r => new OfferingCell(r.Theme, null, r.Region, r.Activities, r.Organisations, r.Initiatives, r.Reach))];
    }

    /// <summary>The providers of some offering cells (group null: any group), with the name they sort by: each cell an index range of its support rows.</summary>
    public async Task<List<(Guid Theme, Guid? Group, Guid Region, Guid? Organisation, Guid? Initiative, string? Name)>> ProvidersAsync(
        IReadOnlyList<(Guid Theme, Guid? Group, Guid Region)> cells, CancellationToken cancellationToken)
    {
        var named = cells.SelectMany(c => new[] { c.Theme, c.Group ?? Guid.Empty, c.Region }).Distinct().ToList();
        var keys = await Keys.Where(k => named.Contains(k.Key)).ToDictionaryAsync(k => k.Key, k => k.Id, cancellationToken);
        keys[Guid.Empty] = 0;
        var guids = keys.ToDictionary(k => k.Value, k => k.Key);
        var rows = new List<(int Theme, int Group, int Region, bool Initiative, int Provider)>();
        var names = new Dictionary<int, (Guid Id, string? Name)>();

        // Plain statements with the integer keys written in: EF Core spent more on a union of fifty ranges and on thousands
        // of rows than the database did. Each cell its own index range, fifty to a statement (UNION ALL): a list
        // per column would read every combination of them, and an OR of the cells is not planned as ranges by SQLite. Then
        // each distinct provider's ID and name once (a cell's providers are ordered by name), by its key: a list of
        // integers in the text, not parameters (SQLite binds thousands of parameters slowly).
        await _db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            foreach (var chunk in cells.Where(c => keys.ContainsKey(c.Theme) && keys.ContainsKey(c.Group ?? Guid.Empty) && keys.ContainsKey(c.Region)).Chunk(50))
            {
                var ranges = chunk.Select(c => FactSql.Inv(
                    $"SELECT \"Theme\", \"Group\", \"Region\", \"Initiative\", \"Provider\" FROM \"OfferingSupport\" WHERE \"Municipality\" = {_municipality} AND \"Year\" = {_year} AND \"Theme\" = {keys[c.Theme]} AND \"Group\" = {keys[c.Group ?? Guid.Empty]} AND \"Region\" = {keys[c.Region]}"));
                await FactSql.ReadAsync(_db, string.Join(" UNION ALL ", ranges), r => rows.Add((FactSql.Int(r, 0), FactSql.Int(r, 1), FactSql.Int(r, 2), r.GetBoolean(3), FactSql.Int(r, 4))), cancellationToken);
            }

            foreach (var (initiative, table) in new[] { (false, "Organisations"), (true, "Initiatives") })
            {
                foreach (var chunk in rows.Where(r => r.Initiative == initiative).Select(r => r.Provider).Distinct().Chunk(5_000))
                {
                    var sql = $"SELECT f.\"Id\", f.\"Key\", p.\"NameKey\" FROM \"FactKeys\" AS f LEFT JOIN \"{table}\" AS p ON p.\"Id\" = f.\"Key\" WHERE f.\"Id\" IN ({string.Join(", ", chunk.Select(k => FactSql.Inv($"{k}")))})";
                    await FactSql.ReadAsync(_db, sql, r => names[FactSql.Int(r, 0)] = (r.GetGuid(1), r.IsDBNull(2) ? null : r.GetString(2)), cancellationToken);
                }
            }
        }
        finally
        {
            await _db.Database.CloseConnectionAsync();
        }

        return [.. rows.Select(r => (guids[r.Theme], r.Group == 0 ? (Guid?)null : guids[r.Group], guids[r.Region],
            r.Initiative ? (Guid?)null : names[r.Provider].Id, r.Initiative ? names[r.Provider].Id : (Guid?)null, names[r.Provider].Name))];
    }
}
