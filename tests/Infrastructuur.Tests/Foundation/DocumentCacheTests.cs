using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>
/// A repeated document is parsed and validated once (GraphQL/DocumentCache.cs); what depends on the request still runs
/// every time: page sizes from variables, variable types, and a document that failed validation fails again.
/// </summary>
public sealed class DocumentCacheTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string Page = "query($n: Int) { activities(first: $n) { nodes { name } } }";

    [Fact]
    public async Task A_repeated_document_still_checks_the_page_size_its_variables_ask_for()
    {
        Assert.True((await fixture.App.QueryAsync(Page, new { n = 2 })).AssertOk().Data!["activities"]!["nodes"]!.AsArray().Count <= 2);
        Assert.True((await fixture.App.QueryAsync(Page, new { n = 3 })).AssertOk().Data!["activities"]!["nodes"]!.AsArray().Count <= 3);

        var tooMany = await fixture.App.QueryAsync(Page, new { n = 1000 });
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", tooMany.FirstErrorCode);
        Assert.Contains("1000", tooMany.Text, StringComparison.Ordinal);

        var wrongType = await fixture.App.QueryAsync(Page, new { n = "many" });
        Assert.NotNull(wrongType.FirstErrorCode);
        Assert.DoesNotContain("\"activities\":{", wrongType.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_repeated_document_still_checks_a_cursor_from_its_variables_but_not_a_filter()
    {
        // The paging check reads first/after/last/before: a variable there keeps the check; one in a filter does not need it.
        const string pageWithCursor = "query($before: String, $text: String) { activities(first: 2, filterBy: { text: $text }) { nodes { id } } b: activities(first: 1, before: $before) { nodes { id } } }";
        (await fixture.App.QueryAsync(pageWithCursor, new { before = (string?)null, text = (string?)null })).AssertOk();
        var twoSided = await fixture.App.QueryAsync(pageWithCursor, new { before = "YWJj", text = (string?)null });
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", twoSided.FirstErrorCode);
        Assert.Contains("'before' goes with 'last'", twoSided.Text, StringComparison.Ordinal);

        const string filterOnly = "query($text: String) { activities(first: 2, filterBy: { text: $text }) { nodes { id } } }";
        foreach (var text in new[] { "sport", "voeding", "x" })
        {
            (await fixture.App.QueryAsync(filterOnly, new { text })).AssertOk();
        }
    }

    [Fact]
    public async Task A_document_that_failed_validation_fails_again_when_repeated()
    {
        const string unknownField = "{ activities(first: 1) { nodes { titel } } }";
        for (var i = 0; i < 2; i++)
        {
            var response = await fixture.App.QueryAsync(unknownField);
            Assert.Equal("GRAPHQL_VALIDATION_FAILED", response.FirstErrorCode);
            Assert.Contains("titel", response.Text, StringComparison.Ordinal);
        }
    }
}
