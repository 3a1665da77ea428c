using GraphQL.Types;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Activities;

/// <summary>
/// What describes an activity, shared by scheduleActivity (a new one) and changeActivity (only the fields sent change).
/// Neither carries the provider or the municipality: the provider is chosen once, the municipality follows from it.
/// </summary>
public abstract class ActivityDetailsInput : MutationInput
{
    public string? Name { get; set; }

    public string? Description { get; set; }

    public List<string>? Themes { get; set; }

    public List<string>? TargetGroups { get; set; }

    public int? MinimumAge { get; set; }

    public int? MaximumAge { get; set; }

    public List<string>? Neighbourhoods { get; set; }

    public ActivityLocationInput? Location { get; set; }

    public ActivityScheduleInput? Schedule { get; set; }

    public ActivityCostInput? Cost { get; set; }

    public int? Capacity { get; set; }

    public List<string>? Languages { get; set; }

    public PreventionLevel? PreventionLevel { get; set; }

    public EvidenceRecognition? EvidenceRecognition { get; set; }

    public DeliverySetting? DeliverySetting { get; set; }
}

public sealed class ActivityLocationInput
{
    public string? Street { get; set; }

    public string? HouseNumber { get; set; }

    public string? Postcode { get; set; }

    public string Place { get; set; } = string.Empty;

    public decimal? Latitude { get; set; }

    public decimal? Longitude { get; set; }
}

public sealed class ActivityScheduleInput
{
    public ScheduleKind Kind { get; set; }

    public DateOnly? StartsOn { get; set; }

    public DateOnly? EndsOn { get; set; }

    public Weekday? Weekday { get; set; }

    public TimeOnly? StartTime { get; set; }

    public TimeOnly? EndTime { get; set; }
}

public sealed class ActivityCostInput
{
    public bool IsFree { get; set; }

    public decimal? Fee { get; set; }

    public string? FeeDescription { get; set; }
}

public sealed class ActivityLocationInputType : InputObjectGraphType<ActivityLocationInput>
{
    public ActivityLocationInputType()
    {
        Name = "ActivityLocationInput";
        Description = "Where an activity takes place: a Dutch address with optional coordinates.";
        Field<StringGraphType>("street").Description("The street name (at most 200 characters).");
        Field<StringGraphType>("houseNumber").Description("The house number with any addition, e.g. 12a (at most 20 characters).");
        Field<StringGraphType>("postcode").Description("A Dutch postcode, e.g. 3024 AB (spaces and case are normalised).");
        Field<NonNullGraphType<StringGraphType>>("place").Description("The place (woonplaats), e.g. Spijkenisse (at most 100 characters).");
        Field<FloatGraphType>("latitude").Description("Latitude in WGS 84 degrees (−90 to 90).");
        Field<FloatGraphType>("longitude").Description("Longitude in WGS 84 degrees (−180 to 180).");
    }
}

public sealed class ActivityScheduleInputType : InputObjectGraphType<ActivityScheduleInput>
{
    public ActivityScheduleInputType()
    {
        Name = "ActivityScheduleInput";
        Description = "When an activity takes place: once, during a period, or weekly.";
        Field<NonNullGraphType<ScheduleKindType>>("kind").Description("One-off (startsOn required), period, or weekly (weekday required).");
        Field<DateOnlyGraphType>("startsOn").Description("The first day.");
        Field<DateOnlyGraphType>("endsOn").Description("The last day; not before startsOn.");
        Field<WeekdayType>("weekday").Description("For a weekly activity: the day of the week.");
        Field<TimeOnlyGraphType>("startTime").Description("The local time it starts (Europe/Amsterdam).");
        Field<TimeOnlyGraphType>("endTime").Description("The local time it ends; not before startTime.");
    }
}

public sealed class ActivityCostInputType : InputObjectGraphType<ActivityCostInput>
{
    public ActivityCostInputType()
    {
        Name = "ActivityCostInput";
        Description = "What taking part in an activity costs.";
        Field<NonNullGraphType<BooleanGraphType>>("isFree").Description("True when taking part is free (then leave fee out).");
        Field<MoneyGraphType>("fee").Description("The fee in euros, exact to the cent.");
        Field<StringGraphType>("feeDescription").Description("What the fee covers or who pays less (at most 500 characters).");
    }
}

