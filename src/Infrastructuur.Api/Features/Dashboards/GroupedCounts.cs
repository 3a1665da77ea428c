using System.ComponentModel;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

public enum CountSubject
{
    [Description("Activities (offering). Measure: capacity (CountRow.capacity). Dates: the schedule's first day.")]
    Activities = 1,

    [Description("Residents' initiatives. No measure. Dates: the day it started.")]
    Initiatives,

    [Description("Organisations. No measure, no dates.")]
    Organisations,

    [Description("Signals. No measure. Dates: the day observed. Counts over residents' signals may be suppressed as small cells.")]
    Signals,

    [Description("Grants. Measure: amount awarded, in euros (CountRow.amountAwarded). Dates: the award date, or the application date while there is none.")]
    Grants,
}

public enum CountDimension
{
    [Description("By region: those an activity serves, an initiative or organisation works in, a signal was observed in, a grant benefits. An item counts once in each.")]
    Neighbourhood = 1,

    [Description("By working area: the areas those regions (or the districts they lie in) belong to. An item counts once in each area.")]
    Area,

    [Description("By theme, sub-themes rolled up: an item counts once under each theme it is tagged with and each theme above those. Signals count under their underlying theme once traced.")]
    Theme,

    [Description("By target group, sub-groups rolled up (activities and signals).")]
    TargetGroup,

    [Description("By kind of provider: the organisation's kind, or INITIATIVE (activities: the provider; organisations: their kind; grants: the recipient, also PROGRAMME).")]
    ProviderKind,

    [Description("By calendar month of the subject's date (value yyyy-MM); items without a date group under null.")]
    Month,

    [Description("By calendar quarter of the subject's date (value yyyy-Qn).")]
    Quarter,

    [Description("By calendar year of the subject's date (value yyyy).")]
    Year,
}

public sealed class CountSubjectType() : DescribedEnumType<CountSubject>("What Query.counts counts.");

public sealed class CountDimensionType() : DescribedEnumType<CountDimension>("What Query.counts groups by.");

/// <summary>The filterBy argument of Query.counts.</summary>
public sealed class CountFilter
{
    public string? Municipality { get; set; }

    public string? Area { get; set; }

    public string? Neighbourhood { get; set; }

    public string? MunicipalityCode { get; set; }

    public string? NeighbourhoodCode { get; set; }

    public DateOnly? From { get; set; }

    public DateOnly? To { get; set; }

    public List<string>? Themes { get; set; }
}

public sealed class CountFilterType : InputObjectGraphType<CountFilter>
{
    public CountFilterType()
    {
        Name = "CountFilter";
        Description = "Narrows Query.counts; all given conditions apply together.";
        Field<IdGraphType>("municipality").Description("Only items of this municipality (give at most one place).");
        Field<IdGraphType>("area").Description("Only items in a region of this working area or a region directly inside one; region keys are limited to those regions.");
        Field<IdGraphType>("neighbourhood").Description("Only items in this region or a region directly inside it; region keys are limited to those regions.");
        Field<StringGraphType>("municipalityCode").Description(Codes.MunicipalityCodeDescription("municipality", ErrorCodes.NotFound));
        Field<StringGraphType>("neighbourhoodCode").Description(Codes.NeighbourhoodCodeDescription("neighbourhood", ErrorCodes.NotFound));
        Field<DateOnlyGraphType>("from").Description("Activities whose schedule overlaps from..to; other subjects whose date (see CountSubject) is on or after this day. Not for ORGANISATIONS.");
        Field<DateOnlyGraphType>("to").Description("The last day, included (see from).");
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("Only items tagged with one of these themes or a theme below one (Theme IDs, at most 100). Not for ORGANISATIONS.");
    }
}

public sealed record CountKey(CountDimension Dimension, string? Value, string? Label);

public sealed record CountRow(IReadOnlyList<CountKey> Keys, int Count, bool Suppressed, CountSubject Subject, CountMeasure? Measure);

/// <summary>A group's measure in the subject's unit (people for capacity, euros for grants); the average rounded to two decimals.</summary>
public sealed record CountMeasure(decimal Sum, decimal Min, decimal Max, decimal Average);

