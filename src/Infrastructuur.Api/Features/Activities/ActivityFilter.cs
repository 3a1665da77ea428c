using System.ComponentModel;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Activities;

/// <summary>The curated filter of Query.activities; every condition given is combined with AND.</summary>
public sealed class ActivityFilter : PlaceAndTextFilter
{
    public List<string>? Themes { get; set; }

    public List<string>? ThemeCodes { get; set; }

    public List<string>? TargetGroups { get; set; }

    public List<string>? TargetGroupCodes { get; set; }

    public int? Age { get; set; }

    public List<ActivityStatus>? Statuses { get; set; }

    public List<OrganisationKind>? ProviderKinds { get; set; }

    public bool? ProvidedByInitiative { get; set; }

    public DateOnly? ActiveOn { get; set; }

    public DateRange? ActiveBetween { get; set; }

    public NearScope? Near { get; set; }

    public const int MaxAge = 150;

    /// <summary>The codes given, checked for their shape and against their ID twins, for <see cref="Codes.EnsureKnownAsync"/>.</summary>
    public CodeSet Codes() => PlaceCodes() with
    {
        Themes = Shared.Codes.Terms(Themes, ThemeCodes, "themeCodes"),
        TargetGroups = Shared.Codes.Terms(TargetGroups, TargetGroupCodes, "targetGroupCodes"),
    };

    /// <summary>Checks the arguments now and returns the query they select; called once per page and once per count.</summary>
    public Func<InfrastructuurDb, IQueryable<Activity>> Compile()
    {
        var on = CompileOn();
        return db => on(db, db.Activities);
    }

    /// <summary>The region of <c>neighbourhood</c>, when given: its activities can be walked on the region index.</summary>
    public Guid? Region() => Filters.Id(Neighbourhood, nameof(Geography.Neighbourhood));

    /// <summary>
    /// As <see cref="Compile"/>, applied to the activities of another source; <paramref name="regionWalked"/> when that
    /// source is a walk of the region index, which holds the region's activities only.
    /// </summary>
    public Func<InfrastructuurDb, IQueryable<Activity>, IQueryable<Activity>> CompileOn(bool regionWalked = false)
    {
        var shared = Filters.PlaceAndText<Activity>(
            this,
            a => a.Neighbourhoods,
            m => a => a.MunicipalityId == m,
            ms => a => ms.Contains(a.MunicipalityId),
            ActivityRegions.Serving,
            regionWalked);
        var themes = Filters.Ids(Themes, nameof(Theme), "themes");
        var targetGroups = Filters.Ids(TargetGroups, nameof(TargetGroup), "targetGroups");
        var codes = Codes();
        var statuses = Filters.Values(Statuses, "statuses");
        var kinds = Filters.Values(ProviderKinds, "providerKinds");
        if (Age is < 0 or > MaxAge)
        {
            throw ApiException.BadRequest($"'age' must be from 0 to {MaxAge}.");
        }

        if (ActiveBetween is { } range && range.From > range.To)
        {
            throw ApiException.BadRequest("'activeBetween.from' may not be after 'activeBetween.to'.");
        }

        var age = Age;
        var byInitiative = ProvidedByInitiative;
        var activeOn = ActiveOn;
        var activeBetween = ActiveBetween;
        var near = Near is { } circle ? circle.Check().Within(circle.WithinKm) : null;
        return (db, source) =>
        {
            var q = shared(db, source)
                .WithTermAtOrBelow(db, a => a.Themes, themes)
                .WithTermAtOrBelow(db, a => a.TargetGroups, targetGroups)
                .WithTermAtOrBelow(db, a => a.Themes, codes.Themes is { } t ? Shared.Codes.TermIds<Theme>(db, [.. t]) : null)
                .WithTermAtOrBelow(db, a => a.TargetGroups, codes.TargetGroups is { } g ? Shared.Codes.TermIds<TargetGroup>(db, [.. g]) : null);
            if (age is { } years)
            {
                q = q.Where(a => (a.MinimumAge == null || a.MinimumAge <= years) && (a.MaximumAge == null || a.MaximumAge >= years));
            }

            if (statuses is not null)
            {
                q = q.Where(a => statuses.Contains(a.Status));
            }

            if (kinds is not null)
            {
                q = q.Where(a => a.ProviderOrganisation != null && kinds.Contains(a.ProviderOrganisation.Kind));
            }

            if (byInitiative is { } initiative)
            {
                q = initiative ? q.Where(a => a.ProviderInitiativeId != null) : q.Where(a => a.ProviderOrganisationId != null);
            }

            if (activeOn is { } day)
            {
                q = RunningBetween(q, day, day);
            }

            if (activeBetween is not null)
            {
                q = RunningBetween(q, activeBetween.From, activeBetween.To);
            }

            if (near is not null)
            {
                q = q.Where(near);
            }

            return q;
        };
    }