public static class ActivityDetails
{
    /// <summary>The detail fields of an input type; <paramref name="creating"/> makes name, schedule and regions required.</summary>
    public static void AddDetailFields<TInput>(this MutationInputType<TInput> type, bool creating)
        where TInput : ActivityDetailsInput
    {
        var send = creating ? string.Empty : " Leave it out to keep the current value; send null to clear it.";
        if (creating)
        {
            type.Field<NonNullGraphType<StringGraphType>>("name").Description("The activity's name (at most 300 characters).");
            type.Field<NonNullGraphType<ActivityScheduleInputType>>("schedule").Description("When it takes place.");
            type.Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("neighbourhoods")
                .Description("The regions it serves (Neighbourhood IDs, at least one): all in the provider's municipality, or for an organisation in one municipality, which becomes the activity's.");
        }
        else
        {
            type.Field<StringGraphType>("name").Description("The new name (at most 300 characters); cannot be cleared.");
            type.Field<ActivityScheduleInputType>("schedule").Description("When it takes place, replacing the schedule; cannot be cleared.");
            type.Field<ListGraphType<NonNullGraphType<IdGraphType>>>("neighbourhoods").Description("The regions it serves (Neighbourhood IDs), replacing the current ones; all in the activity's municipality.");
        }

        type.Field<StringGraphType>("description").Description("What the activity is, in the provider's words (at most 8,000 characters)." + send);
        type.Field<ListGraphType<NonNullGraphType<IdGraphType>>>("themes").Description("The themes it addresses (Theme IDs)." + send);
        type.Field<ListGraphType<NonNullGraphType<IdGraphType>>>("targetGroups").Description("The groups it is for (TargetGroup IDs)." + send);
        type.Field<IntGraphType>("minimumAge").Description("The youngest age in years (0 or more)." + send);
        type.Field<IntGraphType>("maximumAge").Description("The oldest age in years (not below minimumAge)." + send);
        type.Field<ActivityLocationInputType>("location").Description("Where it takes place; null when it has no fixed place." + send);
        type.Field<ActivityCostInputType>("cost").Description("What taking part costs; null when unknown." + send);
        type.Field<IntGraphType>("capacity").Description("How many people can take part at a time (1 or more)." + send);
        type.Field<ListGraphType<NonNullGraphType<StringGraphType>>>("languages").Description("The languages it is given in, as ISO 639-1 codes (nl, en, ar …)." + send);
        type.Field<PreventionLevelType>("preventionLevel").Description("Whom the prevention is aimed at." + send);
        type.Field<EvidenceRecognitionType>("evidenceRecognition").Description("Its recognition in the national registry of interventions." + send);
        type.Field<DeliverySettingType>("deliverySetting").Description("Where it is delivered." + send);
    }

    /// <summary>Applies every detail the client sent to <paramref name="activity"/>, checking each; regions must lie in <paramref name="municipality"/>.</summary>
    public static async Task ApplyAsync<TInput>(MutationRun<TInput> run, Activity activity, Guid municipality)
        where TInput : ActivityDetailsInput
    {
        var input = run.Input;
        if (run.Given("name"))
        {
            activity.Name = run.Text(input.Name, "name", 300, required: true) ?? activity.Name;
        }

        if (run.Given("description"))
        {
            activity.Description = run.Text(input.Description, "description", 8000);
        }

        if (run.Given("themes"))
        {
            activity.Themes.ReplaceWith(await run.FindAllAsync<Theme>(input.Themes, "themes"));
        }

        if (run.Given("targetGroups"))
        {
            activity.TargetGroups.ReplaceWith(await run.FindAllAsync<TargetGroup>(input.TargetGroups, "targetGroups"));
        }

        if (run.Given("neighbourhoods"))
        {
            activity.Neighbourhoods.ReplaceWith(await run.RegionsWithinAsync(input.Neighbourhoods, municipality, "neighbourhoods", required: true));
        }

        activity.MinimumAge = run.Given("minimumAge") ? input.MinimumAge : activity.MinimumAge;
        activity.MaximumAge = run.Given("maximumAge") ? input.MaximumAge : activity.MaximumAge;
        run.Range(activity.MinimumAge, 0, "minimumAge", 150);
        run.Range(activity.MaximumAge, activity.MinimumAge ?? 0, "maximumAge", 150);
        if (run.Given("capacity"))
        {
            run.Range(input.Capacity, 1, "capacity");
            activity.Capacity = input.Capacity;
        }

        if (run.Given("languages"))
        {
            activity.Languages = Languages(run, input.Languages);
        }

        activity.PreventionLevel = run.Given("preventionLevel") ? input.PreventionLevel : activity.PreventionLevel;
        activity.EvidenceRecognition = run.Given("evidenceRecognition") ? input.EvidenceRecognition ?? EvidenceRecognition.None : activity.EvidenceRecognition;
        activity.DeliverySetting = run.Given("deliverySetting") ? input.DeliverySetting : activity.DeliverySetting;
        activity.Location = run.Given("location") ? Location(run, input.Location) : activity.Location;
        activity.Cost = run.Given("cost") ? Cost(run, input.Cost) : activity.Cost;
        if (run.Given("schedule"))
        {
            activity.Schedule = Schedule(run, input.Schedule) ?? activity.Schedule;
        }
    }

