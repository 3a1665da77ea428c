using System.Globalization;
using System.Text.RegularExpressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Clients;

/// <summary>
/// The front ends' documents in tests/clients, run by urql, Apollo Client and relay-runtime against the real app over
/// HTTP, signed in with real tokens: every journey answers, and no client's cache or store warns.
/// </summary>
public abstract partial class OutsideClientsTests(Func<TestApp> app)
{
    [SkippableFact]
    public Task Urql_runs_the_three_front_ends() => RunAsync("urql.mjs", checks: 12);

    [SkippableFact]
    public Task Apollo_Client_with_relayStylePagination_runs_them_without_a_cache_warning() => RunAsync("apollo.mjs", checks: 15);

    [SkippableFact]
    public Task Relay_runtime_runs_them_without_a_store_warning() => RunAsync("relay.mjs", checks: 14);

    // The count of checks guards against a script that stops early and still reports no failure.
    private async Task RunAsync(string script, int checks)
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        var url = app().GraphQLUrl.ToString();
        await NodeTools.EnsureInstalledAsync();

        var (code, output) = await NodeTools.NodeAsync(
            Path.Combine("clients", script),
            [url],
            TimeSpan.FromMinutes(2),
            new Dictionary<string, string>
            {
                ["CLIENTS_COORDINATOR_TOKEN"] = Tokens.Mint(DemoAccess.CoordinatorSubject, "coordinator"),
                ["CLIENTS_OFFICIAL_TOKEN"] = Tokens.Mint(DemoAccess.OfficialSubject, "municipal_official"),
                ["NODE_ENV"] = "development",
            });

        var summary = Summary().Match(output);
        Assert.True(summary.Success && summary.Groups["failed"].Value == "0" && code == 0, output);
        Assert.Equal(checks, int.Parse(summary.Groups["passed"].Value, CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^(?<passed>\d+) passed, (?<failed>\d+) failed$", RegexOptions.Multiline)]
    private static partial Regex Summary();
}

public sealed class SqliteOutsideClientsTests(SqliteAppFixture fixture) : OutsideClientsTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresOutsideClientsTests(PostgresAppFixture fixture) : OutsideClientsTests(() => fixture.App), IClassFixture<PostgresAppFixture>;

/// <summary>graphql-codegen's typescript-operations over the served schema and the documents of tests/clients.</summary>
public sealed class ClientCodegenTests
{
    [SkippableFact]
    public async Task Typescript_operations_types_no_field_as_unknown()
    {
        TestEnvironment.Require(NodeTools.Unavailable);
        await NodeTools.EnsureInstalledAsync();

        var (code, output) = await NodeTools.NodeAsync(Path.Combine("clients", "codegen.mjs"), [], TimeSpan.FromMinutes(2));

        Assert.True(code == 0, output);
        Assert.Contains("4 passed, 0 failed", output, StringComparison.Ordinal);
    }
}