/// <summary>
/// One item of the counted subject with its group keys: up to three dimensions, each a region/area/term ID slot (G) or a
/// number slot (N), plus the provider kind. Unused slots stay NULL, so one GROUP BY shape serves every combination.
/// </summary>
public sealed class CountItem
{
    public Guid Id { get; set; }

    public long? Measure { get; set; }

    public bool Resident { get; set; }

    public DateOnly? Date { get; set; }

    public OrganisationKind? OrganisationKind { get; set; }

    public int? OtherKind { get; set; }

    public Guid? G1 { get; set; }

    public Guid? G2 { get; set; }

    public Guid? G3 { get; set; }

    public int? N1 { get; set; }

    public int? N2 { get; set; }

    public int? N3 { get; set; }
}

/// <summary>Grouped counts for front ends: every count a GROUP BY in the database, every item once per group.</summary>
public static class GroupedCounts
{
    public const int MaxDimensions = 3;
    public const int MaxRows = 2_000;

    /// <summary>OtherKind codes: a provider or recipient that is not an organisation.</summary>
    internal const int InitiativeKind = 1, ProgrammeKind = 2;

    private static readonly Dictionary<CountSubject, CountDimension[]> Allowed = new()
    {
        [CountSubject.Activities] = [CountDimension.Neighbourhood, CountDimension.Area, CountDimension.Theme, CountDimension.TargetGroup, CountDimension.ProviderKind, CountDimension.Month, CountDimension.Quarter, CountDimension.Year],
        [CountSubject.Initiatives] = [CountDimension.Neighbourhood, CountDimension.Area, CountDimension.Theme, CountDimension.Month, CountDimension.Quarter, CountDimension.Year],
        [CountSubject.Organisations] = [CountDimension.Neighbourhood, CountDimension.Area, CountDimension.ProviderKind],
        [CountSubject.Signals] = [CountDimension.Neighbourhood, CountDimension.Area, CountDimension.Theme, CountDimension.TargetGroup, CountDimension.Month, CountDimension.Quarter, CountDimension.Year],
        [CountSubject.Grants] = [CountDimension.Neighbourhood, CountDimension.Area, CountDimension.Theme, CountDimension.ProviderKind, CountDimension.Month, CountDimension.Quarter, CountDimension.Year],
    };

    private static readonly PropertyInfo[] Members = typeof(CountItem).GetProperties();

    /// <summary>A request checked: refused with BAD_REQUEST before any SQL when a combination makes no sense.</summary>
    public sealed record Request(CountSubject Subject, IReadOnlyList<CountDimension> Dimensions, Place? Place, DateOnly? From, DateOnly? To, List<Guid>? Themes, bool SeesRecords, int Threshold)
    {
        public string Key => $"counts|{Subject}|{string.Join(',', Dimensions)}|{Place?.MunicipalityId:N}|{Place?.AreaId:N}|{Place.KeyOf(Place?.NeighbourhoodIds)}|{From:yyyy-MM-dd}|{To:yyyy-MM-dd}|{string.Join(',', Themes ?? [])}|{SeesRecords}|{Threshold}";
    }

    public static void Check(CountSubject subject, IReadOnlyList<CountDimension> dimensions, CountFilter filter)
    {
        if (dimensions.Count > MaxDimensions)
        {
            throw ApiException.BadRequest($"'groupBy' takes at most {MaxDimensions} dimensions.");
        }

        if (dimensions.Distinct().Count() != dimensions.Count)
        {
            throw ApiException.BadRequest("'groupBy' names a dimension twice.");
        }

        if (dimensions.FirstOrDefault(d => !Allowed[subject].Contains(d)) is var bad && bad != default)
        {
            throw ApiException.BadRequest($"{Name(subject)} cannot be grouped by {Name(bad)}; they can be grouped by {string.Join(", ", Allowed[subject].Select(d => Name(d)))}.");
        }

        if (subject == CountSubject.Organisations && (filter.From is not null || filter.To is not null || filter.Themes is { Count: > 0 }))
        {
            throw ApiException.BadRequest("ORGANISATIONS have no dates or themes to filter by: leave out 'filterBy.from', 'filterBy.to' and 'filterBy.themes'.");
        }

        if (filter.From is { } from && filter.To is { } to)
        {
            Scope.CheckPeriod(from, to, "filterBy");
        }
    }

