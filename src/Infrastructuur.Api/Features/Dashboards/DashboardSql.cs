using System.Linq.Expressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>A pair of IDs: an owner (activity, signal, grant …) and something it is linked to (a theme, a region …).</summary>
public sealed class Link
{
    public Guid Owner { get; set; }

    public Guid Key { get; set; }
}

/// <summary>
/// The SQL building blocks every dashboard figure is made of. Every figure counts published records only, for every
/// caller: each source of a type with a visibility rule is read through <see cref="Published{T}"/>, the rows an
/// anonymous caller may see (no draft activity or initiative, no activity, grant, reach record, allocation or party link
/// of a draft initiative, no grant that was only applied for or was rejected). So a figure is the same whoever asks, and a
/// row hidden from anyone never changes one; only small counts about residents differ by caller (suppressed or not).
/// Reach records, grant allocations and disbursements are read directly but only ever joined to published activities or
/// grants, which is exactly their own rule (and spares a second join to the initiatives). Each returns a query, never rows: the figures compose them
/// and let the database join, group and count. Link tables are read directly (not through navigations) so the joins
/// touch only the narrow join tables and their indexes.
/// </summary>
public static class DashboardSql
{
    /// <summary>The rows of <typeparamref name="T"/> the public may see: the anonymous viewer's visibility rule (<see cref="VisibilityRules"/>).</summary>
    public static IQueryable<T> Published<T>(InfrastructuurDb db)
        where T : class => db.Set<T>().VisibleTo(Viewer.Anonymous);

    public static IQueryable<Link> ActivityRegions(InfrastructuurDb db) => JoinTable(db, "ActivityNeighbourhood", "ActivitiesId", "NeighbourhoodsId");

    public static IQueryable<Link> InitiativeRegions(InfrastructuurDb db) => JoinTable(db, "InitiativeNeighbourhood", "InitiativesId", "NeighbourhoodsId");

    public static IQueryable<Link> InitiativeThemes(InfrastructuurDb db) => JoinTable(db, "InitiativeTheme", "InitiativesId", "ThemesId");

    public static IQueryable<Link> OrganisationRegions(InfrastructuurDb db) => JoinTable(db, "OrganisationNeighbourhood", "OrganisationsId", "NeighbourhoodsId");

    public static IQueryable<Link> GrantRegions(InfrastructuurDb db) => JoinTable(db, "GrantNeighbourhood", "GrantId", "BeneficiaryNeighbourhoodsId");

    public static IQueryable<Link> GrantThemes(InfrastructuurDb db) => JoinTable(db, "GrantTheme", "GrantId", "ThemesId");

    public static IQueryable<Link> ProgrammeRegions(InfrastructuurDb db) => JoinTable(db, "ProgrammeNeighbourhood", "ProgrammeId", "NeighbourhoodsId");

    /// <summary>
    /// Each term linked to itself and to every broader term above it (three levels: the depth filters cover too), so a
    /// figure for a theme includes its sub-themes: the same rule as filterBy.themes. One SELECT over the small term table
    /// (each term, its parent, and every term that is itself, its parent or its grandparent), not a UNION ALL: SQLite
    /// pushes a join into each branch of a compound subquery, so a UNION ALL here made it run the whole outer join (the
    /// scope's activities, their reach records …) once per level.
    /// </summary>
    public static IQueryable<Link> Broader<TTerm>(InfrastructuurDb db)
        where TTerm : TaxonomyTerm
    {
        var terms = db.Set<TTerm>();
        return from t in terms
               join p in terms on t.ParentId equals (Guid?)p.Id into parents
               from p in parents.DefaultIfEmpty()
               from k in terms
               where k.Id == t.Id || k.Id == t.ParentId || k.Id == p!.ParentId
               select new Link { Owner = t.Id, Key = k.Id };
    }

    /// <summary>
    /// Tags rolled up: each owner linked once to every term it is tagged with and every term above those. The DISTINCT
    /// keeps an owner tagged with a term and one below it (or with two siblings) from counting twice under the shared
    /// term; on SQLite the narrow distinct pairs are materialised once and joined by an automatic index, which measured
    /// cheaper than de-duplicating the wide joined rows afterwards.
    /// </summary>
    public static IQueryable<Link> RolledUp<TTerm>(InfrastructuurDb db, IQueryable<Link> tags)
        where TTerm : TaxonomyTerm =>
        tags.Join(Broader<TTerm>(db), t => t.Key, b => b.Owner, (t, b) => new Link { Owner = t.Owner, Key = b.Key }).Distinct();

    /// <summary>Activities linked to their themes, rolled up: read from the table the database keeps (<see cref="TagRollups"/>).</summary>
    public static IQueryable<Link> ActivityThemesRolledUp(InfrastructuurDb db) =>
        db.Set<ActivityThemeRollup>().Select(r => new Link { Owner = r.ActivityId, Key = r.ThemeId });

    /// <summary>Activities linked to their target groups, rolled up (<see cref="TagRollups"/>).</summary>
    public static IQueryable<Link> ActivityTargetGroupsRolledUp(InfrastructuurDb db) =>
        db.Set<ActivityTargetGroupRollup>().Select(r => new Link { Owner = r.ActivityId, Key = r.TargetGroupId });

    /// <summary>Activities linked to the regions of the scope they serve (as tagged).</summary>
    public static IQueryable<Link> ActivityRegionsIn(InfrastructuurDb db, Scope scope) => ActivityRegions(db).Where(InScope(db, scope));

