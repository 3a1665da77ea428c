using System.ComponentModel;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace Infrastructuur.Api.Features.Activities;

public enum ActivityStatus
{
    [Description("Being prepared; not yet on offer.")]
    Draft = 1,

    [Description("On offer.")]
    Active,

    [Description("Temporarily not on offer.")]
    Paused,

    [Description("No longer on offer.")]
    Ended,
}

public enum PreventionLevel
{
    [Description("Universal prevention: for everyone in a population, whatever their risk.")]
    Universal = 1,

    [Description("Selective prevention: for groups with a higher risk.")]
    Selective,

    [Description("Indicated prevention: for people with first signs of a problem.")]
    Indicated,
}

/// <summary>The recognition levels of the Dutch national registry of interventions (Erkenningscommissie Interventies).</summary>
public enum EvidenceRecognition
{
    [Description("Not recognised in the national registry.")]
    None = 1,

    [Description("Recognised as well described (goed beschreven).")]
    WellDescribed,

    [Description("Recognised as well founded in theory (goed onderbouwd).")]
    WellFounded,

    [Description("Recognised as effective, with first indications (effectief – eerste aanwijzingen).")]
    EffectiveFirstIndications,

    [Description("Recognised as effective, with good indications (effectief – goede aanwijzingen).")]
    EffectiveGoodIndications,

    [Description("Recognised as effective, with strong indications (effectief – sterke aanwijzingen).")]
    EffectiveStrongIndications,
}

public enum DeliverySetting
{
    [Description("At a school.")]
    AtSchool = 1,

    [Description("At people's homes.")]
    AtHome,

    [Description("In a community centre (buurthuis, Huis van de Wijk).")]
    CommunityCentre,

    [Description("Online.")]
    Online,

    [Description("Outdoors: a park, square or sports field.")]
    Outdoors,

    [Description("Somewhere else.")]
    Other,
}

public enum ScheduleKind
{
    [Description("Takes place once, on startsOn (endsOn is the last day of a multi-day event, or equal to startsOn).")]
    OneOff = 1,

    [Description("Runs continuously from startsOn to endsOn (either may be open).")]
    Period,

    [Description("Takes place every week on a weekday, from startsOn to endsOn (either may be open).")]
    Recurring,
}

/// <summary>ISO weekday numbering (Monday first); System.DayOfWeek starts on Sunday.</summary>
public enum Weekday
{
    [Description("Monday.")]
    Monday = 1,

    [Description("Tuesday.")]
    Tuesday,

    [Description("Wednesday.")]
    Wednesday,

    [Description("Thursday.")]
    Thursday,

    [Description("Friday.")]
    Friday,

    [Description("Saturday.")]
    Saturday,

    [Description("Sunday.")]
    Sunday,
}

/// <summary>A piece of prevention offering (HSDS service, with its schedule and location).</summary>
public sealed class Activity : Entity, INamed, ISearchable
{
    /// <summary>The activity's name.</summary>
    public required string Name { get; set; }

    public string NameKey { get; set; } = string.Empty;

    public string? Description { get; set; }

    public string SearchText { get; set; } = string.Empty;

    public ActivityStatus Status { get; set; } = ActivityStatus.Draft;

    /// <summary>The municipality that owns the record; set by the server, it scopes who may act on it.</summary>
    public Guid MunicipalityId { get; set; }

    public Municipality? Municipality { get; set; }

    /// <summary>The providing organisation; exactly one of this and <see cref="ProviderInitiativeId"/> is set (a check constraint).</summary>
    public Guid? ProviderOrganisationId { get; set; }

    public Organisation? ProviderOrganisation { get; set; }

    public Guid? ProviderInitiativeId { get; set; }

    public Initiative? ProviderInitiative { get; set; }

    public int? MinimumAge { get; set; }

    public int? MaximumAge { get; set; }

    public PreventionLevel? PreventionLevel { get; set; }