    /// <summary>
    /// The counts: ACTIVITIES of a whole municipality or working area in a calendar year from the facts the database keeps
    /// (ADR 0025), everything else from the records.
    /// </summary>
    public static async Task<List<CountRow>> ComputeAsync(InfrastructuurDb db, Request request, CultureInfo culture, CancellationToken cancellationToken) =>
        await RowsAsync(db, request, await CountFactReader.GroupsAsync(db, request, cancellationToken) ?? await GroupsFromRecordsAsync(db, request, cancellationToken), culture, cancellationToken);

    /// <summary>The counts from the records, whatever the facts hold: the definition the facts are tested against.</summary>
    public static async Task<List<CountRow>> ComputeFromRecordsAsync(InfrastructuurDb db, Request request, CultureInfo culture, CancellationToken cancellationToken) =>
        await RowsAsync(db, request, await GroupsFromRecordsAsync(db, request, cancellationToken), culture, cancellationToken);

    /// <summary>The counts from the kept facts, or null when they cannot answer the request.</summary>
    public static async Task<List<CountRow>?> ComputeFromFactsAsync(InfrastructuurDb db, Request request, CultureInfo culture, CancellationToken cancellationToken) =>
        await CountFactReader.GroupsAsync(db, request, cancellationToken) is { } groups ? await RowsAsync(db, request, groups, culture, cancellationToken) : null;

    private static async Task<List<Group>> GroupsFromRecordsAsync(InfrastructuurDb db, Request request, CancellationToken cancellationToken)
    {
        var items = Items(db, request);
        var slot = 0;
        foreach (var dimension in request.Dimensions)
        {
            slot++;
            items = dimension switch
            {
                CountDimension.Year => Number(items, slot, x => x.Date == null ? null : x.Date.Value.Year),
                CountDimension.Quarter => Number(items, slot, x => x.Date == null ? null : (x.Date.Value.Year * 10) + ((x.Date.Value.Month + 2) / 3)),
                CountDimension.Month => Number(items, slot, x => x.Date == null ? null : (x.Date.Value.Year * 100) + x.Date.Value.Month),
                CountDimension.ProviderKind => items,
                _ => items.Join(Links(db, request, dimension), x => x.Id, l => l.Owner, Keyed(slot)),
            };
        }

        if (!request.Dimensions.Contains(CountDimension.ProviderKind))
        {
            items = items.Select(With(new Dictionary<string, Expression>
            {
                [nameof(CountItem.OrganisationKind)] = Expression.Constant(null, typeof(OrganisationKind?)),
                [nameof(CountItem.OtherKind)] = Expression.Constant(null, typeof(int?)),
            }));
        }

        // No DISTINCT: every item is one row of its subject and every dimension's links are distinct (owner, key) pairs (a
        // join table's key, a roll-up table's key, or a DISTINCT in Links), so each item is in each group once already;
        // de-duplicating the wide rows cost SQLite a temporary b-tree over every item × link (10–40% of the statement).
        // Subjects without a measure project a NULL literal, which PostgreSQL cannot sum: they skip those aggregates.
        var groups = items.GroupBy(x => new { x.G1, x.G2, x.G3, x.N1, x.N2, x.N3, x.OrganisationKind, x.OtherKind });
        var rows = await (request.Subject is CountSubject.Activities or CountSubject.Grants
                ? groups.Select(g => new Group
                {
                    G1 = g.Key.G1, G2 = g.Key.G2, G3 = g.Key.G3, N1 = g.Key.N1, N2 = g.Key.N2, N3 = g.Key.N3, OrganisationKind = g.Key.OrganisationKind, OtherKind = g.Key.OtherKind,
                    Count = g.Count(), Residents = g.Count(x => x.Resident), Measured = g.Count(x => x.Measure != null), Sum = g.Sum(x => x.Measure), Min = g.Min(x => x.Measure), Max = g.Max(x => x.Measure),
                })
                : groups.Select(g => new Group
                {
                    G1 = g.Key.G1, G2 = g.Key.G2, G3 = g.Key.G3, N1 = g.Key.N1, N2 = g.Key.N2, N3 = g.Key.N3, OrganisationKind = g.Key.OrganisationKind, OtherKind = g.Key.OtherKind,
                    Count = g.Count(), Residents = g.Count(x => x.Resident),
                }))
            .Take(MaxRows + 1)
            .ToListAsync(cancellationToken);
        return rows;
    }

