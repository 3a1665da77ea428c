using GraphQL;
using GraphQL.Types;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Network;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Signals;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Activities;

public sealed class ActivityStatusType() : DescribedEnumType<ActivityStatus>("Whether an activity is on offer.");

public sealed class PreventionLevelType() : DescribedEnumType<PreventionLevel>("Whom prevention is aimed at: everyone, groups at risk, or people with first signs.");

public sealed class EvidenceRecognitionType() : DescribedEnumType<EvidenceRecognition>("The recognition level of an intervention in the Dutch national registry (Erkenningscommissie Interventies).");

public sealed class DeliverySettingType() : DescribedEnumType<DeliverySetting>("Where an activity is delivered.");

public sealed class ScheduleKindType() : DescribedEnumType<ScheduleKind>("The shape of an activity's schedule.");

public sealed class WeekdayType() : DescribedEnumType<Weekday>("A day of the week.");

public sealed class CountingMethodType() : DescribedEnumType<CountingMethod>("How a reach figure was counted.");

public sealed class ActivityLocationType : ObjectGraphType<ActivityLocation>
{
    public ActivityLocationType()
    {
        Name = "ActivityLocation";
        Description = "Where an activity takes place: a Dutch address with coordinates (HSDS location).";
        this.DefaultPolicy(Policies.Public);
        Field(l => l.Street, nullable: true).Description("The street name.");
        Field(l => l.HouseNumber, nullable: true).Description("The house number with any addition, e.g. 12a.");
        Field<StringGraphType>("postcode").Description("The postcode in the form 1234 AB.").Resolve(ctx => ctx.Source.Postcode?.Value);
        Field(l => l.Place).Description("The place (woonplaats), e.g. Spijkenisse.");
        Field<FloatGraphType>("latitude").Description("Latitude in WGS 84 degrees.").Resolve(ctx => (double?)ctx.Source.Latitude);
        Field<FloatGraphType>("longitude").Description("Longitude in WGS 84 degrees.").Resolve(ctx => (double?)ctx.Source.Longitude);
    }
}

public sealed class ActivityScheduleType : ObjectGraphType<ActivitySchedule>
{
    public ActivityScheduleType()
    {
        Name = "ActivitySchedule";
        Description = "When an activity takes place (HSDS schedule): once, during a period, or weekly.";
        this.DefaultPolicy(Policies.Public);
        Field<NonNullGraphType<ScheduleKindType>>("kind").Description("One-off, period or weekly.").FromColumn(x => x.Kind);
        Field(s => s.StartsOn, nullable: true).Description("The first day (the day itself for a one-off); null when it has always run.");
        Field(s => s.EndsOn, nullable: true).Description("The last day; null when open-ended.");
        Field<WeekdayType>("weekday").Description("For a weekly activity: the day of the week.").FromColumn(x => x.Weekday);
        Field(s => s.StartTime, nullable: true).Description("The local time it starts (Europe/Amsterdam).");
        Field(s => s.EndTime, nullable: true).Description("The local time it ends (Europe/Amsterdam).");
    }
}

public sealed class ActivityCostType : ObjectGraphType<ActivityCost>
{
    public ActivityCostType()
    {
        Name = "ActivityCost";
        Description = "What taking part in an activity costs.";
        this.DefaultPolicy(Policies.Public);
        Field(c => c.IsFree).Description("True when taking part is free.");
        Field<MoneyGraphType>("fee").Description("The fee in euros (exact), if there is one.").Resolve(ctx => MoneyGraphType.ToEuros(ctx.Source.FeeCents));
        Field(c => c.FeeDescription, nullable: true).Description("What the fee covers, or who pays less.");
    }
}

