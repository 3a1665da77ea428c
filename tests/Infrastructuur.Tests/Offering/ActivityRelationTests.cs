using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Offering.OfferingWorld;

namespace Infrastructuur.Tests.Offering;

/// <summary>An activity's own fields and its relations, walked both ways.</summary>
public abstract class ActivityRelationTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Provider_resolves_to_an_organisation_or_an_initiative()
    {
        await using var world = await CreateAsync(app());
        world.Activity("by school");
        world.Activity("by initiative", a => (a.ProviderOrganisation, a.ProviderInitiative) = (null, world.Initiative));
        await world.SaveAsync();

        var response = await app().QueryAsync(
            """
            query($m: ID) { activities(first: 10, filterBy: {municipality: $m}) { nodes { name
              provider { __typename ... on Organisation { name kind } ... on Initiative { name status } } } } }
            """,
            new { m = Id(world.Municipality) });

        response.AssertOk();
        var nodes = response.Data!["activities"]!["nodes"]!.AsArray();
        var byInitiative = nodes.Single(n => n!["name"]!.GetValue<string>() == "by initiative")!["provider"]!;
        var bySchool = nodes.Single(n => n!["name"]!.GetValue<string>() == "by school")!["provider"]!;
        Assert.Equal("Initiative", byInitiative["__typename"]!.GetValue<string>());
        Assert.Equal(world.Initiative.Name, byInitiative["name"]!.GetValue<string>());
        Assert.Equal("ACTIVE", byInitiative["status"]!.GetValue<string>());
        Assert.Equal("Organisation", bySchool["__typename"]!.GetValue<string>());
        Assert.Equal(world.School.Name, bySchool["name"]!.GetValue<string>());
        Assert.Equal("SCHOOL", bySchool["kind"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task The_database_refuses_an_activity_with_two_providers_or_none()
    {
        await using var world = await CreateAsync(app());
        await world.SaveAsync();

        foreach (var (organisation, initiative) in new[] { (world.School.Id, (Guid?)world.Initiative.Id), (Guid.Empty, null) })
        {
            await using var db = await app().OpenDbAsync();
            db.Add(new Activity
            {
                Name = "invalid",
                MunicipalityId = world.Municipality.Id,
                ProviderOrganisationId = organisation == Guid.Empty ? null : organisation,
                ProviderInitiativeId = initiative,
            });
            await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());
        }
    }

    [SkippableFact]
    public async Task Reach_is_ordered_by_period_start_and_totalled_per_activity_in_one_request()
    {
        await using var world = await CreateAsync(app());
        var summer = world.Activity("summer");
        var quiet = world.Activity("quiet");
        world.Activity("no reach");
        summer.Reach =
        [
            Reach(new DateOnly(2026, 8, 1), 400, CountingMethod.Headcount),
            Reach(new DateOnly(2026, 6, 1), 250, CountingMethod.Registration),
            Reach(new DateOnly(2026, 7, 1), 350, CountingMethod.Estimate),
        ];
        summer.Reach[1].TargetGroup = world.SubGroup;
        summer.Reach[1].Neighbourhood = world.Buurt;
        quiet.Reach = [Reach(new DateOnly(2025, 1, 1), 7, CountingMethod.Survey)];
        await world.SaveAsync();

        var response = await app().QueryAsync(
            """
            query($m: ID) { activities(first: 10, filterBy: {municipality: $m}) { nodes { name totalReach
              reach(first: 2) { totalCount pageInfo { hasNextPage } nodes { startsOn endsOn count countingMethod targetGroup { code } neighbourhood { name } activity { name } } } } } }
            """,
            new { m = Id(world.Municipality) });

        response.AssertOk();
        var nodes = response.Data!["activities"]!["nodes"]!.AsArray().ToDictionary(n => n!["name"]!.GetValue<string>(), n => n!);
        Assert.Equal(1000, nodes["summer"]["totalReach"]!.GetValue<int>());
        Assert.Equal(7, nodes["quiet"]["totalReach"]!.GetValue<int>());
        Assert.Equal(0, nodes["no reach"]["totalReach"]!.GetValue<int>());

        var reach = nodes["summer"]["reach"]!;
        Assert.Equal(3, reach["totalCount"]!.GetValue<int>());
        Assert.True(reach["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var records = reach["nodes"]!.AsArray();
        Assert.Equal(["2026-06-01", "2026-07-01"], records.Select(r => r!["startsOn"]!.GetValue<string>()));
        Assert.Equal(250, records[0]!["count"]!.GetValue<int>());
        Assert.Equal("REGISTRATION", records[0]!["countingMethod"]!.GetValue<string>());
        Assert.Equal(world.SubGroup.Code, records[0]!["targetGroup"]!["code"]!.GetValue<string>());
        Assert.Equal(world.Buurt.Name, records[0]!["neighbourhood"]!["name"]!.GetValue<string>());
        Assert.Equal("summer", records[0]!["activity"]!["name"]!.GetValue<string>());
        Assert.Null(records[1]!["targetGroup"]);
        Assert.Equal(0, nodes["no reach"]["reach"]!["totalCount"]!.GetValue<int>());

        ReachRecord Reach(DateOnly start, int count, CountingMethod method) =>
            new() { PeriodStart = start, PeriodEnd = start.AddMonths(1).AddDays(-1), Count = count, CountingMethod = method };
    }

    [SkippableFact]
    public async Task Activities_of_several_neighbourhoods_in_one_request_are_each_their_own()
    {
        await using var world = await CreateAsync(app());
        world.Activity("district only", a => a.Neighbourhoods = [world.District]);
        world.Activity("buurt and other", a => a.Neighbourhoods = [world.Buurt, world.OtherDistrict]);
        world.Activity("buurt only", a => a.Neighbourhoods = [world.Buurt]);
        world.Activity("other only");
        await world.SaveAsync();

        var response = await app().QueryAsync(
            """
            query($ids: [ID!]!) { nodes(ids: $ids) { ... on Neighbourhood { name
              activities(first: 1) { totalCount pageInfo { hasNextPage } nodes { name } } } } }
            """,
            new { ids = new[] { Id(world.District), Id(world.Buurt), Id(world.OtherDistrict) } });

        response.AssertOk();
        var places = response.Data!["nodes"]!.AsArray();
        Assert.Equal(1, places[0]!["activities"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["district only"], Titles(places[0]!["activities"]!));
        Assert.False(places[0]!["activities"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(2, places[1]!["activities"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["buurt and other"], Titles(places[1]!["activities"]!));
        Assert.True(places[1]!["activities"]!["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        Assert.Equal(2, places[2]!["activities"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(["buurt and other"], Titles(places[2]!["activities"]!));
    }

    [SkippableFact]
    public async Task Organisations_initiatives_themes_and_target_groups_list_their_activities()
    {
        await using var world = await CreateAsync(app());
        world.Activity("provided", a =>
        {
            a.Partners = [world.Welfare];
            a.Themes = [world.SubTheme, world.OtherTheme];
            a.TargetGroups = [world.Group];
        });
        world.Activity("partnered", a => (a.ProviderOrganisation, a.Partners) = (world.Welfare, [world.School]));
        world.Activity("initiative's", a => (a.ProviderOrganisation, a.ProviderInitiative, a.Themes) = (null, world.Initiative, [world.Theme]));
        await world.SaveAsync();

        var response = await app().QueryAsync(
            """
            query($school: ID!, $initiative: ID!, $theme: ID!, $sub: ID!, $group: ID!) {
              school: node(id: $school) { ... on Organisation { activities(first: 5) { nodes { name } } partnerActivities(first: 5) { nodes { name } } } }
              initiative: node(id: $initiative) { ... on Initiative { activities(first: 5) { nodes { name } } } }
              theme: node(id: $theme) { ... on Theme { activities(first: 5) { nodes { name } } } }
              sub: node(id: $sub) { ... on Theme { activities(first: 5) { nodes { name themes { code } targetGroups { code } partners(first: 5) { nodes { name } } municipality { name } } } } }
              group: node(id: $group) { ... on TargetGroup { activities(first: 5) { nodes { name } } } }
            }
            """,
            new { school = Id(world.School), initiative = Id(world.Initiative), theme = Id(world.Theme), sub = Id(world.SubTheme), group = Id(world.Group) });

        response.AssertOk();
        var data = response.Data!;
        Assert.Equal(["provided"], Titles(data["school"]!["activities"]!));
        Assert.Equal(["partnered"], Titles(data["school"]!["partnerActivities"]!));
        Assert.Equal(["initiative's"], Titles(data["initiative"]!["activities"]!));
        Assert.Equal(["initiative's"], Titles(data["theme"]!["activities"]!));
        Assert.Equal(["provided"], Titles(data["group"]!["activities"]!));
        var provided = data["sub"]!["activities"]!["nodes"]![0]!;
        Assert.Equal([world.OtherTheme.Code, world.SubTheme.Code], provided["themes"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()));
        Assert.Equal([world.Group.Code], provided["targetGroups"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()));
        Assert.Equal([world.Welfare.Name], provided["partners"]!["nodes"]!.AsArray().Select(o => o!["name"]!.GetValue<string>()));
        Assert.Equal(world.Municipality.Name, provided["municipality"]!["name"]!.GetValue<string>());
    }

    [SkippableFact]
    public async Task Location_schedule_cost_and_classifications_round_trip()
    {
        await using var world = await CreateAsync(app());
        var stored = world.Activity("full", a =>
        {
            a.Description = "Everything filled in.";
            a.Location = new ActivityLocation { Street = "Middellandplein", HouseNumber = "1a", Postcode = Postcode.Parse("3021bt"), Place = "Rotterdam", Latitude = 51.917012m, Longitude = 4.460001m };
            a.Schedule = ActivitySchedule.Weekly(Weekday.Sunday, new TimeOnly(17, 30), new TimeOnly(19, 0), new DateOnly(2026, 1, 4));
            a.Cost = ActivityCost.Fee(350, "Pay what you can.");
            a.Capacity = 60;
            a.Languages = ["nl", "ar"];
            a.PreventionLevel = PreventionLevel.Selective;
            a.EvidenceRecognition = EvidenceRecognition.EffectiveGoodIndications;
            a.DeliverySetting = DeliverySetting.CommunityCentre;
            a.LastVerifiedOn = new DateOnly(2026, 10, 1);
            (a.MinimumAge, a.MaximumAge) = (6, 12);
        });
        world.Activity("online");
        await world.SaveAsync();

        var response = await app().QueryAsync(
            """
            query($id: ID!, $m: ID) {
              activity(id: $id) { name description status minimumAge maximumAge capacity languages preventionLevel evidenceRecognition deliverySetting lastVerifiedOn
                location { street houseNumber postcode place latitude longitude }
                schedule { kind startsOn endsOn weekday startTime endTime }
                cost { isFree fee feeDescription } }
              activities(first: 5, filterBy: {municipality: $m, text: "online"}) { nodes { location { place } cost { isFree } evidenceRecognition languages } }
            }
            """,
            new { id = Id(stored), m = Id(world.Municipality) });

        response.AssertOk();
        var activity = response.Data!["activity"]!;
        Assert.Equal("3021 BT", activity["location"]!["postcode"]!.GetValue<string>());
        Assert.Equal("1a", activity["location"]!["houseNumber"]!.GetValue<string>());
        Assert.Equal(51.917012m, activity["location"]!["latitude"]!.GetValue<decimal>());
        Assert.Equal("RECURRING", activity["schedule"]!["kind"]!.GetValue<string>());
        Assert.Equal("SUNDAY", activity["schedule"]!["weekday"]!.GetValue<string>());
        Assert.Equal("2026-01-04", activity["schedule"]!["startsOn"]!.GetValue<string>());
        Assert.Null(activity["schedule"]!["endsOn"]);
        Assert.StartsWith("17:30", activity["schedule"]!["startTime"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.False(activity["cost"]!["isFree"]!.GetValue<bool>());
        Assert.Equal(3.5m, activity["cost"]!["fee"].Exact());
        Assert.Equal(["nl", "ar"], activity["languages"]!.AsArray().Select(l => l!.GetValue<string>()));
        Assert.Equal("SELECTIVE", activity["preventionLevel"]!.GetValue<string>());
        Assert.Equal("EFFECTIVE_GOOD_INDICATIONS", activity["evidenceRecognition"]!.GetValue<string>());
        Assert.Equal("COMMUNITY_CENTRE", activity["deliverySetting"]!.GetValue<string>());
        Assert.Equal("2026-10-01", activity["lastVerifiedOn"]!.GetValue<string>());

        var bare = response.Data!["activities"]!["nodes"]![0]!;
        Assert.Null(bare["location"]);
        Assert.Null(bare["cost"]);
        Assert.Equal("NONE", bare["evidenceRecognition"]!.GetValue<string>());
        Assert.Empty(bare["languages"]!.AsArray());
    }

    [SkippableFact]
    public async Task An_activity_id_of_another_type_is_a_bad_request_and_an_unknown_one_is_null()
    {
        await using var world = await CreateAsync(app());
        await world.SaveAsync();

        var wrongType = await app().QueryAsync("query($id: ID!) { activity(id: $id) { name } }", new { id = Id(world.School) });
        Assert.Equal("BAD_REQUEST", wrongType.FirstErrorCode);

        var unknown = await app().QueryAsync("query($id: ID!) { activity(id: $id) { name } }", new { id = GlobalId.Encode(nameof(Activity), Guid.CreateVersion7()) });
        Assert.Null(unknown.Data!["activity"]);
    }
}

public sealed class SqliteActivityRelationTests(SqliteAppFixture fixture) : ActivityRelationTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresActivityRelationTests(PostgresAppFixture fixture) : ActivityRelationTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