    private static async Task<List<CountRow>> RowsAsync(InfrastructuurDb db, Request request, List<Group> rows, CultureInfo culture, CancellationToken cancellationToken)
    {
        if (rows.Count > MaxRows)
        {
            throw ApiException.BadRequest($"More than {MaxRows} groups: narrow 'filterBy' or group by fewer dimensions.");
        }

        var labels = await LabelsAsync(db, request, [.. rows.SelectMany(r => new[] { r.G1, r.G2, r.G3 }).OfType<Guid>().Distinct()], culture, cancellationToken);
        var scale = request.Subject == CountSubject.Grants ? 0.01m : 1m;
        return [.. rows.Select(r =>
            {
                var keys = request.Dimensions.Select((d, i) => KeyOf(d, i == 0 ? r.G1 : i == 1 ? r.G2 : r.G3, i == 0 ? r.N1 : i == 1 ? r.N2 : r.N3, r.OrganisationKind, r.OtherKind, labels)).ToList();
                var measured = r.Measured > 0;
                return new CountRow(
                    keys,
                    r.Count,
                    NeedsVersusOffering.Suppress(request.SeesRecords, request.Threshold, r.Residents),
                    request.Subject,
                    measured
                        ? new CountMeasure(r.Sum!.Value * scale, r.Min!.Value * scale, r.Max!.Value * scale, Math.Round(r.Sum!.Value * scale / r.Measured, 2, MidpointRounding.AwayFromZero))
                        : null);
            })
            .OrderBy(r => string.Join('\u0001', r.Keys.Select(k => k.Value ?? string.Empty)), StringComparer.Ordinal)];
    }