public sealed class ActivityType : ObjectGraphType<Activity>
{
    public ActivityType()
    {
        Description = "A piece of prevention offering (HSDS service): what, for whom, where, when, by whom and whom it reached.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<NonNullGraphType<StringGraphType>>("name").Description("The activity's name.").FromColumn(x => x.Name);
        Field(a => a.Description, nullable: true).Description("What the activity is, in the provider's words.");
        Field<NonNullGraphType<ActivityStatusType>>("status").Description("Whether the activity is on offer.").FromColumn(x => x.Status);
        Field<NonNullGraphType<MunicipalityType>>("municipality")
            .Description("The municipality the activity is registered in.")
            .Joins(a => a.Municipality, a => a.MunicipalityId);
        Field<NonNullGraphType<PartyType>>("provider")
            .Description("Who provides the activity: an organisation or a residents' initiative.")
            .AlsoJoins(a => a.ProviderOrganisation, a => a.ProviderOrganisationId)
            .AlsoJoins(a => a.ProviderInitiative, a => a.ProviderInitiativeId)
            .Resolve(ctx => ctx.Source.ProviderOrganisationId is not null
                ? ctx.Reference(ctx.Source.ProviderOrganisation, ctx.Source.ProviderOrganisationId)
                : ctx.Reference(ctx.Source.ProviderInitiative, ctx.Source.ProviderInitiativeId));
        Field<NonNullGraphType<ConnectionType<OrganisationType>>>("partners")
            .Description("Organisations that take part without being the provider, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => a => a.Partners, OrganisationType.ByName));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ThemeType>>>>("themes")
            .Description("The themes the activity addresses, by Dutch name.")
            .Reads().Resolve(ctx => ctx.Loader<ThemesByActivity>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TargetGroupType>>>>("targetGroups")
            .Description("The groups of people the activity is for, by Dutch name.")
            .Reads().Resolve(ctx => ctx.Loader<TargetGroupsByActivity>().Load(ctx.Source.Id).Then(list => list ?? []));
        Field(a => a.MinimumAge, nullable: true).Description("The youngest age in years the activity is for; null when there is no lower bound.");
        Field(a => a.MaximumAge, nullable: true).Description("The oldest age in years the activity is for; null when there is no upper bound.");
        Field<NonNullGraphType<ConnectionType<NeighbourhoodType>>>("neighbourhoods")
            .Description("The regions the activity serves, by name.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(_ => a => a.Neighbourhoods, NeighbourhoodType.ByName));
        Field<ActivityLocationType>("location").Description("Where it takes place; null when it has no fixed place (online, at home).").FromColumn(x => x.Location);
        Field<NonNullGraphType<ActivityScheduleType>>("schedule").Description("When it takes place.").FromColumn(x => x.Schedule);
        Field<ActivityCostType>("cost").Description("What taking part costs; null when unknown.").FromColumn(x => x.Cost);
        Field(a => a.Capacity, nullable: true).Description("How many people can take part at a time, if limited.");
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("languages")
            .Description("The languages it is given in, as ISO 639-1 codes (nl, en, ar, tr …).")
            .FromColumn(x => x.Languages);
        Field<PreventionLevelType>("preventionLevel").Description("Whom the prevention is aimed at, if classified.").FromColumn(x => x.PreventionLevel);
        Field<NonNullGraphType<EvidenceRecognitionType>>("evidenceRecognition").Description("Its recognition in the national registry of interventions; NONE when not recognised.").FromColumn(x => x.EvidenceRecognition);
        Field<DeliverySettingType>("deliverySetting").Description("Where it is delivered, if known.").FromColumn(x => x.DeliverySetting);
        Field(a => a.LastVerifiedOn, nullable: true).Description("The day someone last checked this information with the provider.");
        Field(a => a.ModifiedAt).Description("When the record last changed (UTC).");
        Field<DateOnlyGraphType>("nextOccursOn")
            .Description("The first day on or after `from` on which the activity takes place by its schedule: a one-off or a period on every day from its first to its last day, "
                + "a weekly activity on its weekday within its period (open ends are open). Null when it never takes place again. The schedule alone counts, not the status: "
                + "filter on statuses [ACTIVE] for what is on offer.")
            .Argument<DateOnlyGraphType>("from", "The day to look from; today in Europe/Amsterdam when left out.")
            .Reads(a => a.Schedule)
            .Resolve(ctx => NextOccurrence.Of(ctx.Source, ctx.GetArgument<DateOnly?>("from") ?? NextOccurrence.Today()));
        Field<FloatGraphType>("distanceKm")
            .Description("The distance in kilometres from the given point to the activity's location; null when it has no coordinates. "
                + "Equirectangular, as filterBy.near and the DISTANCE order compute it: within a fraction of a percent of the great-circle distance at city scale.")
            .Argument<NonNullGraphType<FloatGraphType>>("latitude", "The point's latitude in WGS 84 degrees, -90 to 90.")
            .Argument<NonNullGraphType<FloatGraphType>>("longitude", "The point's longitude in WGS 84 degrees, -180 to 180.")
            .Reads(a => a.Location)
            .Resolve(ctx => Nearby.At(ctx.GetArgument<double>("latitude"), ctx.GetArgument<double>("longitude"), "distanceKm").KmTo(ctx.Source.Location));
        Field<NonNullGraphType<ConnectionType<ReachRecordType>>>("reach")
            .Description("How many people the activity reached, per period (by period start), target group and region.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => a => db.ReachRecords.Where(r => r.ActivityId == a.Id), ReachRecordType.ByPeriodStart));
        Field<NonNullGraphType<IntGraphType>>("totalReach")
            .Description("The sum of all reach records' counts; people counted in several records (periods, groups, regions) count more than once.")
            .Reads().Resolve(ctx => ctx.Loader<TotalReachByActivity>().Load(ctx.Source.Id));
        Field<NonNullGraphType<ConnectionType<SignalType>>>("respondsTo")
            .Description("The signals of observed needs this activity was started or changed in response to (linkSignalResponse), most recently observed first. "
                + "Only signals you may see (see Signal): anyone else gets an empty list, with totalCount 0.")
            .PagingArguments()
            .Reads().Resolve(ctx => ctx.PageChildren(db => a => db.SignalResponses.Where(r => r.ActivityId == a.Id).Join(db.Signals, r => r.SignalId, s => s.Id, (_, s) => s), SignalType.ByObservedOn));
        this.AddViewerCanEdit("activity", "changeActivity", EditScopes.ToEdit);
        this.AddChangeHistory(HistoryReaders.Activity);
    }
}

public sealed class ReachRecordType : ObjectGraphType<ReachRecord>
{
    public static readonly KeysetOrder<ReachRecord, DateOnly> ByPeriodStart = new("periodStart", r => r.PeriodStart);

    public ReachRecordType()
    {
        Description = "How many people an activity reached in a period, for one target group and region when given.";
        this.DefaultPolicy(Policies.Public);
        this.AsNode();
        Field<NonNullGraphType<ActivityType>>("activity")
            .Description("The activity that reached them.")
            .Reads(x => x.ActivityId).Resolve(ctx => ctx.LoadSelectedById<Activity>(ctx.Source.ActivityId));
        Field<NonNullGraphType<DateOnlyGraphType>>("startsOn").Description("The first day of the period counted.").FromColumn(r => r.PeriodStart);
        Field<NonNullGraphType<DateOnlyGraphType>>("endsOn").Description("The last day of the period counted.").FromColumn(r => r.PeriodEnd);
        Field<TargetGroupType>("targetGroup")
            .Description("The target group counted; null when the count covers everyone reached.")
            .Reads(x => x.TargetGroupId).Resolve(ctx => ctx.LoadSelectedById<TargetGroup>(ctx.Source.TargetGroupId));
        Field<NeighbourhoodType>("neighbourhood")
            .Description("The region the people counted come from; null when not broken down by region.")
            .Reads(x => x.NeighbourhoodId).Resolve(ctx => ctx.LoadSelectedById<Neighbourhood>(ctx.Source.NeighbourhoodId));
        Field(r => r.Count).Description("How many people were reached.");
        Field<NonNullGraphType<CountingMethodType>>("countingMethod").Description("How they were counted.").FromColumn(x => x.CountingMethod);
        Field(r => r.Note, nullable: true).Description("A remark on the figure, e.g. what was counted as one person.");
    }
}

/// <summary>Each activity's themes, for a whole page of activities in one query.</summary>
public sealed class ThemesByActivity(IDbContextFactory<InfrastructuurDb> factory) : TermsByOwner<Activity, Theme>(factory, a => a.Themes);

/// <summary>Each activity's target groups, for a whole page of activities in one query.</summary>
public sealed class TargetGroupsByActivity(IDbContextFactory<InfrastructuurDb> factory) : TermsByOwner<Activity, TargetGroup>(factory, a => a.TargetGroups);

/// <summary>Each activity's total reach, for a whole page of activities in one GROUP BY.</summary>
public sealed class TotalReachByActivity(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, int>
{
    protected override async Task<IReadOnlyDictionary<Guid, int>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        return await db.ReachRecords.Where(r => keys.Contains(r.ActivityId))
            .GroupBy(r => r.ActivityId)
            .Select(g => new { ActivityId = g.Key, Total = g.Sum(r => r.Count) })
            .ToDictionaryAsync(t => t.ActivityId, t => t.Total, cancellationToken);
    }
}
