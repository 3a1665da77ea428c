using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Offering.OfferingWorld;

namespace Infrastructuur.Tests.Offering;

/// <summary>The curated filterBy of Query.organisations and Query.initiatives, built from the same shared conditions.</summary>
public abstract class OrganisationAndInitiativeFilterTests(Func<TestApp> app)
{
    [SkippableFact]
    public async Task Organisations_filter_by_place_including_regions_below_kind_and_text()
    {
        await using var world = await CreateAsync(app());
        world.Add(new Organisation { Name = "Sportclub Café Élan", Kind = OrganisationKind.SportsClub, Description = "Voetbal", Neighbourhoods = [world.District] });
        await world.SaveAsync();

        // School works in the buurt, Welfare in the other district, the sports club in the district itself.
        Assert.Equal(["School", "Sportclub Café Élan", "Welzijn"], await NamesAsync("organisations", new { municipality = Id(world.Municipality) }, world));
        Assert.Equal(["School", "Sportclub Café Élan"], await NamesAsync("organisations", new { neighbourhood = Id(world.District) }, world));
        Assert.Equal(["School"], await NamesAsync("organisations", new { neighbourhood = Id(world.Buurt) }, world));
        Assert.Equal(["School", "Sportclub Café Élan"], await NamesAsync("organisations", new { area = Id(world.Area) }, world));
        Assert.Equal(["Sportclub Café Élan", "Welzijn"], await NamesAsync("organisations", new { municipality = Id(world.Municipality), kinds = new[] { "WELFARE", "SPORTS_CLUB" } }, world));
        Assert.Equal(["Sportclub Café Élan"], await NamesAsync("organisations", new { municipality = Id(world.Municipality), text = "cafe elan voetbal" }, world));
        Assert.Empty(await NamesAsync("organisations", new { municipality = Id(world.Municipality), text = "cafe elan tennis" }, world));
    }

    [SkippableFact]
    public async Task Initiatives_filter_by_place_status_themes_including_sub_themes_and_text()
    {
        await using var world = await CreateAsync(app());
        world.Initiative.Themes = [world.Theme];
        world.Add(new Initiative { Name = "Eettafel Één", Municipality = world.Municipality, Status = InitiativeStatus.Active, Themes = [world.SubSubTheme], Neighbourhoods = [world.OtherDistrict] });
        world.Add(new Initiative { Name = "Moestuin", Municipality = world.Municipality, Status = InitiativeStatus.Paused, Themes = [world.OtherTheme], Neighbourhoods = [world.District] });
        await world.SaveAsync();
        var municipality = Id(world.Municipality);

        Assert.Equal(["Eettafel Één", "Initiatief", "Moestuin"], await NamesAsync("initiatives", new { municipality }, world));
        Assert.Equal(["Eettafel Één", "Initiatief"], await NamesAsync("initiatives", new { municipality, themes = new[] { Id(world.Theme) } }, world));
        Assert.Equal(["Eettafel Één"], await NamesAsync("initiatives", new { municipality, themes = new[] { Id(world.SubTheme) } }, world));
        Assert.Equal(["Moestuin"], await NamesAsync("initiatives", new { municipality, statuses = new[] { "PAUSED", "ENDED" } }, world));
        Assert.Equal(["Initiatief", "Moestuin"], await NamesAsync("initiatives", new { neighbourhood = Id(world.District) }, world));
        Assert.Equal(["Initiatief", "Moestuin"], await NamesAsync("initiatives", new { area = Id(world.Area) }, world));
        Assert.Equal(["Eettafel Één"], await NamesAsync("initiatives", new { municipality, text = "EEN eettafel" }, world));

        var response = await app().QueryAsync("query($m: ID) { initiatives(first: 5, filterBy: {municipality: $m, statuses: [ACTIVE]}) { nodes { name themes { code } } } }", new { m = municipality });
        response.AssertOk();
        var initiative = response.Data!["initiatives"]!["nodes"]!.AsArray().Single(n => n!["name"]!.GetValue<string>() == world.Initiative.Name)!;
        Assert.Equal([world.Theme.Code], initiative["themes"]!.AsArray().Select(t => t!["code"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task ModifiedSince_applies_to_organisations_and_initiatives()
    {
        await using var world = await CreateAsync(app());
        await world.SaveAsync();
        var cut = DateTime.UtcNow.AddMinutes(-5);
        await using (var db = await app().OpenDbAsync())
        {
            var yesterday = cut.AddDays(-1);
            await db.Organisations.Where(o => o.Id == world.Welfare.Id).ExecuteUpdateAsync(s => s.SetProperty(o => o.ModifiedAt, yesterday));
            await db.Initiatives.Where(i => i.Id == world.Initiative.Id).ExecuteUpdateAsync(s => s.SetProperty(i => i.ModifiedAt, yesterday));
        }

        Assert.Equal(["School"], await NamesAsync("organisations", new { municipality = Id(world.Municipality), modifiedSince = cut }, world));
        Assert.Empty(await NamesAsync("initiatives", new { municipality = Id(world.Municipality), modifiedSince = cut }, world));
        Assert.Equal(["Initiatief"], await NamesAsync("initiatives", new { municipality = Id(world.Municipality), modifiedSince = cut.AddDays(-2) }, world));
    }

    // Names with the world's tag taken off, so assertions read like the data; totalCount must agree with the list.
    private async Task<List<string>> NamesAsync(string field, object filter, OfferingWorld world)
    {
        var response = await app().QueryAsync($"query($f: {(field == "organisations" ? "OrganisationFilter" : "InitiativeFilter")}) {{ {field}(first: 100, filterBy: $f) {{ totalCount nodes {{ name }} }} }}", new { f = filter });
        response.AssertOk();
        var connection = response.Data![field]!;
        var tag = world.Municipality.Name.Split(' ')[^1];
        var names = connection["nodes"]!.AsArray().Select(n => n!["name"]!.GetValue<string>().Replace($" {tag}", string.Empty, StringComparison.Ordinal)).ToList();
        Assert.Equal(names.Count, connection["totalCount"]!.GetValue<int>());
        return names;
    }
}

public sealed class SqliteOrganisationAndInitiativeFilterTests(SqliteAppFixture fixture) : OrganisationAndInitiativeFilterTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresOrganisationAndInitiativeFilterTests(PostgresAppFixture fixture) : OrganisationAndInitiativeFilterTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