    /// <summary>The subject's items that the filter selects and the caller may see, with their date, measure and kind.</summary>
    private static IQueryable<CountItem> Items(InfrastructuurDb db, Request request)
    {
        var (place, from, to, themes) = (request.Place, request.From, request.To, request.Themes);
        var regions = place?.Regions ?? [];
        var municipality = place?.MunicipalityId;
        var whole = place?.IsWholeMunicipality ?? true;
        IQueryable<CountItem> items;
        switch (request.Subject)
        {
            case CountSubject.Activities:
                var activities = DashboardSql.Published<Activity>(db);
                var served = DashboardSql.ActivityRegions(db);
                activities = municipality is null ? activities : activities.Where(a => a.MunicipalityId == municipality);
                activities = whole ? activities : activities.Where(a => served.Any(l => l.Owner == a.Id && regions.Contains(l.Key)));
                activities = from is null ? activities : activities.Where(a => a.Schedule.EndsOn == null ? a.Schedule.StartsOn == null || a.Schedule.Kind != ScheduleKind.OneOff || a.Schedule.StartsOn >= from : a.Schedule.EndsOn >= from);
                activities = to is null ? activities : activities.Where(a => a.Schedule.StartsOn == null || a.Schedule.StartsOn <= to);
                activities = themes is null ? activities : Tagged(activities, DashboardSql.ActivityThemesRolledUp(db), themes);
                items = activities.Select(a => new CountItem
                {
                    Id = a.Id,
                    Measure = (long?)a.Capacity,
                    Resident = false,
                    Date = a.Schedule.StartsOn,
                    OrganisationKind = a.ProviderOrganisation != null ? a.ProviderOrganisation.Kind : null,
                    OtherKind = a.ProviderInitiativeId != null ? InitiativeKind : null,
                });
                break;
            case CountSubject.Initiatives:
                var initiatives = DashboardSql.Published<Initiative>(db);
                var registered = DashboardSql.InitiativeRegions(db);
                initiatives = municipality is null ? initiatives : initiatives.Where(i => i.MunicipalityId == municipality);
                initiatives = whole ? initiatives : initiatives.Where(i => registered.Any(l => l.Owner == i.Id && regions.Contains(l.Key)));
                initiatives = from is null ? initiatives : initiatives.Where(i => i.StartedOn >= from);
                initiatives = to is null ? initiatives : initiatives.Where(i => i.StartedOn <= to);
                initiatives = themes is null ? initiatives : Tagged(initiatives, DashboardSql.RolledUp<Theme>(db, DashboardSql.InitiativeThemes(db)), themes);
                items = initiatives.Select(i => new CountItem { Id = i.Id, Measure = null, Resident = false, Date = i.StartedOn, OrganisationKind = null, OtherKind = null });
                break;
            case CountSubject.Organisations:
                var working = DashboardSql.OrganisationRegions(db);
                var organisations = place is null ? db.Organisations : db.Organisations.Where(o => working.Any(l => l.Owner == o.Id && regions.Contains(l.Key)));
                items = organisations.Select(o => new CountItem { Id = o.Id, Measure = null, Resident = false, Date = null, OrganisationKind = o.Kind, OtherKind = null });
                break;
            case CountSubject.Signals:
                var signals = db.Signals.AsQueryable();
                signals = municipality is null ? signals : signals.Where(s => s.MunicipalityId == municipality);
                signals = whole ? signals : signals.Where(s => regions.Contains(s.NeighbourhoodId));
                signals = from is null ? signals : signals.Where(s => s.ObservedOn >= from);
                signals = to is null ? signals : signals.Where(s => s.ObservedOn <= to);
                if (themes is not null)
                {
                    var traced = DashboardSql.RolledUp<Theme>(db, DashboardSql.SignalThemes(db, db.Signals));
                    signals = Tagged(signals, traced, themes);
                }

                items = signals.Select(s => new CountItem { Id = s.Id, Measure = null, Resident = s.ReportedByResident, Date = s.ObservedOn, OrganisationKind = null, OtherKind = null });
                break;
            default:
                var benefiting = DashboardSql.GrantRegions(db);
                var grants = DashboardSql.Published<Grant>(db);
                grants = place is null ? grants : grants.Where(g => benefiting.Any(l => l.Owner == g.Id && regions.Contains(l.Key)));
                grants = from is null ? grants : grants.Where(g => g.ListedOn >= from);
                grants = to is null ? grants : grants.Where(g => g.ListedOn <= to);
                grants = themes is null ? grants : Tagged(grants, DashboardSql.RolledUp<Theme>(db, DashboardSql.GrantThemes(db)), themes);
                items = grants.Select(g => new CountItem
                {
                    Id = g.Id,
                    Measure = g.AmountAwardedCents,
                    Resident = false,
                    Date = g.ListedOn,
                    OrganisationKind = g.RecipientOrganisation != null ? g.RecipientOrganisation.Kind : null,
                    OtherKind = g.RecipientInitiativeId != null ? InitiativeKind : g.RecipientProgrammeId != null ? ProgrammeKind : null,
                });
                break;
        }

        // Every slot bound (to NULL) once, so later steps can read and copy them.
        return items.Select(With(new Dictionary<string, Expression>
        {
            [nameof(CountItem.G1)] = Expression.Constant(null, typeof(Guid?)),
            [nameof(CountItem.G2)] = Expression.Constant(null, typeof(Guid?)),
            [nameof(CountItem.G3)] = Expression.Constant(null, typeof(Guid?)),
            [nameof(CountItem.N1)] = Expression.Constant(null, typeof(int?)),
            [nameof(CountItem.N2)] = Expression.Constant(null, typeof(int?)),
            [nameof(CountItem.N3)] = Expression.Constant(null, typeof(int?)),
        }));
    }

