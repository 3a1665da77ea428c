using Infrastructuur.Tests.Infrastructure;
using static Infrastructuur.Tests.Network.NetworkWorld;

namespace Infrastructuur.Tests.Mutations;

/// <summary>scheduleActivity, changeActivity, the status steps, verifyActivity and recordReach: happy paths and main user errors.</summary>
public abstract class ActivityMutationTests(Func<TestApp> app)
{
    private const string Activity = """
        activity { id name status version municipality { name } provider { __typename ... on Organisation { name } ... on Initiative { name } }
          minimumAge maximumAge capacity languages deliverySetting lastVerifiedOn totalReach
          location { street houseNumber postcode place } schedule { kind startsOn endsOn weekday startTime endTime } cost { isFree fee feeDescription }
          themes { id } targetGroups { id } neighbourhoods(first: 5) { nodes { name } } }
        """;

    [SkippableFact]
    public async Task Staff_schedule_an_activity_of_their_organisation_in_the_municipality_of_its_regions()
    {
        var w = await MutationWorld.CreateAsync(app());
        var activity = (await app().MutateAsync("scheduleActivity", new
        {
            provider = Id(w.Own.OrganisationA),
            name = "Voedingsles voor ouders",
            neighbourhoods = new[] { Id(w.Own.BuurtA) },
            schedule = new { kind = "RECURRING", weekday = "TUESDAY", startTime = "09:00:00", endTime = "10:30:00", startsOn = "2025-09-01" },
            location = new { street = "Schoolstraat", houseNumber = "12a", postcode = "3024ab", place = "Rotterdam" },
            cost = new { isFree = false, fee = "2.50", feeDescription = "per les" },
            minimumAge = 18,
            capacity = 12,
            languages = new[] { "NL", "ar" },
            deliverySetting = "AT_SCHOOL",
            themes = new[] { Id(w.Own.Theme) },
        }, w.Staff, Activity)).Succeeded("scheduleActivity")["activity"]!;

        Assert.Equal(("ACTIVE", 1, w.Own.Municipality.Name), (activity["status"]!.GetValue<string>(), activity["version"]!.GetValue<int>(), activity["municipality"]!["name"]!.GetValue<string>()));
        Assert.Equal(("Organisation", w.Own.OrganisationA.Name), (activity["provider"]!["__typename"]!.GetValue<string>(), activity["provider"]!["name"]!.GetValue<string>()));
        Assert.Equal("3024 AB", activity["location"]!["postcode"]!.GetValue<string>());
        Assert.Equal(("RECURRING", "TUESDAY"), (activity["schedule"]!["kind"]!.GetValue<string>(), activity["schedule"]!["weekday"]!.GetValue<string>()));
        Assert.Equal(2.50m, activity["cost"]!["fee"].Exact());
        Assert.Equal(["nl", "ar"], activity["languages"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal([Id(w.Own.Theme)], activity["themes"]!.AsArray().Select(t => t!["id"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Scheduling_refuses_invalid_details_and_regions_outside_the_providers_municipality()
    {
        var w = await MutationWorld.CreateAsync(app());
        async Task<string> Schedule(Caller caller, string provider, object? schedule = null, string[]? regions = null, object? location = null, int? minimumAge = null, int? maximumAge = null, string[]? languages = null) =>
            (await app().MutateAsync("scheduleActivity", new
            {
                provider,
                name = "Activiteit",
                neighbourhoods = regions ?? [Id(w.Own.BuurtA)],
                schedule = schedule ?? new { kind = "PERIOD" },
                location,
                minimumAge,
                maximumAge,
                languages,
            }, caller)).Outcome("scheduleActivity");

        var organisation = Id(w.Own.OrganisationA);
        var initiative = Id(w.Own.InitiativeA);
        Assert.Equal("MIXED_MUNICIPALITIES", await Schedule(w.Staff, organisation, regions: [Id(w.Own.BuurtA), Id(w.Other.BuurtB)]));
        Assert.Equal("OUTSIDE_SCOPE", await Schedule(w.Coordinator, initiative, regions: [Id(w.Other.BuurtA)]));
        Assert.Equal("INVALID", await Schedule(w.Staff, organisation, location: new { place = "Rotterdam", postcode = "0123 AB" }));
        Assert.Equal("OUT_OF_RANGE", await Schedule(w.Staff, organisation, minimumAge: 12, maximumAge: 4));
        Assert.Equal("REQUIRED", await Schedule(w.Staff, organisation, schedule: new { kind = "ONE_OFF" }));
        Assert.Equal("DATE_ORDER", await Schedule(w.Staff, organisation, schedule: new { kind = "PERIOD", startsOn = "2025-05-01", endsOn = "2025-04-01" }));
        Assert.Equal("INVALID", await Schedule(w.Staff, organisation, languages: ["dutch"]));
        Assert.Equal("INVALID", await Schedule(w.Staff, Id(w.Own.Theme)));
        Assert.Equal("NOT_FOUND", await Schedule(w.Staff, Id(w.Own.OrganisationB)));
    }

    [SkippableFact]
    public async Task Changing_an_activity_touches_only_what_was_sent_and_never_its_provider_or_municipality()
    {
        var w = await MutationWorld.CreateAsync(app());
        var created = await w.ActivityAsync(w.Own, initiative: w.Own.InitiativeA);
        var id = Id(created);
        var changed = (await app().MutateAsync("changeActivity", new { id, expectedVersion = 1, capacity = 30, location = new { place = "Spijkenisse" } }, w.Coordinator, Activity))
            .Succeeded("changeActivity")["activity"]!;
        Assert.Equal((30, "Spijkenisse", created.Name, 2), (changed["capacity"]!.GetValue<int>(), changed["location"]!["place"]!.GetValue<string>(), changed["name"]!.GetValue<string>(), changed["version"]!.GetValue<int>()));
        Assert.Equal("Initiative", changed["provider"]!["__typename"]!.GetValue<string>());

        var cleared = (await app().MutateAsync("changeActivity", new { id, expectedVersion = 2, location = (object?)null }, w.Coordinator, Activity)).Succeeded("changeActivity")["activity"]!;
        Assert.Null(cleared["location"]);
        Assert.Equal(30, cleared["capacity"]!.GetValue<int>());
        Assert.Equal("OUTSIDE_SCOPE", (await app().MutateAsync("changeActivity", new { id, expectedVersion = 3, neighbourhoods = new[] { Id(w.Other.BuurtA) } }, w.Coordinator)).Outcome("changeActivity"));
        Assert.Equal("CONFLICT", (await app().MutateAsync("changeActivity", new { id, expectedVersion = 1, capacity = 5 }, w.Coordinator)).Outcome("changeActivity"));
        Assert.Equal("OUT_OF_RANGE", (await app().MutateAsync("changeActivity", new { id, expectedVersion = 3, capacity = 0 }, w.Coordinator)).Outcome("changeActivity"));
        var provider = await app().QueryAsync("""{ __type(name: "ChangeActivityInput") { inputFields { name } } }""");
        Assert.DoesNotContain(provider.AssertOk().Data!["__type"]!["inputFields"]!.AsArray(), f => f!["name"]!.GetValue<string>() is "provider" or "municipality");
    }

    [SkippableFact]
    public async Task Activities_are_paused_verified_and_ended_and_their_reach_recorded()
    {
        var w = await MutationWorld.CreateAsync(app());
        var activity = await w.ActivityAsync(w.Own, organisation: w.Own.OrganisationA);
        var id = Id(activity);
        async Task<string> Act(string mutation, Caller caller, object? extra = null) =>
            (await app().MutateAsync(mutation, await w.VersionedInputAsync(activity, extra), caller)).Outcome(mutation);

        Assert.Equal("OK", await Act("pauseActivity", w.Staff));
        Assert.Equal("INVALID_TRANSITION", await Act("pauseActivity", w.Staff));
        Assert.Equal("OUT_OF_RANGE", await Act("verifyActivity", w.Official, new { verifiedOn = MutationWorld.Day(2) }));
        Assert.Equal("OK", await Act("verifyActivity", w.Official, new { verifiedOn = "2025-06-01" }));

        var reach = await app().MutateAsync("recordReach", new { activity = id, startsOn = "2025-07-01", endsOn = "2025-08-31", count = 1000, countingMethod = "REGISTRATION", targetGroup = (string?)null, neighbourhood = Id(w.Own.BuurtA), note = "zomer" }, w.Staff, "reachRecord { count activity { totalReach lastVerifiedOn status } }");
        var record = reach.Succeeded("recordReach")["reachRecord"]!;
        Assert.Equal((1000, 1000, "2025-06-01", "PAUSED"), (record["count"]!.GetValue<int>(), record["activity"]!["totalReach"]!.GetValue<int>(), record["activity"]!["lastVerifiedOn"]!.GetValue<string>(), record["activity"]!["status"]!.GetValue<string>()));
        Assert.Equal("OUT_OF_RANGE", (await app().MutateAsync("recordReach", new { activity = id, startsOn = "2025-07-01", endsOn = "2025-08-31", count = -1, countingMethod = "ESTIMATE" }, w.Staff)).Outcome("recordReach"));
        Assert.Equal("DATE_ORDER", (await app().MutateAsync("recordReach", new { activity = id, startsOn = "2025-09-01", endsOn = "2025-08-31", count = 1, countingMethod = "ESTIMATE" }, w.Staff)).Outcome("recordReach"));

        Assert.Equal("OK", await Act("endActivity", w.Official));
        Assert.Equal("INVALID_TRANSITION", await Act("endActivity", w.Staff));
    }
}

public sealed class SqliteActivityMutationTests(SqliteAppFixture fixture) : ActivityMutationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresActivityMutationTests(PostgresAppFixture fixture) : ActivityMutationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
