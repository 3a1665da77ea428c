using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>annualReview(year) needs no period in the scope; a scope without one is the current calendar year for the other sections.</summary>
public abstract class AnnualReviewScopeTests(Func<TestApp> app)
{
    private const string Review = "annualReview(year: 2025) { year activities { value previous } providers { value previous } reach { value previous } }";

    [SkippableFact]
    public async Task An_annual_review_needs_no_period_and_answers_as_with_one()
    {
        var rotterdam = await MunicipalityAsync();
        var without = await app().QueryAsync($$"""query($m: ID!) { dashboard(scope: { municipality: $m }) { startsOn endsOn {{Review}} } }""", new { m = rotterdam });
        var with = await app().QueryAsync($$"""query($m: ID!) { dashboard(scope: { municipality: $m, from: "2019-03-01", to: "2019-03-31" }) { {{Review}} } }""", new { m = rotterdam });

        var review = without.AssertOk().Data!["dashboard"]!;
        Assert.Equal(with.AssertOk().Data!["dashboard"]!["annualReview"]!.ToJsonString(), review["annualReview"]!.ToJsonString());
        Assert.True(review["annualReview"]!["activities"]!["value"].Long() > 0, "the demo review is empty: the comparison proves nothing");
        var year = DateTime.UtcNow.Year;
        Assert.Equal(($"{year}-01-01", $"{year}-12-31"), (review["startsOn"]!.GetValue<string>(), review["endsOn"]!.GetValue<string>()));
    }

    [SkippableFact]
    public async Task Other_sections_take_the_current_year_without_a_period_and_one_end_alone_is_refused()
    {
        var rotterdam = await MunicipalityAsync();
        var year = DateTime.UtcNow.Year;
        const string Sections = "baseline { totals { activities providers } } network { period { nodeCount edgeCount } }";
        var without = await app().QueryAsync($$"""query($m: ID!) { dashboard(scope: { municipality: $m }) { {{Sections}} } }""", new { m = rotterdam });
        var thisYear = await app().QueryAsync($$"""query($m: ID!, $from: Date, $to: Date) { dashboard(scope: { municipality: $m, from: $from, to: $to }) { {{Sections}} } }""",
            new { m = rotterdam, from = $"{year}-01-01", to = $"{year}-12-31" });
        Assert.Equal(thisYear.AssertOk().Data!.ToJsonString(), without.AssertOk().Data!.ToJsonString());

        var half = await app().QueryAsync("""query($m: ID!) { dashboard(scope: { municipality: $m, from: "2025-01-01" }) { startsOn } }""", new { m = rotterdam });
        Assert.Equal("BAD_REQUEST", half.FirstErrorCode);
    }

    [SkippableFact]
    public async Task A_scope_without_a_period_is_priced_as_one_year()
    {
        var rotterdam = await MunicipalityAsync();

        // 1 + (1,500 + the review's objects): one year. Three heavy sections of one year (5,000 and more) are still refused.
        (await app().QueryAsync($$"""query($m: ID!) { dashboard(scope: { municipality: $m }) { {{Review}} } }""", new { m = rotterdam })).AssertOk();
        var heavy = await app().QueryAsync(
            $$"""query($m: ID!) { dashboard(scope: { municipality: $m }) { {{Review}} baseline { overlapCount } needsVersusOffering { summary { matched } } } }""", new { m = rotterdam });
        Assert.Equal(("COST_LIMIT_EXCEEDED", 400), (heavy.FirstErrorCode, heavy.Status));
    }

    [SkippableFact]
    public async Task The_dashboard_says_how_long_figures_are_kept_as_the_code_does()
    {
        var description = (await app().QueryAsync("""{ __type(name: "Dashboard") { description } }""")).AssertOk().Data!["__type"]!["description"]!.GetValue<string>();

        Assert.DoesNotContain("a minute", description, StringComparison.Ordinal);
        Assert.Contains("Dashboards:CacheSeconds (600 s by default)", description, StringComparison.Ordinal);
        Assert.Contains("version", description, StringComparison.Ordinal);
    }

    private async Task<string> MunicipalityAsync() =>
        (await app().QueryAsync("""{ municipality(cbsCode: "GM0599") { id } }""")).AssertOk().Data!["municipality"]!["id"]!.GetValue<string>();
}

public sealed class SqliteAnnualReviewScopeTests(SqliteAppFixture fixture) : AnnualReviewScopeTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresAnnualReviewScopeTests(PostgresAppFixture fixture) : AnnualReviewScopeTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