    private static IQueryable<T> Tagged<T>(IQueryable<T> items, IQueryable<Link> rolledUp, List<Guid> themes)
        where T : Entity =>
        items.Where(x => rolledUp.Any(l => l.Owner == x.Id && themes.Contains(l.Key)));

    /// <summary>The subject's links for a dimension that joins: terms rolled up, regions of the place, the areas of those regions.</summary>
    private static IQueryable<Link> Links(InfrastructuurDb db, Request request, CountDimension dimension)
    {
        var (subject, place) = (request.Subject, request.Place);
        if (dimension == CountDimension.Theme)
        {
            if (subject == CountSubject.Activities)
            {
                return DashboardSql.ActivityThemesRolledUp(db);
            }

            return DashboardSql.RolledUp<Theme>(db, subject switch
            {
                CountSubject.Initiatives => DashboardSql.InitiativeThemes(db),
                CountSubject.Grants => DashboardSql.GrantThemes(db),
                _ => DashboardSql.SignalThemes(db, db.Signals),
            });
        }

        if (dimension == CountDimension.TargetGroup)
        {
            return subject == CountSubject.Activities
                ? DashboardSql.ActivityTargetGroupsRolledUp(db)
                : DashboardSql.RolledUp<TargetGroup>(db, db.Signals.Where(s => s.TargetGroupId != null).Select(s => new Link { Owner = s.Id, Key = s.TargetGroupId!.Value }));
        }

        var regions = subject switch
        {
            CountSubject.Activities => DashboardSql.ActivityRegions(db),
            CountSubject.Initiatives => DashboardSql.InitiativeRegions(db),
            CountSubject.Organisations => DashboardSql.OrganisationRegions(db),
            CountSubject.Grants => DashboardSql.GrantRegions(db),
            _ => db.Signals.Select(s => new Link { Owner = s.Id, Key = s.NeighbourhoodId }),
        };
        if (place is { IsWholeMunicipality: false })
        {
            var inPlace = place.Regions;
            regions = regions.Where(l => inPlace.Contains(l.Key));
        }

        if (dimension == CountDimension.Neighbourhood)
        {
            return regions;
        }

        var areas = DashboardSql.RegionAreas(db);
        if (place?.AreaId is { } area)
        {
            areas = areas.Where(a => a.Key == area);
        }

        return regions.Join(areas, r => r.Key, a => a.Owner, (r, a) => new Link { Owner = r.Owner, Key = a.Key }).Distinct();
    }

    private static IQueryable<CountItem> Number(IQueryable<CountItem> items, int slot, Expression<Func<CountItem, int?>> value)
    {
        var body = new ParameterReplacer(value.Parameters[0], ItemParameter).Visit(value.Body);
        return items.Select(With(new Dictionary<string, Expression> { [$"N{slot}"] = body }));
    }

    private static readonly ParameterExpression ItemParameter = Expression.Parameter(typeof(CountItem), "x");

    /// <summary>x => new CountItem { every member copied from x, except the given ones }.</summary>
    private static Expression<Func<CountItem, CountItem>> With(Dictionary<string, Expression> values) =>
        Expression.Lambda<Func<CountItem, CountItem>>(Init(ItemParameter, values), ItemParameter);

    /// <summary>(x, l) => x with slot G{slot} set to l.Key.</summary>
    private static Expression<Func<CountItem, Link, CountItem>> Keyed(int slot)
    {
        var link = Expression.Parameter(typeof(Link), "l");
        var key = Expression.Convert(Expression.Property(link, nameof(Link.Key)), typeof(Guid?));
        return Expression.Lambda<Func<CountItem, Link, CountItem>>(Init(ItemParameter, new Dictionary<string, Expression> { [$"G{slot}"] = key }), ItemParameter, link);
    }

    private static MemberInitExpression Init(ParameterExpression item, Dictionary<string, Expression> values) =>
        Expression.MemberInit(
            Expression.New(typeof(CountItem)),
            Members.Select(m => Expression.Bind(m, values.TryGetValue(m.Name, out var value) ? value : Expression.Property(item, m))));

