using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Offering.OfferingWorld;

namespace Infrastructuur.Tests.Offering;

/// <summary>orderBy on the lists of initiatives, organisations and programmes (root and nested), paged both ways; the programme text filter.</summary>
public abstract class ListOrderTests(Func<TestApp> app)
{
    public static TheoryData<string, string, string> Lists => new()
    {
        { "initiatives", "NAME", "DESC" }, { "initiatives", "MODIFIED_AT", "ASC" }, { "initiatives", "MODIFIED_AT", "DESC" },
        { "organisations", "NAME", "DESC" }, { "organisations", "MODIFIED_AT", "ASC" }, { "organisations", "MODIFIED_AT", "DESC" },
        { "programmes", "NAME", "ASC" }, { "programmes", "STARTS_ON", "ASC" }, { "programmes", "STARTS_ON", "DESC" }, { "programmes", "MODIFIED_AT", "DESC" },
        { "municipality.initiatives", "MODIFIED_AT", "DESC" }, { "neighbourhood.initiatives", "NAME", "DESC" }, { "neighbourhood.organisations", "MODIFIED_AT", "ASC" },
    };

    [SkippableTheory]
    [MemberData(nameof(Lists))]
    public async Task OrderBy_pages_forward_and_backward_in_the_promised_order(string list, string field, string direction)
    {
        await using var world = await CreateAsync(app());

        // Ties on every key (same name, same first day, one save and then one stamp for several rows), so the ID tie-break is exercised.
        string[] names = ["Zeker", "Gelijk", "gelijk", "Álles", "Gelijk", "Moestuin"];
        int[] startYears = [2024, 2026, 2026, 2025, 2026, 2023];
        for (var i = 0; i < names.Length; i++)
        {
            world.Add(new Initiative { Name = names[i], Municipality = world.Municipality, Status = InitiativeStatus.Active, Neighbourhoods = [world.Buurt] });
            world.Add(new Organisation { Name = names[i], Kind = OrganisationKind.Welfare, Neighbourhoods = [world.Buurt] });
            world.Add(new Programme { Name = names[i], StartsOn = new DateOnly(startYears[i], 1, 1), EndsOn = new DateOnly(2029, 12, 31), Owner = world.School, Municipality = world.Municipality, Status = ProgrammeStatus.Active });
        }

        await world.SaveAsync();
        await using (var db = await app().OpenDbAsync())
        {
            // Half of the rows changed a day ago, at one moment: MODIFIED_AT has ties and a real spread.
            var yesterday = DateTime.UtcNow.AddDays(-1);
            await db.Initiatives.Where(i => i.MunicipalityId == world.Municipality.Id && i.Name.StartsWith("G")).ExecuteUpdateAsync(s => s.SetProperty(i => i.ModifiedAt, yesterday));
            await db.Organisations.Where(o => o.Neighbourhoods.Any(n => n.Id == world.Buurt.Id) && o.Name.StartsWith("G")).ExecuteUpdateAsync(s => s.SetProperty(o => o.ModifiedAt, yesterday));
            await db.Programmes.Where(p => p.MunicipalityId == world.Municipality.Id && p.Name.StartsWith("G")).ExecuteUpdateAsync(s => s.SetProperty(p => p.ModifiedAt, yesterday));
        }

        var (expected, page) = list switch
        {
            "initiatives" => (await ExpectedAsync(db => db.Initiatives.Where(i => i.MunicipalityId == world.Municipality.Id), field, direction),
                Root("initiatives", "InitiativeFilter", "InitiativeOrder", new { municipality = Id(world.Municipality) })),
            "organisations" => (await ExpectedAsync(db => db.Organisations.Where(o => o.Neighbourhoods.Any(n => n.MunicipalityId == world.Municipality.Id)), field, direction),
                Root("organisations", "OrganisationFilter", "OrganisationOrder", new { municipality = Id(world.Municipality) })),
            "programmes" => (await ExpectedAsync(db => db.Programmes.Where(p => p.MunicipalityId == world.Municipality.Id), field, direction),
                Root("programmes", "ProgrammeFilter", "ProgrammeOrder", new { municipality = Id(world.Municipality) })),
            "municipality.initiatives" => (await ExpectedAsync(db => db.Initiatives.Where(i => i.MunicipalityId == world.Municipality.Id), field, direction),
                Nested("municipality", "initiatives", "InitiativeOrder", Id(world.Municipality))),
            "neighbourhood.initiatives" => (await ExpectedAsync(db => db.Initiatives.Where(i => i.Neighbourhoods.Any(n => n.Id == world.Buurt.Id)), field, direction),
                Nested("neighbourhood", "initiatives", "InitiativeOrder", Id(world.Buurt))),
            _ => (await ExpectedAsync(db => db.Organisations.Where(o => o.Neighbourhoods.Any(n => n.Id == world.Buurt.Id)), field, direction),
                Nested("neighbourhood", "organisations", "OrganisationOrder", Id(world.Buurt))),
        };
        Assert.True(expected.Count >= names.Length);
        var order = new { field, direction };

        var forward = new List<string>();
        string? after = null;
        do
        {
            var connection = await page(new { order, first = 2, after });
            Assert.Equal(expected.Count, connection["totalCount"]!.GetValue<int>());
            forward.AddRange(connection["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            after = connection["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? connection["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);

        Assert.Equal(expected, forward);

        var backward = new List<string>();
        string? before = null;
        do
        {
            var connection = await page(new { order, last = 3, before });
            backward.InsertRange(0, connection["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            before = connection["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>() ? connection["pageInfo"]!["startCursor"]!.GetValue<string>() : null;
        }
        while (before is not null);

        Assert.Equal(expected, backward);
    }

    [SkippableFact]
    public async Task Without_orderBy_the_lists_keep_their_name_order_and_a_cursor_fits_only_its_ordering()
    {
        await using var world = await CreateAsync(app());
        world.Add(new Initiative { Name = "b", Municipality = world.Municipality, Status = InitiativeStatus.Active });
        await world.SaveAsync();
        var filter = new { municipality = Id(world.Municipality) };
        var page = Root("initiatives", "InitiativeFilter", "InitiativeOrder", filter);
        var byDefault = await page(new { first = 1 });
        var byName = await page(new { order = new { field = "NAME" }, first = 1 });
        Assert.Equal(byDefault["pageInfo"]!["endCursor"]!.GetValue<string>(), byName["pageInfo"]!["endCursor"]!.GetValue<string>());

        var response = await app().QueryAsync(
            "query($f: InitiativeFilter, $after: String) { initiatives(first: 1, after: $after, filterBy: $f, orderBy: {field: MODIFIED_AT}) { nodes { id } } }",
            new { f = filter, after = byDefault["pageInfo"]!["endCursor"]!.GetValue<string>() });
        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
    }

    [SkippableFact]
    public async Task Programme_text_filter_needs_every_word_ignoring_case_and_accents()
    {
        await using var world = await CreateAsync(app());
        world.Add(new Programme { Name = "Gezonde Wijk Zuid", Description = "Samen met de Huis van de Wijk", StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2028, 12, 31), Owner = world.School, Municipality = world.Municipality, Status = ProgrammeStatus.Active });
        world.Add(new Programme { Name = "Café Élan", Description = "Ontmoeting", StartsOn = new DateOnly(2025, 1, 1), EndsOn = new DateOnly(2028, 12, 31), Owner = world.School, Municipality = world.Municipality, Status = ProgrammeStatus.Active });
        await world.SaveAsync();

        async Task<List<string>> Names(string text)
        {
            var response = await app().QueryAsync(
                "query($f: ProgrammeFilter) { programmes(first: 10, filterBy: $f) { totalCount nodes { name } } }",
                new { f = new { municipality = Id(world.Municipality), text } });
            response.AssertOk();
            var names = Titles(response.Data!["programmes"]!);
            Assert.Equal(names.Count, response.Data!["programmes"]!["totalCount"]!.GetValue<int>());
            return names;
        }

        Assert.Equal(["Gezonde Wijk Zuid"], await Names("WIJK gezonde"));
        Assert.Equal(["Gezonde Wijk Zuid"], await Names("zuid huis"));
        Assert.Equal(["Café Élan"], await Names("cafe elan"));
        Assert.Empty(await Names("cafe zuid"));
        Assert.Equal(2, (await Names("  ")).Count);

        var tooLong = await app().QueryAsync(
            "query($f: ProgrammeFilter) { programmes(first: 10, filterBy: $f) { nodes { name } } }",
            new { f = new { text = new string('a', 201) } });
        Assert.Equal("BAD_REQUEST", tooLong.FirstErrorCode);
    }

    // A page of a root list; variables: order, first/after or last/before.
    private Func<object, Task<JsonNode>> Root(string field, string filterType, string orderType, object filter) => async variables =>
    {
        var v = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(variables))!.AsObject();
        v["f"] = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(filter));
        var response = await app().QueryAsync(
            $"query($f: {filterType}, $order: {orderType}, $first: Int, $after: String, $last: Int, $before: String) {{ {field}(first: $first, after: $after, last: $last, before: $before, filterBy: $f, orderBy: $order) {{ totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} nodes {{ id }} }} }}",
            v);
        response.AssertOk();
        return response.Data![field]!;
    };

    // A page of a nested list below one parent fetched by ID.
    private Func<object, Task<JsonNode>> Nested(string parent, string field, string orderType, string parentId) => async variables =>
    {
        var v = JsonNode.Parse(System.Text.Json.JsonSerializer.Serialize(variables))!.AsObject();
        v["id"] = parentId;
        var response = await app().QueryAsync(
            $"query($id: ID!, $order: {orderType}, $first: Int, $after: String, $last: Int, $before: String) {{ {parent}(id: $id) {{ {field}(first: $first, after: $after, last: $last, before: $before, orderBy: $order) {{ totalCount pageInfo {{ hasNextPage hasPreviousPage startCursor endCursor }} nodes {{ id }} }} }} }}",
            v);
        response.AssertOk();
        return response.Data![parent]![field]!;
    };

    // The promised order, from the stored rows: the key as the database compares it, then the ID.
    private async Task<List<string>> ExpectedAsync<T>(Func<InfrastructuurDb, IQueryable<T>> rows, string field, string direction)
        where T : Entity, INamed
    {
        await using var db = await app().OpenDbAsync();
        var stored = await rows(db).AsNoTracking().ToListAsync();
        Func<T, IComparable> key = field switch
        {
            "NAME" => r => TextKey.Fold(r.Name),
            "STARTS_ON" => r => ((Programme)(object)r).StartsOn,
            _ => r => r.ModifiedAt,
        };
        var ordered = stored.Order(Comparer<T>.Create((x, y) =>
        {
            var byKey = key(x) is string sx && key(y) is string sy ? string.CompareOrdinal(sx, sy) : key(x).CompareTo(key(y));
            return byKey != 0 ? byKey : string.CompareOrdinal(x.Id.ToString("N"), y.Id.ToString("N"));
        }));
        return [.. (direction == "DESC" ? ordered.Reverse() : ordered).Select(r => GlobalId.Encode(typeof(T).Name, r.Id))];
    }
}

public sealed class SqliteListOrderTests(SqliteAppFixture fixture) : ListOrderTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresListOrderTests(PostgresAppFixture fixture) : ListOrderTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
