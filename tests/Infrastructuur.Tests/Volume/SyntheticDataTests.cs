using Infrastructuur.Api.Data;
using Infrastructuur.Api.Hosting;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Tests.Volume;

/// <summary>The synthetic data set: the sizes asked for, the same rows for the same seed on either engine, searchable, and the generate command.</summary>
public abstract class SyntheticDataTests(Func<TestApp> app)
{
    private static readonly SyntheticSize Small = SyntheticSize.Scaled(0.01);

    [SkippableFact]
    public async Task Writes_the_requested_sizes_and_the_same_rows_for_the_same_seed_on_either_engine()
    {
        SyntheticReport report;
        await using (var target = await app().OpenDbAsync())
        {
            report = await SyntheticData.GenerateAsync(target, Small, seed: 501, CancellationToken.None);
        }

        Assert.Equal(Small.Activities, report.Rows["Activities"]);

        // Counted as an administrator: the generator also writes drafts, which anonymous callers do not see.
        var admin = Tokens.Mint("synthetic-sizes-admin", "admin");
        var response = (await app().QueryAsync("""
            query($code: String!) { municipality(cbsCode: $code) { id
              neighbourhoods(first: 1, level: NEIGHBOURHOOD) { totalCount }
              initiatives(first: 1) { totalCount } } }
            """, new { code = report.MunicipalityCode }, admin)).AssertOk();
        var municipality = response.Data!["municipality"]!;
        Assert.Equal(Small.Neighbourhoods, municipality["neighbourhoods"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(Small.Initiatives, municipality["initiatives"]!["totalCount"]!.GetValue<int>());
        var activities = (await app().QueryAsync("query($m: ID!) { activities(first: 1, filterBy: { municipality: $m }) { totalCount } }", new { m = municipality["id"]!.GetValue<string>() }, admin)).AssertOk();
        Assert.Equal(Small.Activities, activities.Data!["activities"]!["totalCount"]!.GetValue<int>());

        // The same seed into a fresh SQLite database gives the same rows: IDs, names, dates, links and amounts.
        await using var fresh = await FreshDatabase.CreateAsync(Engine.Sqlite);
        await fresh.Db.Database.MigrateAsync();
        var again = await SyntheticData.GenerateAsync(fresh.Db, Small, seed: 501, CancellationToken.None);
        await using var db = await app().OpenDbAsync();
        Assert.Equal(report.MunicipalityId, again.MunicipalityId);
        Assert.Equal(report.Rows, again.Rows);
        Assert.Equal(await FingerprintAsync(db, report.MunicipalityId), await FingerprintAsync(fresh.Db, again.MunicipalityId));
    }

    [SkippableFact]
    public async Task Search_finds_exactly_the_generated_records_that_hold_the_words()
    {
        await using (var db = await app().OpenDbAsync())
        {
            await SyntheticData.GenerateAsync(db, Small, seed: 503, CancellationToken.None);
        }

        // A two-word search (the last word also as the start of a word) against a plain scan of the folded text.
        await using var check = await app().OpenDbAsync();
        var expected = await check.Activities.CountAsync(a => (" " + a.SearchText).Contains(" gezonde ") && (" " + a.SearchText).Contains(" voeding"))
            + await check.Organisations.CountAsync(o => (" " + o.SearchText).Contains(" gezonde ") && (" " + o.SearchText).Contains(" voeding"))
            + await check.Initiatives.CountAsync(i => (" " + i.SearchText).Contains(" gezonde ") && (" " + i.SearchText).Contains(" voeding"))
            + await check.Programmes.CountAsync(p => (" " + p.SearchText).Contains(" gezonde ") && (" " + p.SearchText).Contains(" voeding"));
        Assert.True(expected > 10, $"only {expected} records hold the words");
        var response = (await app().QueryAsync("{ search(text: \"Gezonde VOEDING\", first: 100) { totalCount edges { node { __typename } } } }")).AssertOk();
        Assert.Equal(expected, response.Data!["search"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(Math.Min(100, expected), response.Data!["search"]!["edges"]!.AsArray().Count);
    }

    [SkippableFact]
    public async Task The_generate_command_migrates_and_fills_the_configured_database_once_per_seed()
    {
        await using var fresh = await FreshDatabase.CreateAsync(app().Engine);
        string[] command = ["generate", "--size-factor", "0.01", "--seed", "502", .. fresh.Settings, "--Database:SeedDemoData", "false", "--Logging:LogLevel:Default", "Warning"];
        Assert.Equal(0, await Commands.RunAsync(command));
        Assert.True(await fresh.Db.Municipalities.AnyAsync(m => m.CbsCode == SyntheticData.MunicipalityCode(502)));
        Assert.Equal(1, await Commands.RunAsync(command)); // the same seed again is refused, nothing written twice
        Assert.Equal(2, await Commands.RunAsync(["generate", "--size-factor", "lots"]));
        Assert.Null(await Commands.RunAsync(["--urls", "http://127.0.0.1:0"]));
    }

    private static async Task<List<string>> FingerprintAsync(InfrastructuurDb db, Guid municipality)
    {
        var activities = await db.Activities.Where(a => a.MunicipalityId == municipality)
            .Select(a => new { a.Id, a.Name, a.StartsOnKey, a.ProviderOrganisationId, a.ProviderInitiativeId, Themes = a.Themes.Count(), Places = a.Neighbourhoods.Count() })
            .ToListAsync();
        var grants = await db.Grants.Where(g => g.Identifier.StartsWith("360G-SYNTH-501-"))
            .Select(g => new { g.Id, g.Identifier, g.AmountAwardedCents, Allocated = g.Allocations.Sum(a => a.AmountCents) })
            .ToListAsync();
        return [.. activities.Select(a => $"{a}").Concat(grants.Select(g => $"{g}")).Order(StringComparer.Ordinal)];
    }
}

public sealed class SqliteSyntheticDataTests(SqliteAppFixture fixture) : SyntheticDataTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresSyntheticDataTests(PostgresAppFixture fixture) : SyntheticDataTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
