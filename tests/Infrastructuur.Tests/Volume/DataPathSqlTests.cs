using System.Text.RegularExpressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Api.Hosting;
using Microsoft.EntityFrameworkCore;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Volume;

/// <summary>
/// The SQL behind the benchmark's shapes (bench/queries/q2, q3) and the database settings under them: the answers
/// equal a plain LINQ answer, and the statements have the shape the plans were chosen for.
/// </summary>
public abstract partial class DataPathSqlTests(Func<TestApp> app)
{
    private static readonly SyntheticSize Size = new() { Neighbourhoods = 12, Organisations = 60, Activities = 1_200, Initiatives = 60, Grants = 50 };

    // The benchmark's q3, anonymous: drafts must not count.
    private const string CountsPerTheme = "query($n: ID!) { neighbourhood(id: $n) { activityCountsByTheme { theme { code } count } } }";

    private const string FirstActivitiesOfRegion =
        "query($n: ID!) { activities(first: 50, filterBy: { neighbourhood: $n }, orderBy: { field: STARTS_ON }) { nodes { id } } }";

    [SkippableFact]
    public async Task Counts_per_theme_test_visibility_on_the_region_link_before_the_themes_are_joined()
    {
        await SyntheticWorld.OfAsync(app(), Size, seed: 303);
        await using var db = await app().OpenDbAsync();
        var place = await BusiestRegionAsync(db);
        var visible = AnonymousVisible(db).Where(a => a.Neighbourhoods.Any(n => n.Id == place));
        var expected = (await visible.SelectMany(a => a.Themes.Select(t => t.Code)).ToListAsync())
            .GroupBy(c => c).Select(g => $"{g.Key}:{g.Count()}").Order(StringComparer.Ordinal).ToList();
        Assert.True(await db.Activities.CountAsync(a => a.Status == ActivityStatus.Draft && a.Neighbourhoods.Any(n => n.Id == place)) > 0, "no draft here: the test proves nothing");

        using var sql = await SqlStatements.RecordAsync(app());
        var response = (await app().QueryAsync(CountsPerTheme, new { n = GlobalId.Encode("Neighbourhood", place) })).AssertOk();
        var actual = response.Data!["neighbourhood"]!["activityCountsByTheme"]!.AsArray()
            .Select(c => $"{c!["theme"]!["code"]!.GetValue<string>()}:{c["count"]!.GetValue<int>()}").Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, actual);

        // The visibility subquery is correlated with the region's link row, not with the theme link joined to it.
        var counts = Assert.Single(sql.All, s => s.Contains("\"ActivityTheme\"", StringComparison.Ordinal));
        var served = Alias(counts, "ActivityNeighbourhood");
        var tagged = Alias(counts, "ActivityTheme");
        var correlated = Correlation().Matches(counts).Select(m => m.Groups[1].Value).ToList();
        Assert.True(correlated.Contains(served) && !correlated.Contains(tagged), $"visibility is tested per theme link:\n{counts}");
    }

    [SkippableFact]
    public async Task A_regions_first_page_is_one_range_of_the_region_index_in_its_order()
    {
        await SyntheticWorld.OfAsync(app(), Size, seed: 303);
        await using var db = await app().OpenDbAsync();
        var place = await BusiestRegionAsync(db);

        // A region and one with the regions inside it (a wijk): both must find the activities of the regions inside.
        var parent = await db.Neighbourhoods.Where(n => n.ParentId != null && n.Id == place).Select(n => n.ParentId).SingleOrDefaultAsync();
        foreach (var region in new[] { place, parent }.OfType<Guid>())
        {
            var expected = await AnonymousVisible(db).Where(a => a.Neighbourhoods.Any(n => n.Id == region || n.ParentId == region))
                .OrderBy(a => a.StartsOnKey).Select(a => new { a.Id, a.StartsOnKey }).ToListAsync();
            Assert.NotEmpty(expected);

            using var sql = await SqlStatements.RecordAsync(app());
            var response = (await app().QueryAsync(FirstActivitiesOfRegion, new { n = GlobalId.Encode("Neighbourhood", region) })).AssertOk();
            var ids = response.Data!["activities"]!["nodes"]!.AsArray().Select(a => GlobalId.Decode(a!["id"]!.GetValue<string>(), "Activity")).ToList();

            // Ties on the start date are ordered by ID, which LINQ orders differently from the engines: the page holds every
            // activity starting before the last date on it, and only activities starting on or before that date.
            Assert.Equal(Math.Min(50, expected.Count), ids.Count);
            var last = expected[ids.Count - 1].StartsOnKey;
            Assert.Subset(ids.ToHashSet(), expected.Where(a => a.StartsOnKey < last).Select(a => a.Id).ToHashSet());
            Assert.Superset(ids.ToHashSet(), expected.Where(a => a.StartsOnKey <= last).Select(a => a.Id).ToHashSet());

            // One statement, walking the region's range of the (region, start date, activity) index in its order: no sort,
            // no scan, neither the links nor the regions joined.
            var page = Assert.Single(sql.Commands, c => c.Text.Contains("\"Activities\"", StringComparison.Ordinal));
            Assert.Contains("FROM \"ActivityRegions\"", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("\"ActivityNeighbourhood\"", page.Text, StringComparison.Ordinal);
            Assert.DoesNotContain("JOIN \"Neighbourhoods\"", page.Text, StringComparison.Ordinal);
            var plan = await page.ExplainAsync(app());
            var text = $"{page.Text}\n---\n{string.Join("\n", plan)}";
            if (app().Engine == Engine.Sqlite)
            {
                Assert.Contains("USING COVERING INDEX IX_ActivityRegions_RegionId_StartsOnKey_ActivityId (RegionId=?)", text, StringComparison.Ordinal);
                Assert.False(plan.Any(line => line.Contains("TEMP B-TREE", StringComparison.Ordinal) || line.StartsWith("SCAN", StringComparison.Ordinal)), text);
            }
            else
            {
                Assert.Contains("Index Only Scan using \"IX_ActivityRegions_RegionId_StartsOnKey_ActivityId\"", text, StringComparison.Ordinal);
                Assert.False(plan.Select(line => line.TrimStart('-', '>', ' ')).Any(node => node.StartsWith("Sort", StringComparison.Ordinal)
                    || node.StartsWith("Incremental Sort", StringComparison.Ordinal) || node.StartsWith("Seq Scan", StringComparison.Ordinal)), text);
            }
        }
    }

    // Anonymous visibility written out by hand (docs/security.md): no draft, nothing of a draft initiative.
    private static IQueryable<Activity> AnonymousVisible(InfrastructuurDb db) =>
        db.Activities.Where(a => a.Status != ActivityStatus.Draft && (a.ProviderInitiativeId == null || a.ProviderInitiative!.Status != InitiativeStatus.Draft));

    private static async Task<Guid> BusiestRegionAsync(InfrastructuurDb db) =>
        await db.Neighbourhoods.Where(n => n.Level == RegionLevel.Neighbourhood).OrderByDescending(n => n.Activities.Count).ThenBy(n => n.Id).Select(n => n.Id).FirstAsync();

    private static string Alias(string sql, string table) =>
        Regex.Match(sql, $"\"{table}\" AS \"?(\\w+)") is { Success: true } m ? m.Groups[1].Value : throw new InvalidOperationException($"{table} not in:\n{sql}");

    [GeneratedRegex("""\."Id" = "?(\w+)"?\."ActivitiesId"\)""")]
    private static partial Regex Correlation();
}