    /// <summary>
    /// A link whose key is a region of the scope. For a whole municipality by the region's own row, not a list of its
    /// regions: SQLite probes a link table's key once per listed region for every owner, which made the offering cells
    /// of a large municipality three times slower.
    /// </summary>
    public static Expression<Func<Link, bool>> InScope(InfrastructuurDb db, Scope scope)
    {
        if (scope.IsWholeMunicipality)
        {
            var municipality = scope.MunicipalityId;
            var regions = db.Neighbourhoods;
            return l => regions.Any(n => n.Id == l.Key && n.MunicipalityId == municipality);
        }

        var listed = scope.Regions;
        return l => listed.Contains(l.Key);
    }

    /// <summary>Each region linked to the working areas it lies in: directly, or through the district it lies in.</summary>
    public static IQueryable<Link> RegionAreas(InfrastructuurDb db)
    {
        var direct = JoinTable(db, "AreaNeighbourhood", "NeighbourhoodsId", "AreasId");
        return direct
            .Concat(db.Neighbourhoods.Where(n => n.ParentId != null).Join(direct, n => n.ParentId!.Value, d => d.Owner, (n, d) => new Link { Owner = n.Id, Key = d.Key }))
            .Distinct();
    }

    /// <summary>The published activities of the scope, in any status but DRAFT: belonging to the municipality, and serving one of its regions for an area or region.</summary>
    public static IQueryable<Activity> Activities(InfrastructuurDb db, Scope scope)
    {
        var municipality = scope.MunicipalityId;
        var activities = Published<Activity>(db).Where(a => a.MunicipalityId == municipality);
        if (!scope.IsWholeMunicipality)
        {
            var regions = scope.Regions;
            var served = ActivityRegions(db);
            activities = activities.Where(a => served.Any(l => l.Owner == a.Id && regions.Contains(l.Key)));
        }

        return activities;
    }

    /// <summary>The scope's activities that ran in its period (see <see cref="RanBetween"/>).</summary>
    public static IQueryable<Activity> Running(InfrastructuurDb db, Scope scope) => Activities(db, scope).Where(RanBetween(scope.From, scope.To));

    /// <summary>
    /// Ran in [from, to]: on offer, paused or ended now (never a draft), and a schedule that overlaps the days — its first
    /// day (none: always ran) on or before 'to', and its last day (none: still runs) on or after 'from'; a one-off
    /// without a last day takes place on its first day only. An activity spanning two years runs in both.
    /// </summary>
    public static Expression<Func<Activity, bool>> RanBetween(DateOnly from, DateOnly to) =>
        a => (a.Status == ActivityStatus.Active || a.Status == ActivityStatus.Paused || a.Status == ActivityStatus.Ended)
            && (a.Schedule.StartsOn == null || a.Schedule.StartsOn <= to)
            && (a.Schedule.EndsOn != null
                ? a.Schedule.EndsOn >= from
                : a.Schedule.Kind != ScheduleKind.OneOff || a.Schedule.StartsOn == null || a.Schedule.StartsOn >= from);

    /// <summary>The signals of the scope observed in its period. Signals have no hidden state; residents' counts are suppressed instead (<see cref="SmallCells"/>).</summary>
    public static IQueryable<Signal> Signals(InfrastructuurDb db, Scope scope)
    {
        var (municipality, from, to) = (scope.MunicipalityId, scope.From, scope.To);
        var signals = db.Signals.Where(s => s.MunicipalityId == municipality && s.ObservedOn >= from && s.ObservedOn <= to);
        if (!scope.IsWholeMunicipality)
        {
            var regions = scope.Regions;
            signals = signals.Where(s => regions.Contains(s.NeighbourhoodId));
        }

        return signals;
    }

    /// <summary>The theme a signal counts under: the underlying theme once the network traced it, otherwise each of its own themes.</summary>
    public static IQueryable<Link> SignalThemes(InfrastructuurDb db, IQueryable<Signal> signals) =>
        signals.Where(s => s.UnderlyingThemeId != null).Select(s => new Link { Owner = s.Id, Key = s.UnderlyingThemeId!.Value })
            .Concat(signals.Where(s => s.UnderlyingThemeId == null).Join(JoinTable(db, "SignalTheme", "SignalId", "ThemesId"), s => s.Id, l => l.Owner, (s, l) => l));

    /// <summary>Residents' initiatives of the scope that are running now (active or paused; drafts and ended ones are not).</summary>
    public static IQueryable<Initiative> RunningInitiatives(InfrastructuurDb db, Scope scope)
    {
        var municipality = scope.MunicipalityId;
        var initiatives = Published<Initiative>(db).Where(i => i.MunicipalityId == municipality && (i.Status == InitiativeStatus.Active || i.Status == InitiativeStatus.Paused));
        if (!scope.IsWholeMunicipality)
        {
            var regions = scope.Regions;
            var registered = InitiativeRegions(db);
            initiatives = initiatives.Where(i => registered.Any(l => l.Owner == i.Id && regions.Contains(l.Key)));
        }

        return initiatives;
    }

    /// <summary>Organisations working in a region of the scope.</summary>
    public static IQueryable<Organisations.Organisation> Organisations(InfrastructuurDb db, Scope scope)
    {
        var working = OrganisationRegions(db).Where(InScope(db, scope));
        return db.Organisations.Where(o => working.Any(l => l.Owner == o.Id));
    }

    /// <summary>Published grants benefiting a region of the scope (awarded, disbursed or settled; not to a draft initiative).</summary>
    public static IQueryable<Grant> Grants(InfrastructuurDb db, Scope scope)
    {
        var benefiting = GrantRegions(db).Where(InScope(db, scope));
        return Published<Grant>(db).Where(g => benefiting.Any(l => l.Owner == g.Id));
    }

    private static IQueryable<Link> JoinTable(InfrastructuurDb db, string table, string owner, string key) =>
        db.Set<Dictionary<string, object>>(table).Select(x => new Link { Owner = EF.Property<Guid>(x, owner), Key = EF.Property<Guid>(x, key) });
}