    private static CountKey KeyOf(CountDimension dimension, Guid? id, int? number, OrganisationKind? organisationKind, int? otherKind, IReadOnlyDictionary<Guid, (string Type, string Label)> labels)
    {
        switch (dimension)
        {
            case CountDimension.ProviderKind:
                var kind = otherKind switch
                {
                    InitiativeKind => "INITIATIVE",
                    ProgrammeKind => "PROGRAMME",
                    _ => organisationKind is { } k ? Name(k) : null,
                };
                return new CountKey(dimension, kind, kind is null ? null : CultureInfo.InvariantCulture.TextInfo.ToTitleCase(kind.Replace('_', ' ').ToLowerInvariant()));
            case CountDimension.Year:
                return Text(number?.ToString(CultureInfo.InvariantCulture));
            case CountDimension.Quarter:
                return Text(number is { } q ? $"{q / 10}-Q{q % 10}" : null);
            case CountDimension.Month:
                return Text(number is { } m ? $"{m / 100}-{m % 100:00}" : null);
            default:
                return id is { } key && labels.TryGetValue(key, out var label) ? new CountKey(dimension, GlobalId.Encode(label.Type, key), label.Label) : new CountKey(dimension, null, null);
        }

        CountKey Text(string? value) => new(dimension, value, value);
    }

    private static async Task<Dictionary<Guid, (string Type, string Label)>> LabelsAsync(InfrastructuurDb db, Request request, List<Guid> ids, CultureInfo culture, CancellationToken cancellationToken)
    {
        var labels = new Dictionary<Guid, (string, string)>();
        if (ids.Count == 0)
        {
            return labels;
        }

        var dutch = culture.TwoLetterISOLanguageName == "nl";
        foreach (var dimension in request.Dimensions)
        {
            var found = dimension switch
            {
                CountDimension.Theme => await db.Themes.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, Type = nameof(Theme), Label = dutch ? t.NameNl : t.NameEn }).ToListAsync(cancellationToken),
                CountDimension.TargetGroup => await db.TargetGroups.Where(t => ids.Contains(t.Id)).Select(t => new { t.Id, Type = nameof(TargetGroup), Label = dutch ? t.NameNl : t.NameEn }).ToListAsync(cancellationToken),
                CountDimension.Neighbourhood => await db.Neighbourhoods.Where(n => ids.Contains(n.Id)).Select(n => new { n.Id, Type = nameof(Neighbourhood), Label = n.Name }).ToListAsync(cancellationToken),
                CountDimension.Area => await db.Areas.Where(a => ids.Contains(a.Id)).Select(a => new { a.Id, Type = nameof(Area), Label = a.Name }).ToListAsync(cancellationToken),
                _ => [],
            };
            foreach (var f in found)
            {
                labels[f.Id] = (f.Type, f.Label);
            }
        }

        return labels;
    }

    private static string Name<TEnum>(TEnum value)
        where TEnum : struct, Enum =>
        value.ToString().ToConstantCase();

    /// <summary>One group as the database returns it (from the records or the facts).</summary>
    internal sealed class Group
    {
        public void Key(int slot, Guid value) => (G1, G2, G3) = (slot == 0 ? value : G1, slot == 1 ? value : G2, slot == 2 ? value : G3);

        public void Number(int slot, int? value) => (N1, N2, N3) = (slot == 0 ? value : N1, slot == 1 ? value : N2, slot == 2 ? value : N3);

        public Guid? G1 { get; set; }

        public Guid? G2 { get; set; }

        public Guid? G3 { get; set; }

        public int? N1 { get; set; }

        public int? N2 { get; set; }

        public int? N3 { get; set; }

        public OrganisationKind? OrganisationKind { get; set; }

        public int? OtherKind { get; set; }

        public int Count { get; set; }

        public int Residents { get; set; }

        public int Measured { get; set; }

        public long? Sum { get; set; }

        public long? Min { get; set; }

        public long? Max { get; set; }
    }

    private sealed class ParameterReplacer(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : base.VisitParameter(node);
    }
}