public sealed class SqliteDataPathSqlTests(SqliteAppFixture fixture) : DataPathSqlTests(() => fixture.App), IClassFixture<SqliteAppFixture>
{
    // SQLite only: PostgreSQL's autovacuum gathers statistics itself.
    [Fact]
    public async Task Sqlite_has_planner_statistics_after_migrating_and_seeding()
    {
        await using var db = await fixture.App.OpenDbAsync();
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT count(*) FROM sqlite_stat1 WHERE tbl = 'Activities'";
        Assert.True(Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture) > 0, "ANALYZE has not run: sqlite_stat1 holds nothing for Activities");
    }

    [Fact]
    public async Task Sqlite_connections_read_through_a_memory_mapping_and_commit_durably()
    {
        await using var db = await fixture.App.OpenDbAsync();
        await db.Database.OpenConnectionAsync();
        async Task<object?> PragmaAsync(string name)
        {
            await using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"PRAGMA {name}";
            return await command.ExecuteScalarAsync();
        }

        Assert.Equal(SqlitePragmas.MmapBytes, await PragmaAsync("mmap_size"));
        Assert.Equal(2L, await PragmaAsync("synchronous")); // FULL
    }
}

public sealed class PostgresDataPathSqlTests(PostgresAppFixture fixture) : DataPathSqlTests(() => fixture.App), IClassFixture<PostgresAppFixture>
{
    [SkippableFact]
    public async Task Postgres_connections_prepare_statements_and_are_not_reset_on_reuse()
    {
        TestEnvironment.Require(TestApp.Unavailable(Engine.Postgres));
        await using var db = await fixture.App.OpenDbAsync();
        var settings = new Npgsql.NpgsqlConnectionStringBuilder(db.Database.GetDbConnection().ConnectionString);
        Assert.Equal(PostgresConnection.MaxAutoPrepare, settings.MaxAutoPrepare);
        Assert.True(settings.NoResetOnClose);
        Assert.Equal(PostgresConnection.PlannerOptions, settings.Options);

        // The settings reach the server: the session runs with the planner options.
        await db.Database.OpenConnectionAsync();
        await using var command = db.Database.GetDbConnection().CreateCommand();
        command.CommandText = "SELECT current_setting('max_parallel_workers_per_gather') || ' ' || current_setting('jit')";
        Assert.Equal("0 off", await command.ExecuteScalarAsync());
    }
}

public sealed class PostgresConnectionTests
{
    [Fact]
    public void Defaults_fill_only_what_the_configured_string_leaves_out()
    {
        var filled = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnection.WithDefaults("Host=db;Database=x"));
        Assert.Equal(PostgresConnection.MaxAutoPrepare, filled.MaxAutoPrepare);
        Assert.True(filled.NoResetOnClose);
        Assert.Equal(PostgresConnection.PlannerOptions, filled.Options);

        var kept = new Npgsql.NpgsqlConnectionStringBuilder(PostgresConnection.WithDefaults("Host=db;Max Auto Prepare=0;NoResetOnClose=false;Options=-c work_mem=64MB"));
        Assert.Equal(0, kept.MaxAutoPrepare);
        Assert.False(kept.NoResetOnClose);
        Assert.Equal("-c work_mem=64MB", kept.Options);
    }
}
