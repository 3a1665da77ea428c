using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using static Infrastructuur.Tests.Offering.OfferingWorld;

namespace Infrastructuur.Tests.Offering;

/// <summary>"What's next near me": Activity.nextOccursOn, filterBy.near, distanceKm and the NEXT_OCCURRENCE and DISTANCE orders.</summary>
public abstract class WhatsOnTests(Func<TestApp> app)
{
    private const string PageQuery = """
        query($f: ActivityFilter, $o: ActivityOrder, $first: Int, $after: String, $last: Int, $before: String) {
          activities(first: $first, after: $after, last: $last, before: $before, filterBy: $f, orderBy: $o) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id name nextOccursOn }
          }
        }
        """;

    // Rotterdam Centraal; the test's points lie east and north of it at distances far from each other and from the radius.
    private const double Latitude = 51.9244;
    private const double Longitude = 4.4695;

    [SkippableFact]
    public async Task NextOccurrence_follows_one_off_period_and_weekly_schedules_at_their_edge_days()
    {
        await using var world = await CreateAsync(app());
        var from = new DateOnly(2026, 3, 4); // a Wednesday
        var cases = new (string Name, ActivitySchedule Schedule, DateOnly? Expected)[]
        {
            ("one-off on the day", ActivitySchedule.OneOff(from), from),
            ("one-off the day before", ActivitySchedule.OneOff(from.AddDays(-1)), null),
            ("one-off without end day, the day before", new ActivitySchedule { Kind = ScheduleKind.OneOff, StartsOn = from.AddDays(-1) }, null),
            ("one-off the day after", ActivitySchedule.OneOff(from.AddDays(1)), from.AddDays(1)),
            ("multi-day one-off around the day", ActivitySchedule.OneOff(from.AddDays(-1), lastDay: from.AddDays(1)), from),
            ("period always", ActivitySchedule.Period(null, null), from),
            ("period ending the day before", ActivitySchedule.Period(from.AddDays(-30), from.AddDays(-1)), null),
            ("period ending on the day", ActivitySchedule.Period(from.AddDays(-30), from), from),
            ("period starting later", ActivitySchedule.Period(from.AddDays(10), null), from.AddDays(10)),
            ("weekly on the day's weekday", ActivitySchedule.Weekly(Weekday.Wednesday, new(10, 0), new(11, 0), new(2019, 1, 1)), from),
            ("weekly the day before's weekday", ActivitySchedule.Weekly(Weekday.Tuesday, new(10, 0), new(11, 0)), from.AddDays(6)),
            ("weekly on Sunday", ActivitySchedule.Weekly(Weekday.Sunday, new(10, 0), new(11, 0)), from.AddDays(4)),
            ("weekly on Monday, ending the Sunday before", ActivitySchedule.Weekly(Weekday.Monday, new(10, 0), new(11, 0), null, from.AddDays(4)), null),
            ("weekly on Monday, ending on that Monday", ActivitySchedule.Weekly(Weekday.Monday, new(10, 0), new(11, 0), null, from.AddDays(5)), from.AddDays(5)),
            ("weekly on Friday, starting a Monday later", ActivitySchedule.Weekly(Weekday.Friday, new(10, 0), new(11, 0), new(2026, 3, 16)), new DateOnly(2026, 3, 20)),
            ("weekly on Sunday, starting on a Sunday", ActivitySchedule.Weekly(Weekday.Sunday, new(10, 0), new(11, 0), new(2026, 3, 22)), new DateOnly(2026, 3, 22)),
            ("weekly without weekday", new ActivitySchedule { Kind = ScheduleKind.Recurring, StartsOn = from.AddDays(2) }, from.AddDays(2)),
        };
        foreach (var (name, schedule, _) in cases)
        {
            world.Activity(name, a => a.Schedule = schedule);
        }

        await world.SaveAsync();

        var response = await app().QueryAsync(
            "query($f: ActivityFilter, $from: Date) { activities(first: 100, filterBy: $f) { nodes { name nextOccursOn(from: $from) } } }",
            new { f = new { municipality = Id(world.Municipality) }, from = from.ToString("O", CultureInfo.InvariantCulture) });
        response.AssertOk();
        var actual = response.Data!["activities"]!["nodes"]!.AsArray().ToDictionary(n => n!["name"]!.GetValue<string>(), n => n!["nextOccursOn"]?.GetValue<string>());
        foreach (var (name, schedule, expected) in cases)
        {
            Assert.Equal(Oracle(schedule, from), expected); // the hand-written case agrees with the day-by-day reading
            Assert.True(actual[name] == expected?.ToString("O", CultureInfo.InvariantCulture), $"{name}: expected {expected?.ToString("O", CultureInfo.InvariantCulture) ?? "null"}, got {actual[name] ?? "null"}");
        }
    }