public sealed class CountKeyType : ObjectGraphType<CountKey>
{
    public CountKeyType()
    {
        Name = "CountKey";
        this.DefaultPolicy(Policies.Public);
        Description = "One dimension's value for a row of Query.counts.";
        Field<NonNullGraphType<CountDimensionType>>("dimension").Description("The dimension.").Resolve(ctx => ctx.Source.Dimension);
        Field<StringGraphType>("value")
            .Description("The group: a global ID for regions, areas, themes and target groups; SCHOOL, INITIATIVE … for kinds; yyyy, yyyy-Qn or yyyy-MM for dates. Null groups the items without one (no date, no target group).")
            .Resolve(ctx => ctx.Source.Value);
        Field<StringGraphType>("label").Description("A name to show: the region's, area's or term's name (terms in the caller's language), or the value itself.").Resolve(ctx => ctx.Source.Label);
    }
}

public sealed class CountRowType : ObjectGraphType<CountRow>
{
    public CountRowType()
    {
        Name = "CountRow";
        this.DefaultPolicy(Policies.Public);
        Description = "One group of Query.counts: its keys, the number of distinct items in it (counted by the database), and the subject's measure over them.";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CountKeyType>>>>("keys").Description("One key per groupBy dimension, in the order asked.").Resolve(ctx => ctx.Source.Keys);
        Field<IntGraphType>("count").Description("The number of distinct items in the group; null when suppressed.").Resolve(ctx => ctx.Source.Suppressed ? null : ctx.Source.Count);
        Field<NonNullGraphType<BooleanGraphType>>("suppressed")
            .Description("True when count is withheld: a group of signals raised partly by residents, fewer than the small-cell threshold, for a caller who may not see them.")
            .Resolve(ctx => ctx.Source.Suppressed);
        Field<CountCapacityType>("capacity")
            .Description("ACTIVITIES: the capacities of the group's activities that state one; null for other subjects or when none does.")
            .Resolve(ctx => ctx.Source.Subject == CountSubject.Activities ? ctx.Source.Measure : null);
        Field<CountMoneyType>("amountAwarded")
            .Description("GRANTS: the amounts awarded in the group, in euros; null for other subjects or when no grant has an award.")
            .Resolve(ctx => ctx.Source.Subject == CountSubject.Grants ? ctx.Source.Measure : null);
    }
}

public sealed class CountCapacityType : ObjectGraphType<CountMeasure>
{
    public CountCapacityType()
    {
        Name = "CountCapacity";
        this.DefaultPolicy(Policies.Public);
        Description = "Capacities (people at a time) over the activities of a Query.counts group that state one.";
        Field<NonNullGraphType<DescribedLongGraphType>>("sum").Description("Their sum.").Resolve(ctx => (long)ctx.Source.Sum);
        Field<NonNullGraphType<IntGraphType>>("min").Description("The smallest.").Resolve(ctx => (int)ctx.Source.Min);
        Field<NonNullGraphType<IntGraphType>>("max").Description("The largest.").Resolve(ctx => (int)ctx.Source.Max);
        Field<NonNullGraphType<FloatGraphType>>("average").Description("sum divided by the activities that state a capacity, rounded to two decimals.").Resolve(ctx => (double)ctx.Source.Average);
    }
}

public sealed class CountMoneyType : ObjectGraphType<CountMeasure>
{
    public CountMoneyType()
    {
        Name = "CountMoney";
        this.DefaultPolicy(Policies.Public);
        Description = "Amounts in euros over the items of a Query.counts group that have one, exact to the cent.";
        Field<NonNullGraphType<MoneyGraphType>>("sum").Description("Their sum.").Resolve(ctx => ctx.Source.Sum);
        Field<NonNullGraphType<MoneyGraphType>>("min").Description("The smallest.").Resolve(ctx => ctx.Source.Min);
        Field<NonNullGraphType<MoneyGraphType>>("max").Description("The largest.").Resolve(ctx => ctx.Source.Max);
        Field<NonNullGraphType<MoneyGraphType>>("average").Description("sum divided by the items that have an amount, rounded to the cent (half away from zero).").Resolve(ctx => ctx.Source.Average);
    }
}
