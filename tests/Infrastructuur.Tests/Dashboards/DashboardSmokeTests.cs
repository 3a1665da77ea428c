using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Dashboards;

public abstract class DashboardSmokeTests(Func<TestApp> app)
{
    private const string Query = """
            query($m: ID!) { dashboard(scope: { municipality: $m, from: "2025-01-01", to: "2026-12-31" }) {
              from to seesRecords smallCellThreshold municipality { name }
              baseline { totals { activities providers organisationProviders initiativeProviders capacity activitiesWithCapacity reach verifiedActivities verifiedShare }
                cells { theme { code } targetGroup { code } figures { activities providers capacity reach verifiedShare } }
                overlapCount overlaps(first: 5) { theme { code } targetGroup { code } neighbourhood { name } activities providerCount providers { __typename ... on Organisation { name } ... on Initiative { name } } } }
              needsVersusOffering { signals { value suppressed } summary { unmetNeeds offeringWithoutSignal matched overlapping } cells(first: 100) { theme { code } targetGroup { code } neighbourhood { name } signals suppressed activities providers reach classification gap } }
              network { period { from to nodeCount edgeCount density componentCount componentSizes largestComponentShare isolatedCount isolated { ... on Organisation { name } ... on Initiative { name } } }
                previousPeriod { from to nodeCount edgeCount density componentCount } change { nodeCount edgeCount density componentCount isolatedCount largestComponentShare }
                nodes { id kind name } edges { from to kind weight } }
              funding { awarded disbursed grants multiLineAwarded multiLineShare unallocatedAwarded byFunder { funder { name } awarded disbursed grants } byIv3TaskField { iv3TaskField awarded disbursed grants }
                byRecipientKind { kind awarded disbursed grants } byTheme { theme { code } awarded disbursed grants } byNeighbourhood { neighbourhood { name } awarded disbursed grants }
                programmes { programme { name } awarded disbursed budgetLineCount sources { year funder { name } budgetLine { name } awarded disbursed } }
                reinvestments { company { name } profit reinvested initiatives { initiative { name } amount } themes { theme { code } amount } neighbourhoods { neighbourhood { name } amount } } }
              annualReview(year: 2026) { year activities { value previous change relativeChange } providers { value previous change } capacity { value previous } reach { value previous change }
                ran { theme { code } activities { value previous change } providers { value previous } } reached { theme { code } targetGroup { code } reach { value previous } activities { value previous } }
                signals { value previous change suppressed } signalsByTheme { theme { code } signals { value previous suppressed } } newThemes { theme { code } signals { value previous suppressed } } } } }
            """;

    [SkippableFact]
    public async Task Counts()
    {
        var m = await app().QueryAsync("""{ municipality(cbsCode: "GM1930") { id } }""");
        var id = m.Data!["municipality"]!["id"]!.GetValue<string>();
        var all = new System.Text.StringBuilder();
        foreach (var (of, by) in new[] { ("ACTIVITIES", "[THEME, YEAR]"), ("ACTIVITIES", "[PROVIDER_KIND]"), ("ACTIVITIES", "[AREA, TARGET_GROUP, QUARTER]"), ("ACTIVITIES", "[]"), ("GRANTS", "[PROVIDER_KIND, MONTH]"), ("GRANTS", "[NEIGHBOURHOOD]"), ("SIGNALS", "[THEME]"), ("ORGANISATIONS", "[PROVIDER_KIND, AREA]"), ("INITIATIVES", "[YEAR]") })
        {
            var r = await app().QueryAsync($"query($m: ID!) {{ counts(of: {of}, groupBy: {by}, filterBy: {{ municipality: $m }}) {{ keys {{ dimension value label }} count suppressed sum min max avg }} }}", new { m = id });
            all.Append("== ").Append(of).Append(by).Append(": ").AppendLine(r.Text);
        }

        File.WriteAllText($"/tmp/counts-{app().Engine}.txt", all.ToString());
    }

    [SkippableFact]
    public async Task Smoke()
    {
        var m = await app().QueryAsync("""{ municipality(cbsCode: "GM1930") { id } }""");
        var id = m.Data!["municipality"]!["id"]!.GetValue<string>();
        var response = await app().QueryAsync(Query, new { m = id });

        File.WriteAllText($"/tmp/smoke-{app().Engine}.json", response.Text);
        response.AssertOk();
        var r = await app().QueryAsync("""{ neighbourhood(cbsCode: "BU05990325") { id } }""");
        var mid = r.Data!["neighbourhood"]!["id"]!.GetValue<string>();
        var response2 = await app().QueryAsync(Query.Replace("municipality: $m", "neighbourhood: $m").Replace("2025-01-01", "2026-01-01"), new { m = mid });
        File.WriteAllText($"/tmp/smoke2-{app().Engine}.json", response2.Text);
        response2.AssertOk();
    }
}

public sealed class SqliteDashboardSmokeTests(SqliteAppFixture fixture) : DashboardSmokeTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresDashboardSmokeTests(PostgresAppFixture fixture) : DashboardSmokeTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