    [SkippableTheory]
    [InlineData("ASC")]
    [InlineData("DESC")]
    public async Task NEXT_OCCURRENCE_pages_forward_and_backward_in_the_order_of_the_next_day_without_repeats_or_skips(string direction)
    {
        await using var world = await CreateAsync(app());
        var today = NextOccurrence.Today();
        var weekday = (Weekday)(((int)today.DayOfWeek + 6) % 7 + 1);
        var schedules = new[]
        {
            ActivitySchedule.Weekly(Weekday.Monday, new(9, 0), new(10, 0), new(2019, 1, 7)), // since 2019: STARTS_ON puts it first
            ActivitySchedule.Weekly(weekday, new(9, 0), new(10, 0)),
            ActivitySchedule.Weekly(Weekday.Saturday, new(9, 0), new(10, 0), today.AddDays(8)),
            ActivitySchedule.OneOff(today.AddDays(3)),
            ActivitySchedule.OneOff(today.AddDays(3)),
            ActivitySchedule.OneOff(today.AddDays(-2)),
            ActivitySchedule.Period(today.AddDays(-100), today.AddDays(-1)),
            ActivitySchedule.Period(null, null),
            ActivitySchedule.Period(today.AddDays(1), today.AddDays(5)),
            ActivitySchedule.Period(today.AddDays(40), null),
            ActivitySchedule.Weekly(Weekday.Thursday, new(9, 0), new(10, 0), null, today.AddDays(2)),
        };
        var activities = schedules.Select((s, i) => world.Activity($"activity {i}", a => a.Schedule = s)).ToList();
        await world.SaveAsync();

        // The promised order, worked out here day by day: the next day (never again last), then the ID as the database compares it.
        var ordered = activities
            .Select(a => (Id: GlobalId.Encode(nameof(Activity), a.Id), Raw: a.Id.ToString("N"), Day: Oracle(a.Schedule, today) ?? DateOnly.MaxValue))
            .OrderBy(x => x.Day).ThenBy(x => x.Raw, StringComparer.Ordinal).Select(x => x.Id).ToList();
        if (direction == "DESC")
        {
            ordered.Reverse();
        }

        var filter = new { municipality = Id(world.Municipality) };
        var order = new { field = "NEXT_OCCURRENCE", direction };
        var forward = new List<string>();
        string? after = null;
        do
        {
            var page = await PageAsync(new { f = filter, o = order, first = 3, after });
            Assert.Equal(activities.Count, page["totalCount"]!.GetValue<int>());
            forward.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            foreach (var node in page["nodes"]!.AsArray())
            {
                var activity = activities.Single(a => GlobalId.Encode(nameof(Activity), a.Id) == node!["id"]!.GetValue<string>());
                Assert.Equal(Oracle(activity.Schedule, today)?.ToString("O", CultureInfo.InvariantCulture), node!["nextOccursOn"]?.GetValue<string>());
            }

            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(ordered, forward);

        var backward = new List<string>();
        string? before = null;
        do
        {
            var page = await PageAsync(new { f = filter, o = order, last = 4, before });
            backward.InsertRange(0, page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            before = page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>() ? page["pageInfo"]!["startCursor"]!.GetValue<string>() : null;
        }
        while (before is not null);

        Assert.Equal(ordered, backward);

        // A cursor of another ordering does not fit.
        var byName = await PageAsync(new { f = filter, first = 1 });
        var response = await app().QueryAsync(PageQuery, new { f = filter, o = order, first = 1, after = byName["pageInfo"]!["endCursor"]!.GetValue<string>() });
        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
    }

    [SkippableFact]
    public async Task A_NEXT_OCCURRENCE_cursor_goes_on_from_the_day_its_first_page_was_taken_on()
    {
        await using var world = await CreateAsync(app());
        var today = NextOccurrence.Today();
        world.Activity("five days ago", a => a.Schedule = ActivitySchedule.OneOff(today.AddDays(-5)));
        world.Activity("in five days", a => a.Schedule = ActivitySchedule.OneOff(today.AddDays(5)));
        await world.SaveAsync();
        var filter = new { municipality = Id(world.Municipality) };
        var order = new { field = "NEXT_OCCURRENCE" };
        Assert.Equal(["in five days", "five days ago"], Titles(await PageAsync(new { f = filter, o = order, first = 5 })));

        // A cursor as the API hands out on a first page taken ten days ago, before every row (the lowest key and ID):
        // from that day, the one-off of five days ago was still to come, so it comes first.
        var then = today.AddDays(-10);
        var cursor = Base64Url.EncodeToString(Encoding.UTF8.GetBytes(
            $"nextOccurrence@{then.ToString("O", CultureInfo.InvariantCulture)}\n{Guid.Empty:N}\n{then.DayNumber.ToString(CultureInfo.InvariantCulture)}"));
        var page = await PageAsync(new { f = filter, o = order, first = 5, after = cursor });
        Assert.Equal(["five days ago", "in five days"], Titles(page));
    }

    [SkippableFact]
    public async Task Near_keeps_activities_within_the_radius_and_DISTANCE_pages_them_nearest_first()
    {
        await using var world = await CreateAsync(app());

        // (name, km east, km north): the distances differ by far more than the approximation's error.
        var points = new (string Name, double East, double North)[] { ("2 km", 0, 2), ("0.5 km", 0.3, 0.4), ("6 km", -3.6, 4.8), ("9 km", 9, 0), ("4 km", -4, 0), ("14 km", 0, -14) };
        foreach (var (name, east, north) in points)
        {
            var (latitude, longitude) = Offset(east, north);
            world.Activity(name, a => a.Location = new ActivityLocation { Place = "Rotterdam", Latitude = latitude, Longitude = longitude });
        }

        world.Activity("no coordinates", a => a.Location = new ActivityLocation { Place = "Rotterdam" });
        world.Activity("no location");
        await world.SaveAsync();

        var near = new { latitude = Latitude, longitude = Longitude, withinKm = 10 };
        var filter = new { municipality = Id(world.Municipality), near };
        var expected = points.Select(p => (p.Name, Km: Haversine(p.East, p.North))).Where(p => p.Km <= 10).OrderBy(p => p.Km).Select(p => p.Name).ToList();
        Assert.Equal(["0.5 km", "2 km", "4 km", "6 km", "9 km"], expected);

        // Filtered by name order: the circle alone.
        Assert.Equal(expected.Order(StringComparer.Ordinal), await world.TitlesAsync(new { near }), StringComparer.Ordinal);

        var names = new List<string>();
        string? after = null;
        do
        {
            var response = await app().QueryAsync(
                "query($f: ActivityFilter, $after: String, $lat: Float!, $lon: Float!) { activities(first: 2, after: $after, filterBy: $f, orderBy: {field: DISTANCE}) { totalCount pageInfo { hasNextPage endCursor } nodes { name distanceKm(latitude: $lat, longitude: $lon) } } }",
                new { f = filter, after, lat = Latitude, lon = Longitude });
            response.AssertOk();
            var page = response.Data!["activities"]!;
            Assert.Equal(expected.Count, page["totalCount"]!.GetValue<int>());
            foreach (var node in page["nodes"]!.AsArray())
            {
                var name = node!["name"]!.GetValue<string>();
                var point = points.Single(p => p.Name == name);
                var km = node["distanceKm"]!.GetValue<double>();
                Assert.InRange(km, Haversine(point.East, point.North) * 0.995, Haversine(point.East, point.North) * 1.005);
                names.Add(name);
            }

            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(expected, names);

        var farthest = await app().QueryAsync(
            "query($f: ActivityFilter) { activities(first: 1, filterBy: $f, orderBy: {field: DISTANCE, direction: DESC}) { nodes { name } } }",
            new { f = filter });
        farthest.AssertOk();
        Assert.Equal("9 km", farthest.Data!["activities"]!["nodes"]![0]!["name"]!.GetValue<string>());
    }

    [SkippableTheory]
    [InlineData("{field: DISTANCE}", null, "filterBy.near")]
    [InlineData("{field: NAME}", "{latitude: 91, longitude: 4.5, withinKm: 5}", "latitude")]
    [InlineData("{field: NAME}", "{latitude: 51.9, longitude: -180.5, withinKm: 5}", "longitude")]
    [InlineData("{field: NAME}", "{latitude: 51.9, longitude: 4.5, withinKm: 50.5}", "withinKm")]
    [InlineData("{field: NAME}", "{latitude: 51.9, longitude: 4.5, withinKm: 0}", "withinKm")]
    [InlineData("{field: DISTANCE}", "{latitude: -90.01, longitude: 4.5, withinKm: 5}", "latitude")]
    public async Task Bad_near_input_and_DISTANCE_without_near_are_bad_requests(string order, string? near, string mentioned)
    {
        var filter = near is null ? "{statuses: [ACTIVE]}" : $"{{near: {near}}}";
        var response = await app().QueryAsync($"{{ activities(first: 5, filterBy: {filter}, orderBy: {order}) {{ nodes {{ id }} }} }}");
        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
        Assert.Contains(mentioned, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task DistanceKm_is_null_without_coordinates_and_checks_its_point()
    {
        await using var world = await CreateAsync(app());
        world.Activity("located", a => a.Location = new ActivityLocation { Place = "Rotterdam", Latitude = 51.92m, Longitude = 4.47m });
        world.Activity("unlocated", a => a.Location = new ActivityLocation { Place = "Rotterdam" });
        await world.SaveAsync();
        var ok = await app().QueryAsync(
            "query($f: ActivityFilter) { activities(first: 5, filterBy: $f) { nodes { name distanceKm(latitude: 51.92, longitude: 4.47) } } }",
            new { f = new { municipality = Id(world.Municipality) } });
        ok.AssertOk();
        var nodes = ok.Data!["activities"]!["nodes"]!.AsArray();
        Assert.Equal(0.0, nodes.Single(n => n!["name"]!.GetValue<string>() == "located")!["distanceKm"]!.GetValue<double>(), 6);
        Assert.Null(nodes.Single(n => n!["name"]!.GetValue<string>() == "unlocated")!["distanceKm"]);

        var response = await app().QueryAsync(
            "query($f: ActivityFilter) { activities(first: 1, filterBy: $f) { nodes { distanceKm(latitude: 95, longitude: 4.5) } } }",
            new { f = new { municipality = Id(world.Municipality) } });
        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
    }

    [SkippableTheory]
    [InlineData("NEXT_OCCURRENCE", "CASE")]
    [InlineData("DISTANCE", "*")]
    public async Task The_computed_orders_sort_and_limit_in_the_page_statement(string field, string computed)
    {
        await using var world = await CreateAsync(app());
        for (var i = 0; i < 4; i++)
        {
            var day = NextOccurrence.Today().AddDays(i);
            world.Activity($"activity {i}", a => (a.Schedule, a.Location) = (ActivitySchedule.OneOff(day), new ActivityLocation { Place = "Rotterdam", Latitude = 51.92m + (i / 100m), Longitude = 4.47m }));
        }

        await world.SaveAsync();
        using var sql = await SqlStatements.RecordAsync(app());
        var page = await PageAsync(new { f = new { municipality = Id(world.Municipality), near = new { latitude = 51.92, longitude = 4.47, withinKm = 20 } }, o = new { field }, first = 2 });
        Assert.Equal(["activity 0", "activity 1"], Titles(page));

        // One statement for the page (the count is another), ordering by the expression and taking 3 rows: no row is sorted in memory.
        var statement = Assert.Single(sql.All, s => s.Contains("ORDER BY", StringComparison.Ordinal));
        var orderBy = statement[statement.LastIndexOf("ORDER BY", StringComparison.Ordinal)..];
        Assert.Contains(computed, orderBy, StringComparison.Ordinal);
        Assert.Contains("LIMIT", orderBy, StringComparison.Ordinal);
    }

    private async Task<JsonNode> PageAsync(object variables)
    {
        var response = await app().QueryAsync(PageQuery, variables);
        response.AssertOk();
        return response.Data!["activities"]!;
    }

    // The first day on or after `from` that the schedule covers, read the plain way: try each day of the next two years.
    private static DateOnly? Oracle(ActivitySchedule s, DateOnly from)
    {
        var last = s.EndsOn ?? (s.Kind == ScheduleKind.OneOff ? s.StartsOn : null);
        for (var day = from; day < from.AddYears(2); day = day.AddDays(1))
        {
            var inPeriod = (s.StartsOn is null || s.StartsOn <= day) && (last is null || day <= last);
            var onWeekday = s.Kind != ScheduleKind.Recurring || s.Weekday is null || ActivityFilter.ToWeekday(day.DayOfWeek) == s.Weekday;
            if (inPeriod && onWeekday)
            {
                return day;
            }
        }

        return null;
    }

    // A point east and north of the centre in km, on the sphere (decimal degrees with six places, as stored).
    private static (decimal Latitude, decimal Longitude) Offset(double eastKm, double northKm)
    {
        const double kmPerDegree = 6371.0 * Math.PI / 180.0;
        var latitude = Latitude + (northKm / kmPerDegree);
        var longitude = Longitude + (eastKm / (kmPerDegree * Math.Cos(Latitude * Math.PI / 180.0)));
        return (Math.Round((decimal)latitude, 6), Math.Round((decimal)longitude, 6));
    }

    // The great-circle distance in km from the centre to the stored point of (east, north).
    private static double Haversine(double eastKm, double northKm)
    {
        var (latitude, longitude) = Offset(eastKm, northKm);
        double Radians(double degrees) => degrees * Math.PI / 180.0;
        var dLat = Radians((double)latitude - Latitude);
        var dLon = Radians((double)longitude - Longitude);
        var h = (Math.Sin(dLat / 2) * Math.Sin(dLat / 2)) + (Math.Cos(Radians(Latitude)) * Math.Cos(Radians((double)latitude)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2));
        return 2 * 6371.0 * Math.Asin(Math.Sqrt(h));
    }
}

public sealed class SqliteWhatsOnTests(SqliteAppFixture fixture) : WhatsOnTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresWhatsOnTests(PostgresAppFixture fixture) : WhatsOnTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