    public EvidenceRecognition EvidenceRecognition { get; set; } = EvidenceRecognition.None;

    public DeliverySetting? DeliverySetting { get; set; }

    /// <summary>Where it takes place; null when it has no fixed place (online, at home).</summary>
    public ActivityLocation? Location { get; set; }

    public ActivitySchedule Schedule { get; set; } = new();

    /// <summary>
    /// The STARTS_ON sort key: never null (keyset cursors need a value), an open start sorting as the earliest day.
    /// It follows <see cref="Schedule"/> by construction, so no write path can let it go stale; EF writes it, reads skip it.
    /// </summary>
    [ComputedFrom(nameof(Schedule))]
    public DateOnly StartsOnKey
    {
        get => Schedule.StartsOn ?? DateOnly.MinValue;
        private set { }
    }

    /// <summary>What taking part costs; null when unknown.</summary>
    public ActivityCost? Cost { get; set; }

    public int? Capacity { get; set; }

    /// <summary>ISO 639-1 codes of the languages the activity is given in, e.g. "nl", "ar".</summary>
    public List<string> Languages { get; set; } = [];

    public DateOnly? LastVerifiedOn { get; set; }

    public List<Theme> Themes { get; set; } = [];

    public List<TargetGroup> TargetGroups { get; set; } = [];

    /// <summary>Organisations that take part without being the provider.</summary>
    public List<Organisation> Partners { get; set; } = [];

    /// <summary>The regions the activity serves.</summary>
    public List<Neighbourhood> Neighbourhoods { get; set; } = [];

    public List<ReachRecord> Reach { get; set; } = [];

    public string BuildSearchText() => $"{Name} {Description}";
}

/// <summary>A Dutch address with coordinates (HSDS location).</summary>
public sealed class ActivityLocation
{
    public string? Street { get; set; }

    /// <summary>House number with any addition, e.g. "12a".</summary>
    public string? HouseNumber { get; set; }

    public Postcode? Postcode { get; set; }

    /// <summary>The place (woonplaats), e.g. Spijkenisse.</summary>
    public required string Place { get; set; }

    /// <summary>WGS 84 degrees.</summary>
    public decimal? Latitude { get; set; }

    public decimal? Longitude { get; set; }
}

/// <summary>When an activity takes place (HSDS schedule, simplified to one-off, period or weekly).</summary>
public sealed class ActivitySchedule
{
    public ScheduleKind Kind { get; set; } = ScheduleKind.Period;

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    /// <summary>For <see cref="ScheduleKind.Recurring"/>: the weekday it takes place.</summary>
    public Weekday? Weekday { get; set; }

    public TimeOnly? StartTime { get; set; }

    public TimeOnly? EndTime { get; set; }

    /// <summary>One day, or a few consecutive days.</summary>
    public static ActivitySchedule OneOff(DateOnly on, TimeOnly? from = null, TimeOnly? until = null, DateOnly? lastDay = null) =>
        new() { Kind = ScheduleKind.OneOff, StartsOn = on, EndsOn = lastDay ?? on, StartTime = from, EndTime = until };

    public static ActivitySchedule Period(DateOnly? from, DateOnly? until) =>
        new() { Kind = ScheduleKind.Period, StartsOn = from, EndsOn = until };

    public static ActivitySchedule Weekly(Weekday day, TimeOnly from, TimeOnly until, DateOnly? startsOn = null, DateOnly? endsOn = null) =>
        new() { Kind = ScheduleKind.Recurring, Weekday = day, StartTime = from, EndTime = until, StartsOn = startsOn, EndsOn = endsOn };
}

/// <summary>What taking part costs. Money is stored in cents: exact, and SQLite can sum integers but not decimals.</summary>
public sealed class ActivityCost
{
    public bool IsFree { get; set; }

    public long? FeeCents { get; set; }

    /// <summary>What the fee covers or who pays less, e.g. "per term; free with the Rotterdampas".</summary>
    public string? FeeDescription { get; set; }