    /// <summary>
    /// Activities whose schedule meets [from, to]: the period (open ends are open) overlaps it, a one-off without an end day
    /// counts as its start day only, and a weekly activity must fall on a weekday inside the range when that is under a week.
    /// </summary>
    private static IQueryable<Activity> RunningBetween(IQueryable<Activity> q, DateOnly from, DateOnly to)
    {
        q = q.Where(a =>
            (a.Schedule.StartsOn == null || a.Schedule.StartsOn <= to)
            && (a.Schedule.EndsOn != null
                ? a.Schedule.EndsOn >= from
                : a.Schedule.Kind != ScheduleKind.OneOff || a.Schedule.StartsOn == null || a.Schedule.StartsOn >= from));
        var days = to.DayNumber - from.DayNumber + 1;
        if (days < 7)
        {
            var weekdays = Enumerable.Range(0, days).Select(i => (Weekday?)ToWeekday(from.AddDays(i).DayOfWeek)).ToList();
            q = q.Where(a => a.Schedule.Kind != ScheduleKind.Recurring || a.Schedule.Weekday == null || weekdays.Contains(a.Schedule.Weekday));
        }

        return q;
    }

    public static Weekday ToWeekday(DayOfWeek day) => day == DayOfWeek.Sunday ? Weekday.Sunday : (Weekday)(int)day;
}

