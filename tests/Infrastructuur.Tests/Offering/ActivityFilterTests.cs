using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Offering.OfferingWorld;

namespace Infrastructuur.Tests.Offering;

/// <summary>Each condition of ActivityFilter, on a municipality of the test's own, at its edges.</summary>
public abstract class ActivityFilterTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Themes_include_sub_themes_and_their_children_but_not_parents_or_others()
    {
        await using var world = await CreateAsync(app());
        world.Activity("top", a => a.Themes = [world.Theme]);
        world.Activity("sub", a => a.Themes = [world.SubTheme]);
        world.Activity("subsub", a => a.Themes = [world.SubSubTheme]);
        world.Activity("other", a => a.Themes = [world.OtherTheme]);
        world.Activity("none");
        await world.SaveAsync();

        Assert.Equal(["sub", "subsub", "top"], await world.TitlesAsync(new { themes = new[] { Id(world.Theme) } }));
        Assert.Equal(["sub", "subsub"], await world.TitlesAsync(new { themes = new[] { Id(world.SubTheme) } }));
        Assert.Equal(["subsub"], await world.TitlesAsync(new { themes = new[] { Id(world.SubSubTheme) } }));
        Assert.Equal(["other", "subsub"], await world.TitlesAsync(new { themes = new[] { Id(world.SubSubTheme), Id(world.OtherTheme) } }));
        Assert.Equal(5, (await world.TitlesAsync(new { themes = Array.Empty<string>() })).Count);
    }

    [SkippableFact]
    public async Task Target_groups_include_sub_groups()
    {
        await using var world = await CreateAsync(app());
        world.Activity("group", a => a.TargetGroups = [world.Group]);
        world.Activity("subgroup", a => a.TargetGroups = [world.SubGroup]);
        world.Activity("other", a => a.TargetGroups = [world.OtherGroup]);
        await world.SaveAsync();

        Assert.Equal(["group", "subgroup"], await world.TitlesAsync(new { targetGroups = new[] { Id(world.Group) } }));
        Assert.Equal(["subgroup"], await world.TitlesAsync(new { targetGroups = new[] { Id(world.SubGroup) } }));
    }

    [SkippableFact]
    public async Task Neighbourhood_includes_the_regions_inside_it_and_area_includes_regions_below_its_own()
    {
        await using var world = await CreateAsync(app());
        world.Activity("in district", a => a.Neighbourhoods = [world.District]);
        world.Activity("in buurt", a => a.Neighbourhoods = [world.Buurt]);
        world.Activity("elsewhere", a => a.Neighbourhoods = [world.OtherDistrict]);
        world.Activity("both", a => a.Neighbourhoods = [world.Buurt, world.OtherDistrict]);
        await world.SaveAsync();

        Assert.Equal(["both", "in buurt", "in district"], await world.TitlesAsync(new { neighbourhood = Id(world.District) }));
        Assert.Equal(["both", "in buurt"], await world.TitlesAsync(new { neighbourhood = Id(world.Buurt) }));
        Assert.Equal(["both", "in buurt", "in district"], await world.TitlesAsync(new { area = Id(world.Area) }));
        Assert.Equal(["both", "elsewhere"], await world.TitlesAsync(new { neighbourhood = Id(world.OtherDistrict) }));
    }

    [SkippableFact]
    public async Task Age_is_within_the_bounds_inclusive_and_a_missing_bound_is_open()
    {
        await using var world = await CreateAsync(app());
        world.Activity("4-12", a => (a.MinimumAge, a.MaximumAge) = (4, 12));
        world.Activity("up to 12", a => a.MaximumAge = 12);
        world.Activity("from 12", a => a.MinimumAge = 12);
        world.Activity("all ages");
        await world.SaveAsync();

        Assert.Equal(["4-12", "all ages", "from 12", "up to 12"], await world.TitlesAsync(new { age = 12 }));
        Assert.Equal(["4-12", "all ages", "up to 12"], await world.TitlesAsync(new { age = 4 }));
        Assert.Equal(["all ages", "up to 12"], await world.TitlesAsync(new { age = 3 }));
        Assert.Equal(["all ages", "from 12"], await world.TitlesAsync(new { age = 13 }));

        var tooOld = await app().QueryAsync("{ activities(first: 1, filterBy: {age: 151}) { totalCount } }");
        Assert.Equal("BAD_REQUEST", tooOld.FirstErrorCode);
    }

    [SkippableFact]
    public async Task ActiveOn_includes_the_first_and_last_day_and_respects_one_off_days_and_weekdays()
    {
        await using var world = await CreateAsync(app());
        world.Activity("summer", a => a.Schedule = ActivitySchedule.Period(new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 31)));
        world.Activity("one-off", a => a.Schedule = ActivitySchedule.OneOff(new DateOnly(2026, 7, 15)));
        world.Activity("one-off without end", a => a.Schedule = new ActivitySchedule { Kind = ScheduleKind.OneOff, StartsOn = new DateOnly(2026, 7, 16) });

        // 2026-07-01 is a Wednesday.
        world.Activity("wednesdays in july", a => a.Schedule = ActivitySchedule.Weekly(Weekday.Wednesday, new TimeOnly(10, 0), new TimeOnly(11, 0), new DateOnly(2026, 7, 1), new DateOnly(2026, 7, 31)));
        world.Activity("since august", a => a.Schedule = ActivitySchedule.Period(new DateOnly(2026, 8, 1), null));
        world.Activity("always");
        await world.SaveAsync();

        Assert.Equal(["always"], await world.TitlesAsync(new { activeOn = "2026-06-30" }));
        Assert.Equal(["always", "summer", "wednesdays in july"], await world.TitlesAsync(new { activeOn = "2026-07-01" }));
        Assert.Equal(["always", "summer"], await world.TitlesAsync(new { activeOn = "2026-07-02" }));
        Assert.Equal(["always", "one-off", "summer", "wednesdays in july"], await world.TitlesAsync(new { activeOn = "2026-07-15" }));
        Assert.Equal(["always", "one-off without end", "summer"], await world.TitlesAsync(new { activeOn = "2026-07-16" }));
        Assert.Equal(["always", "since august", "summer"], await world.TitlesAsync(new { activeOn = "2026-08-31" }));
        Assert.Equal(["always", "since august"], await world.TitlesAsync(new { activeOn = "2026-09-01" }));
    }

    [SkippableFact]
    public async Task ActiveBetween_finds_schedules_that_overlap_the_range()
    {
        await using var world = await CreateAsync(app());
        world.Activity("summer", a => a.Schedule = ActivitySchedule.Period(new DateOnly(2026, 7, 1), new DateOnly(2026, 8, 31)));
        world.Activity("one-off", a => a.Schedule = ActivitySchedule.OneOff(new DateOnly(2026, 6, 20)));
        world.Activity("mondays", a => a.Schedule = ActivitySchedule.Weekly(Weekday.Monday, new TimeOnly(9, 0), new TimeOnly(10, 0)));
        await world.SaveAsync();

        // Friday 2026-06-26 to Tuesday 2026-06-30 holds a Monday; Tuesday to Thursday 2026-07-02 does not.
        Assert.Equal(["mondays"], await world.TitlesAsync(new { activeBetween = new { from = "2026-06-26", to = "2026-06-30" } }));
        Assert.Equal(["summer"], await world.TitlesAsync(new { activeBetween = new { from = "2026-06-30", to = "2026-07-02" } }));
        Assert.Equal(["mondays", "one-off"], await world.TitlesAsync(new { activeBetween = new { from = "2026-06-01", to = "2026-06-20" } }));
        Assert.Equal(["mondays", "one-off", "summer"], await world.TitlesAsync(new { activeBetween = new { from = "2026-06-20", to = "2026-08-31" } }));

        var reversed = await app().QueryAsync("""{ activities(first: 1, filterBy: {activeBetween: {from: "2026-07-02", to: "2026-07-01"}}) { totalCount } }""");
        Assert.Equal("BAD_REQUEST", reversed.FirstErrorCode);
    }

    [SkippableFact]
    public async Task Text_matches_every_word_ignoring_case_and_accents_in_title_and_description()
    {
        await using var world = await CreateAsync(app());
        world.Activity("Café de Middellander", a => a.Description = "Taal en ontmoeting");
        world.Activity("Cafe Noord", a => a.Description = "Een koffiehoek naast De Middellander");
        world.Activity("Kookclub", a => a.Description = "Gezond koken, geen café");
        await world.SaveAsync();

        Assert.Equal(["Café de Middellander", "Cafe Noord"], await world.TitlesAsync(new { text = "cafe middellander" }));
        Assert.Equal(["Café de Middellander", "Cafe Noord"], await world.TitlesAsync(new { text = "MIDDELLANDER  café!" }));
        Assert.Equal(["Café de Middellander"], await world.TitlesAsync(new { text = "taal cafe" }));
        Assert.Equal(["Café de Middellander"], await world.TitlesAsync(new { text = "ontmoeting" }));
        Assert.Equal(["Café de Middellander", "Cafe Noord", "Kookclub"], await world.TitlesAsync(new { text = "CAFÉ" }));
        Assert.Empty(await world.TitlesAsync(new { text = "cafe zuid" }));
        Assert.Empty(await world.TitlesAsync(new { text = "middellandplein" }));

        // Punctuation and LIKE wildcards fold away: no words, no condition.
        Assert.Equal(3, (await world.TitlesAsync(new { text = " % _ !! " })).Count);
    }

    [SkippableFact]
    public async Task Statuses_provider_kinds_and_provider_type_select_what_they_say()
    {
        await using var world = await CreateAsync(app());
        world.Activity("school active");
        world.Activity("school draft", a => a.Status = ActivityStatus.Draft);
        world.Activity("welfare paused", a => (a.ProviderOrganisation, a.Status) = (world.Welfare, ActivityStatus.Paused));
        world.Activity("initiative", a => (a.ProviderOrganisation, a.ProviderInitiative) = (null, world.Initiative));
        await world.SaveAsync();

        // As an administrator: drafts are not public (their visibility is tested under Access).
        var admin = Tokens.Mint("activity-filter-admin", "admin");

        Assert.Equal(["initiative", "school active"], await world.TitlesAsync(new { statuses = new[] { "ACTIVE" } }, token: admin));
        Assert.Equal(["school draft", "welfare paused"], await world.TitlesAsync(new { statuses = new[] { "DRAFT", "PAUSED" } }, token: admin));
        Assert.Equal(["school active", "school draft"], await world.TitlesAsync(new { providerKinds = new[] { "SCHOOL" } }, token: admin));
        Assert.Equal(["school active", "school draft", "welfare paused"], await world.TitlesAsync(new { providerKinds = new[] { "SCHOOL", "WELFARE" } }, token: admin));
        Assert.Equal(["initiative"], await world.TitlesAsync(new { providedByInitiative = true }, token: admin));
        Assert.Equal(["school active", "school draft", "welfare paused"], await world.TitlesAsync(new { providedByInitiative = false }, token: admin));
        Assert.Equal(["school draft"], await world.TitlesAsync(new { providerKinds = new[] { "SCHOOL" }, statuses = new[] { "DRAFT" } }, token: admin));
    }

    [SkippableFact]
    public async Task ModifiedSince_selects_records_changed_at_or_after_the_moment()
    {
        await using var world = await CreateAsync(app());
        var old = world.Activity("old");
        world.Activity("recent");
        await world.SaveAsync();
        var cut = DateTime.UtcNow.AddMinutes(-5);
        await using (var db = await app().OpenDbAsync())
        {
            // SaveChanges would stamp ModifiedAt with now; a bulk update writes the past as given.
            var yesterday = cut.AddDays(-1);
            await db.Activities.Where(a => a.Id == old.Id).ExecuteUpdateAsync(s => s.SetProperty(a => a.ModifiedAt, yesterday));
        }

        Assert.Equal(["recent"], await world.TitlesAsync(new { modifiedSince = cut }));
        Assert.Equal(["old", "recent"], await world.TitlesAsync(new { modifiedSince = cut.AddDays(-2) }));
    }

    [SkippableFact]
    public async Task Bad_ids_and_oversized_lists_are_bad_requests()
    {
        await using var world = await CreateAsync(app());
        var wrongType = await app().QueryAsync("query($t: [ID!]) { activities(first: 1, filterBy: {themes: $t}) { totalCount } }", new { t = new[] { Id(world.Group) } });
        Assert.Equal("BAD_REQUEST", wrongType.FirstErrorCode);

        var tooMany = await app().QueryAsync("query($t: [ID!]) { activities(first: 1, filterBy: {themes: $t}) { totalCount } }", new { t = Enumerable.Repeat(Id(world.Theme), 101).ToArray() });
        Assert.Equal("BAD_REQUEST", tooMany.FirstErrorCode);
    }
}

public sealed class SqliteActivityFilterTests(SqliteAppFixture fixture) : ActivityFilterTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresActivityFilterTests(PostgresAppFixture fixture) : ActivityFilterTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
