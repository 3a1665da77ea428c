using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>The offering of one theme × target group × region (themes and groups rolled up, the region as tagged).</summary>
public sealed record OfferingCell(Guid ThemeId, Guid? TargetGroupId, Guid NeighbourhoodId, int Activities, int Organisations, int Initiatives, long Reach)
{
    public int Providers => Organisations + Initiatives;
}

/// <summary>An activity in one offering cell, with its provider.</summary>
public sealed class OfferingRow
{
    public Guid Activity { get; set; }

    public Guid? Organisation { get; set; }

    public Guid? Initiative { get; set; }

    public Guid Theme { get; set; }

    public Guid? Group { get; set; }

    public Guid Region { get; set; }
}

/// <summary>
/// The offering that ran in a scope's period per theme × target group × region: what overlaps and needs versus offering
/// are both made of, so it is computed once per scope (two GROUP BY statements: counts, and reach driven by the records).
/// </summary>
public static class OfferingCells
{
    public static Task<List<OfferingCell>> GetAsync(DashboardCache.Figures figures, Scope scope) =>
        figures.GetAsync(scope.MunicipalityId, $"offering-cells|{scope.Key}", (db, ct) => ComputeAsync(db, scope, ct));

    public static async Task<List<OfferingCell>> ComputeAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        if (await FactReader.ForAsync(db, scope, cancellationToken) is { } facts)
        {
            return await facts.OfferingCellsAsync(cancellationToken);
        }

        return await ComputeFromRecordsAsync(db, scope, cancellationToken);
    }

    /// <summary>The same figure computed from the records (every scope; the kept facts must equal it).</summary>
    public static async Task<List<OfferingCell>> ComputeFromRecordsAsync(InfrastructuurDb db, Scope scope, CancellationToken cancellationToken)
    {
        var running = DashboardSql.Running(db, scope);

        // The rolled-up links are distinct, so each activity appears once per cell: COUNT(*) counts activities.
        var cells = await Rows(db, scope, running)
            .GroupBy(r => new { r.Theme, r.Group, r.Region })
            .Select(g => new { g.Key.Theme, g.Key.Group, g.Key.Region, Activities = g.Count(), Organisations = g.Select(r => r.Organisation).Distinct().Count(), Initiatives = g.Select(r => r.Initiative).Distinct().Count() })
            .ToListAsync(cancellationToken);
        var reach = await ReachAsync(Rows(db, scope, running.Where(WithRecords(db, scope))), db, scope, cancellationToken);
        return [.. cells.Select(c => new OfferingCell(c.Theme, c.Group, c.Region, c.Activities, c.Organisations, c.Initiatives, reach.GetValueOrDefault((c.Theme, c.Group, c.Region))))];
    }

    /// <summary>The activities with their rolled-up themes and groups and the regions of the scope they serve, one row per cell.</summary>
    public static IQueryable<OfferingRow> Rows(InfrastructuurDb db, Scope scope, IQueryable<Activity> activities) =>
        from a in activities
        join t in DashboardSql.ActivityThemesRolledUp(db) on a.Id equals t.Owner
        join g in DashboardSql.ActivityTargetGroupsRolledUp(db) on a.Id equals g.Owner
        join n in DashboardSql.ActivityRegionsIn(db, scope) on a.Id equals n.Owner
        select new OfferingRow { Activity = a.Id, Organisation = a.ProviderOrganisationId, Initiative = a.ProviderInitiativeId, Theme = t.Key, Group = g.Key, Region = n.Key };

    /// <summary>Activities with a reach record in the scope's period: reach is computed from these rows only.</summary>
    public static System.Linq.Expressions.Expression<Func<Activity, bool>> WithRecords(InfrastructuurDb db, Scope scope)
    {
        var records = Baseline.Reach(db, scope);
        return a => records.Any(r => r.ActivityId == a.Id);
    }

    /// <summary>
    /// People reached per cell: the reach records of the cell's activities overlapping the period, for the cell's region or no
    /// region in particular (whatever group they name), each record once per cell.
    /// </summary>
    public static Task<Dictionary<(Guid Theme, Guid? Group, Guid Region), long>> ReachAsync(IQueryable<OfferingRow> rows, InfrastructuurDb db, Scope scope, CancellationToken cancellationToken) =>
        rows.Join(Baseline.Reach(db, scope), o => o.Activity, r => r.ActivityId, (o, r) => new { o.Theme, o.Group, o.Region, Record = r.Id, RecordRegion = r.NeighbourhoodId, r.Count })
            .Where(x => x.RecordRegion == null || x.RecordRegion == x.Region)
            .Select(x => new { x.Theme, x.Group, x.Region, x.Record, x.Count })
            .Distinct()
            .GroupBy(x => new { x.Theme, x.Group, x.Region })
            .Select(g => new { g.Key.Theme, g.Key.Group, g.Key.Region, Reach = g.Sum(x => (long)x.Count) })
            .ToDictionaryAsync(x => (x.Theme, x.Group, x.Region), x => x.Reach, cancellationToken);
}