public sealed class ActivityFilterType : PlaceAndTextFilterType<ActivityFilter>
{
    public ActivityFilterType()
        : base("activities", "Only activities owned by this municipality (Municipality ID).", "serving")
    {
        Name = "ActivityFilter";
        Description = "Conditions on activities; all given conditions must hold (AND). Leave a condition out, or give an empty list, to not filter on it.";
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description($"Only activities with any of these themes (Theme IDs) or a theme below one of them, e.g. healthy food under a healthy basis in families. At most {NodeQueries.MaxIds}.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("themeCodes").Description(Codes.TermCodesDescription("themes", "Theme"));
        Field<ListGraphType<NonNullGraphType<IdGraphType>>>("targetGroups").Description($"Only activities for any of these target groups (TargetGroup IDs) or a group below one of them. At most {NodeQueries.MaxIds}.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("targetGroupCodes").Description(Codes.TermCodesDescription("targetGroups", "TargetGroup"));
        Field<IntGraphType>("age").Description($"Only activities open to someone of this age in years (0 to {ActivityFilter.MaxAge}): minimumAge ≤ age ≤ maximumAge, a missing bound being open.");
        Field<ListGraphType<NonNullGraphType<ActivityStatusType>>>("statuses").Description("Only activities with any of these statuses.");
        Field<ListGraphType<NonNullGraphType<OrganisationKindType>>>("providerKinds").Description("Only activities provided by an organisation of any of these kinds (activities run by an initiative drop out).");
        Field<BooleanGraphType>("providedByInitiative").Description("True: only activities run by a residents' initiative; false: only activities provided by an organisation.");
        Field<DateOnlyGraphType>("activeOn").Description("Only activities taking place on this day: within their schedule's period (open ends are open) and, for weekly ones, on their weekday.");
        Field<DateRangeType>("activeBetween").Description("Only activities whose schedule overlaps this range of days (both ends included); weekly ones must fall on a weekday in it.");
        Field<NearScopeType>("near").Description("Only activities whose location lies within this circle; activities without coordinates (online, at home, not yet located) drop out. "
            + "Distances are equirectangular (flat-earth with the cosine of the centre's latitude): within a fraction of a percent of the great-circle distance at city scale. Order by DISTANCE to list the nearest first.");
    }
}

public enum ActivityOrderField
{
    [Description("By name, ignoring case and accents.")]
    Name = 1,

    [Description("By first day ever; activities without one (always running) come first in ascending order, and a weekly activity running since 2019 before next week's one-off: order by NEXT_OCCURRENCE for what comes next.")]
    StartsOn,

    [Description("By the moment of the last change.")]
    ModifiedAt,

    [Description("By the next day the activity takes place, from today in Europe/Amsterdam (see Activity.nextOccursOn); ties by ID. "
        + "Activities that never take place again come last in ascending order (first in descending). The next pages go on from the day the first page was taken on, also after midnight.")]
    NextOccurrence,

    [Description("By distance from the centre of filterBy.near, nearest first in ascending order (see Activity.distanceKm); ties by ID. Requires filterBy.near.")]
    Distance,
}

public sealed class ActivityOrderFieldType() : DescribedEnumType<ActivityOrderField>("What activities can be ordered by.");

public sealed class ActivityOrder : ListOrder<ActivityOrderField>
{
    private static readonly KeysetOrderPair<Activity, string> ByName = new("name", a => a.NameKey);
    private static readonly KeysetOrderPair<Activity, DateOnly> ByStartsOn = new("startsOn", a => a.StartsOnKey);
    private static readonly KeysetOrderPair<Activity, DateTime> ByModifiedAt = new("modifiedAt", a => a.ModifiedAt);

    /// <summary>Name, ascending: the order of every activity connection that has no orderBy.</summary>
    public static IKeysetOrder<Activity> Default => ByName.Ascending;

    /// <summary>The ordering as a start-date ordering, or null when it is another.</summary>
    public static KeysetOrder<Activity, DateOnly>? StartsOn(IKeysetOrder<Activity> order) => ByStartsOn.Of(order);

    /// <summary>The ordering as a name ordering, or null when it is another.</summary>
    public static KeysetOrder<Activity, string>? Name(IKeysetOrder<Activity> order) => ByName.Of(order);

    /// <summary>
    /// The keyset ordering, ties broken by ID so that paging never skips or repeats an activity. NEXT_OCCURRENCE counts
    /// from the day its <paramref name="cursor"/> was taken on, else from today; DISTANCE from the filter's centre.
    /// </summary>
    public IKeysetOrder<Activity> Keyset(ActivityFilter? filter, string? cursor) => Field switch
    {
        ActivityOrderField.StartsOn => ByStartsOn.In(Direction),
        ActivityOrderField.ModifiedAt => ByModifiedAt.In(Direction),
        ActivityOrderField.NextOccurrence => NextOccurrence.Ordering(NextOccurrence.DayOf(cursor) ?? NextOccurrence.Today()).In(Direction),
        ActivityOrderField.Distance => (filter?.Near ?? throw ApiException.BadRequest("orderBy DISTANCE needs filterBy.near: the point to measure from."))
            .Check().Ordering().In(Direction),
        _ => ByName.In(Direction),
    };
}

public sealed class ActivityOrderType() : ListOrderType<ActivityOrder, ActivityOrderField, ActivityOrderFieldType>("ActivityOrder", "activities");
