using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>
/// GraphQL.NET resolves sibling fields in parallel. A shared DbContext would throw "a second operation was
/// started on this context"; each resolver and batch has its own (ADR 0005). Checked on both engines, many requests at once.
/// </summary>
public abstract class ParallelExecutionTests(Func<TestApp> app)
{
    private const string Wide = """
        { a: municipalities(first: 5) { totalCount nodes { name areas(first: 5) { totalCount nodes { name neighbourhoods(first: 5) { totalCount nodes { name } } } } } }
          b: organisations(first: 20) { totalCount nodes { name identifiers { scheme } parent { name } neighbourhoods(first: 3) { nodes { name municipality { name } } } } }
          c: initiatives(first: 20) { totalCount nodes { name municipality { name } hostOrganisation { name } neighbourhoods(first: 3) { totalCount nodes { name parent { name } } } } }
          d: neighbourhood(cbsCode: "BU05990325") { name initiatives(first: 5) { totalCount } organisations(first: 5) { totalCount } }
          e: themes(first: 10) { nodes { name children(first: 5) { nodes { name parent { name } } } } } }
        """;

    [SkippableFact]
    public async Task Wide_queries_run_concurrently_without_context_errors()
    {
        var responses = await Task.WhenAll(Enumerable.Range(0, 24).Select(_ => app().QueryAsync(Wide)));

        Assert.All(responses, r => r.AssertOk());
        Assert.All(responses, r => Assert.Equal(responses[0].Text, r.Text));
    }
}

public sealed class SqliteParallelExecutionTests(SqliteAppFixture fixture) : ParallelExecutionTests(() => fixture.App), IClassFixture<SqliteAppFixture>;

public sealed class PostgresParallelExecutionTests(PostgresAppFixture fixture) : ParallelExecutionTests(() => fixture.App), IClassFixture<PostgresAppFixture>;
