using System.Text.RegularExpressions;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>The transport, the IDE and the federation subgraph judged by outside tools: graphql-http's server audit, a real Chromium, Apollo's composition and gateway.</summary>
public sealed partial class OutsideChecksTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    [SkippableFact]
    public async Task Graphql_http_audit_passes_every_audit()
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        await NodeTools.EnsureInstalledAsync();

        var (code, output) = await NodeTools.NodeAsync("audit.mjs", [fixture.App.GraphQLUrl.ToString()], TimeSpan.FromMinutes(3));

        var summary = Summary().Match(output);
        Assert.True(summary.Success, $"No summary line in the audit output:\n{output}");
        Assert.Equal("0", summary.Groups["failed"].Value);
        Assert.Equal("61", summary.Groups["passed"].Value);
        Assert.Equal(0, code);
    }

    /// <summary>Apollo Client 4's PersistedQueryLink (hashed GETs) recovers from a miss, and graphql-js's introspection query with every option builds a schema.</summary>
    [SkippableFact]
    public async Task Apollo_persisted_queries_and_graphql_js_introspection_options_work()
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        await NodeTools.EnsureInstalledAsync();

        var (code, output) = await NodeTools.NodeAsync("apq.mjs", [fixture.App.GraphQLUrl.ToString()], TimeSpan.FromMinutes(2));

        Assert.True(code == 0, output);
        Assert.Contains("3 passed, 0 failed", output, StringComparison.Ordinal);
    }

    /// <summary>
    /// Apollo Federation v2 (ADR 0027): @apollo/composition composes our _service SDL with a wijkprofiel subgraph that
    /// extends Neighbourhood by cbsCode, and @apollo/gateway runs queries across both, in each direction.
    /// </summary>
    [SkippableFact]
    public async Task Our_subgraph_composes_with_a_wijkprofiel_and_the_gateway_answers_across_both()
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        await NodeTools.EnsureInstalledAsync();

        var (code, output) = await NodeTools.NodeAsync("federation.mjs", [fixture.App.GraphQLUrl.ToString()], TimeSpan.FromMinutes(2));

        Assert.True(code == 0, output);
        Assert.Contains("5 passed, 0 failed", output, StringComparison.Ordinal);
    }

    [SkippableFact]
    public async Task The_IDE_loads_runs_a_query_and_shows_the_docs_in_Chromium()
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        TestEnvironment.Require(NodeTools.ChromiumUnavailable);
        await NodeTools.EnsureInstalledAsync();
        var screenshot = Path.Combine(Path.GetTempPath(), "infrastructuur-ide.png");

        var (code, output) = await NodeTools.NodeAsync(
            "ide.mjs",
            [fixture.App.BaseAddress.ToString().TrimEnd('/'), """{ neighbourhood(cbsCode: "BU05990325") { name cbsCode } }""", "BU05990325", screenshot],
            TimeSpan.FromMinutes(3),
            new Dictionary<string, string> { ["CHROMIUM_PATH"] = NodeTools.ChromiumPath });

        Assert.True(code == 0, output);
        Assert.Contains("ide ok", output, StringComparison.Ordinal);
    }

    [GeneratedRegex(@"^(?<passed>\d+) passed, (?<failed>\d+) failed$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}