    public static ActivityCost Free() => new() { IsFree = true };

    public static ActivityCost Fee(long cents, string? description = null) => new() { IsFree = false, FeeCents = cents, FeeDescription = description };
}

internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.Property(a => a.Name).HasMaxLength(300);
        builder.Property(a => a.NameKey).HasMaxLength(300);
        builder.Property(a => a.Description).HasMaxLength(8000);
        builder.Property(a => a.StartsOnKey);
        builder.ComplexProperty(a => a.Schedule);
        builder.ComplexProperty(a => a.Location, l =>
        {
            l.Property(x => x.Street).HasMaxLength(200);
            l.Property(x => x.HouseNumber).HasMaxLength(20);
            l.Property(x => x.Postcode).HasMaxLength(7).HasConversion(p => p!.Value, s => Postcode.Parse(s));
            l.Property(x => x.Place).HasMaxLength(100);
            l.Property(x => x.Latitude).HasPrecision(9, 6);
            l.Property(x => x.Longitude).HasPrecision(9, 6);
        });
        builder.ComplexProperty(a => a.Cost, c => c.Property(x => x.FeeDescription).HasMaxLength(500));

        // Keyset orderings (key, id) and the common filters.
        builder.HasIndex(a => new { a.NameKey, a.Id });
        builder.HasIndex(a => new { a.StartsOnKey, a.Id });
        builder.HasIndex(a => new { a.ModifiedAt, a.Id });
        builder.HasIndex(a => new { a.MunicipalityId, a.Status });
        // The visibility test of an activity reached through a link (a region's or a theme's activities, counts per
        // theme) looks it up by ID for these two columns: answered from this index, without reading the row.
        builder.HasIndex(a => new { a.Id, a.Status, a.ProviderInitiativeId });
        // A provider's activities in their default order (ADR 0016): a nested page reads its first n entries per provider
        // instead of sorting all of that provider's activities. They replace the plain foreign-key indexes.
        builder.HasIndex(a => new { a.ProviderOrganisationId, a.NameKey, a.Id });
        builder.HasIndex(a => new { a.ProviderInitiativeId, a.NameKey, a.Id });

        builder.HasOne(a => a.Municipality).WithMany().HasForeignKey(a => a.MunicipalityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ProviderOrganisation).WithMany().HasForeignKey(a => a.ProviderOrganisationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(a => a.ProviderInitiative).WithMany().HasForeignKey(a => a.ProviderInitiativeId).OnDelete(DeleteBehavior.Restrict);
        // The reverse direction (a theme's or a region's activities, counts per theme of a region) reads the link
        // table by its second column: an index on (that column, activity) answers from the index alone.
        builder.HasMany(a => a.Themes).WithMany(t => t.Activities).UsingEntity("ActivityTheme", j => j.HasIndex("ThemesId", "ActivitiesId"));
        builder.HasMany(a => a.TargetGroups).WithMany(t => t.Activities).UsingEntity("ActivityTargetGroup");
        builder.HasMany(a => a.Partners).WithMany(o => o.PartnerActivities).UsingEntity("ActivityPartner");
        builder.HasMany(a => a.Neighbourhoods).WithMany(n => n.Activities).UsingEntity("ActivityNeighbourhood", j => j.HasIndex("NeighbourhoodsId", "ActivitiesId"));

        // The same SQL on SQLite and PostgreSQL: quoted identifiers, boolean comparison of IS NULL.
        builder.ToTable(t =>
        {
            t.HasCheckConstraint("CK_Activities_OneProvider", "(\"ProviderOrganisationId\" IS NULL) <> (\"ProviderInitiativeId\" IS NULL)");
            t.HasCheckConstraint("CK_Activities_Ages", "(\"MinimumAge\" IS NULL OR \"MinimumAge\" >= 0) AND (\"MaximumAge\" IS NULL OR \"MaximumAge\" >= COALESCE(\"MinimumAge\", 0))");
        });
    }
}
