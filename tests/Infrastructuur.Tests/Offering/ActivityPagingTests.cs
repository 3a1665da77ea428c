using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using static Infrastructuur.Tests.Offering.OfferingWorld;

namespace Infrastructuur.Tests.Offering;

/// <summary>Query.activities paged forward and backward through a filtered list, in every ordering.</summary>
public abstract class ActivityPagingTests(Func<TestApp> app)
{
    private const string PageQuery = """
        query($f: ActivityFilter, $o: ActivityOrder, $first: Int, $after: String, $last: Int, $before: String) {
          activities(first: $first, after: $after, last: $last, before: $before, filterBy: $f, orderBy: $o) {
            totalCount pageInfo { hasNextPage hasPreviousPage startCursor endCursor } nodes { id name }
          }
        }
        """;

    public static TheoryData<string, string> Orders => new()
    {
        { "NAME", "ASC" }, { "NAME", "DESC" },
        { "STARTS_ON", "ASC" }, { "STARTS_ON", "DESC" },
        { "MODIFIED_AT", "ASC" }, { "MODIFIED_AT", "DESC" },
    };

    [SkippableTheory]
    [MemberData(nameof(Orders))]
    public async Task Paging_forward_and_backward_visits_every_match_once_in_order(string field, string direction)
    {
        await using var world = await CreateAsync(app());

        // Ties on every key (same name, same start, no start), so the ID tie-break is exercised; drafts are filtered out.
        var starts = new DateOnly?[] { null, new(2026, 3, 1), new(2026, 3, 1), new(2026, 1, 15), null, new(2026, 3, 1), new(2025, 12, 31), new(2026, 5, 5), new(2026, 1, 15) };
        string[] titles = ["Zomer", "Same", "Same", "Ápril", "april", "Same", "Winter", "Mei", "Éénmalig"];
        for (var i = 0; i < titles.Length; i++)
        {
            var start = starts[i];
            world.Activity(titles[i], a => a.Schedule = ActivitySchedule.Period(start, null));
            world.Activity($"draft {i}", a => (a.Schedule, a.Status) = (ActivitySchedule.Period(start, null), ActivityStatus.Draft));
        }

        await world.SaveAsync();
        var expected = await ExpectedOrderAsync(world, field, direction);
        Assert.Equal(titles.Length, expected.Count);

        var filter = new JsonObject { ["municipality"] = Id(world.Municipality), ["statuses"] = new JsonArray("ACTIVE") };
        var order = new { field, direction };

        var forward = new List<string>();
        string? after = null;
        var pages = 0;
        while (true)
        {
            var page = await PageAsync(new { f = filter, o = order, first = 2, after });
            forward.AddRange(page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            Assert.Equal(titles.Length, page["totalCount"]!.GetValue<int>());
            Assert.Equal(after is not null, page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>());
            pages++;
            if (!page["pageInfo"]!["hasNextPage"]!.GetValue<bool>())
            {
                break;
            }

            after = page["pageInfo"]!["endCursor"]!.GetValue<string>();
        }

        Assert.Equal(5, pages);
        Assert.Equal(expected, forward);

        var backward = new List<string>();
        string? before = null;
        while (true)
        {
            var page = await PageAsync(new { f = filter, o = order, last = 2, before });
            backward.InsertRange(0, page["nodes"]!.AsArray().Select(n => n!["id"]!.GetValue<string>()));
            Assert.Equal(before is not null, page["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
            if (!page["pageInfo"]!["hasPreviousPage"]!.GetValue<bool>())
            {
                break;
            }

            before = page["pageInfo"]!["startCursor"]!.GetValue<string>();
        }

        Assert.Equal(expected, backward);
    }

    [SkippableFact]
    public async Task Paging_while_rows_are_inserted_neither_repeats_nor_skips()
    {
        await using var world = await CreateAsync(app());
        foreach (var title in new[] { "b", "d", "f", "h" })
        {
            world.Activity(title);
        }

        await world.SaveAsync();
        var filter = new { municipality = Id(world.Municipality) };
        var first = await PageAsync(new { f = filter, first = 2 });
        Assert.Equal(["b", "d"], Titles(first));

        // One row before the cursor (already passed) and one after it (still to come).
        world.Activity("a");
        world.Activity("e");
        await world.SaveAsync();

        var rest = await PageAsync(new { f = filter, first = 10, after = first["pageInfo"]!["endCursor"]!.GetValue<string>() });
        Assert.Equal(["e", "f", "h"], Titles(rest));
    }

    [SkippableFact]
    public async Task A_cursor_of_another_ordering_is_a_bad_request()
    {
        await using var world = await CreateAsync(app());
        world.Activity("one");
        world.Activity("two");
        await world.SaveAsync();
        var filter = new { municipality = Id(world.Municipality) };
        var byTitle = await PageAsync(new { f = filter, first = 1 });
        var cursor = byTitle["pageInfo"]!["endCursor"]!.GetValue<string>();

        var response = await app().QueryAsync(PageQuery, new { f = filter, o = new { field = "NAME", direction = "DESC" }, first = 1, after = cursor });
        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
    }

    private async Task<JsonNode> PageAsync(object variables)
    {
        var response = await app().QueryAsync(PageQuery, variables);
        response.AssertOk();
        return response.Data!["activities"]!;
    }

    // The order the API promises, computed here from the stored rows: the key, then the ID, both compared as the database does.
    private async Task<List<string>> ExpectedOrderAsync(OfferingWorld world, string field, string direction)
    {
        await using var db = await app().OpenDbAsync();
        var rows = await db.Activities.AsNoTracking().Where(a => a.MunicipalityId == world.Municipality.Id && a.Status == ActivityStatus.Active).ToListAsync();
        Func<Activity, IComparable> key = field switch
        {
            "NAME" => a => a.NameKey,
            "STARTS_ON" => a => a.StartsOnKey,
            _ => a => a.ModifiedAt,
        };
        Assert.All(rows, a => Assert.Equal(TextKey.Fold(a.Name), a.NameKey));
        var ordered = rows.Order(Comparer<Activity>.Create((x, y) =>
        {
            var byKey = key(x) is string sx && key(y) is string sy ? string.CompareOrdinal(sx, sy) : key(x).CompareTo(key(y));
            return byKey != 0 ? byKey : string.CompareOrdinal(x.Id.ToString("N"), y.Id.ToString("N"));
        }));
        return [.. (direction == "DESC" ? ordered.Reverse() : ordered).Select(a => GlobalId.Encode(nameof(Activity), a.Id))];
    }
}

public sealed class SqliteActivityPagingTests(SqliteAppFixture fixture) : ActivityPagingTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresActivityPagingTests(PostgresAppFixture fixture) : ActivityPagingTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