    private static List<string> Languages<TInput>(MutationRun<TInput> run, List<string>? codes)
        where TInput : MutationInput
    {
        var languages = (codes ?? []).Select(c => c.Trim().ToLowerInvariant()).Distinct().ToList();
        if (languages.Any(l => l.Length != 2 || !l.All(char.IsAsciiLetterLower)))
        {
            run.Fail(UserErrorCode.Invalid, "languages");
        }

        return languages;
    }

    private static ActivityLocation? Location<TInput>(MutationRun<TInput> run, ActivityLocationInput? input)
        where TInput : MutationInput
    {
        if (input is null)
        {
            return null;
        }

        Postcode? postcode = null;
        if (!string.IsNullOrWhiteSpace(input.Postcode) && !Postcode.TryParse(input.Postcode, out postcode))
        {
            run.Fail(UserErrorCode.Invalid, "location");
        }

        run.Range(input.Latitude, -90, "location", 90);
        run.Range(input.Longitude, -180, "location", 180);
        return new ActivityLocation
        {
            Street = run.Text(input.Street, "location", 200),
            HouseNumber = run.Text(input.HouseNumber, "location", 20),
            Postcode = postcode,
            Place = run.Text(input.Place, "location", 100, required: true) ?? string.Empty,
            Latitude = input.Latitude,
            Longitude = input.Longitude,
        };
    }

    private static ActivitySchedule? Schedule<TInput>(MutationRun<TInput> run, ActivityScheduleInput? input)
        where TInput : MutationInput
    {
        if (input is null)
        {
            run.Fail(UserErrorCode.Required, "schedule");
            return null;
        }

        run.Dates(input.StartsOn, input.EndsOn, "schedule");
        if ((input.Kind == ScheduleKind.OneOff && input.StartsOn is null) || (input.Kind == ScheduleKind.Recurring && input.Weekday is null))
        {
            run.Fail(UserErrorCode.Required, "schedule");
        }

        if (input.StartTime is { } from && input.EndTime is { } until && until < from)
        {
            run.Fail(UserErrorCode.DateOrder, "schedule");
        }

        return new ActivitySchedule
        {
            Kind = input.Kind,
            StartsOn = input.StartsOn,
            EndsOn = input.Kind == ScheduleKind.OneOff ? input.EndsOn ?? input.StartsOn : input.EndsOn,
            Weekday = input.Kind == ScheduleKind.Recurring ? input.Weekday : null,
            StartTime = input.StartTime,
            EndTime = input.EndTime,
        };
    }

    private static ActivityCost? Cost<TInput>(MutationRun<TInput> run, ActivityCostInput? input)
        where TInput : MutationInput
    {
        if (input is null)
        {
            return null;
        }

        if (input.IsFree && input.Fee is > 0)
        {
            run.Fail(UserErrorCode.Invalid, "cost");
        }

        return new ActivityCost { IsFree = input.IsFree, FeeCents = run.Cents(input.Fee, "cost"), FeeDescription = run.Text(input.FeeDescription, "cost", 500) };
    }
}
