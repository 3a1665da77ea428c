using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Security;

/// <summary>Documents registered by hash, and the switch that locks anonymous callers to them.</summary>
public sealed class PersistedOperationTests
{
    private const string Registered = "query Municipalities { municipalities(first: 5) { nodes { name } } }";

    [Fact]
    public async Task A_registered_document_runs_by_its_id_and_an_unknown_id_is_refused()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:PersistedOperations:Documents:0"] = Registered });

        var byId = await app.SendAsync(Post($$"""{"documentId":"{{PersistedOperations.IdOf(Registered)}}"}"""));
        var unknown = await app.SendAsync(Post("""{"documentId":"sha256:0000"}"""));

        byId.AssertOk();
        Assert.Equal(2, byId.Data!["municipalities"]!["nodes"]!.AsArray().Count);
        Assert.Equal(400, unknown.Status);
    }

    [Fact]
    public async Task With_the_switch_on_anonymous_callers_run_only_registered_documents()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["GraphQL:PersistedOperations:Documents:0"] = Registered,
            ["GraphQL:PersistedOperations:RequireForAnonymous"] = "true",
        });

        Assert.Equal(400, (await app.QueryAsync("{ municipalities(first: 1) { nodes { name } } }")).Status);
        (await app.QueryAsync(Registered)).AssertOk();
        (await app.SendAsync(Post($$"""{"documentId":"{{PersistedOperations.IdOf(Registered)}}"}"""))).AssertOk();
        (await app.QueryAsync("{ municipalities(first: 1) { nodes { name } } }", token: Tokens.Mint("signed-in", "resident"))).AssertOk();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public async Task A_token_without_a_usable_subject_does_not_get_past_the_switch(string? subject)
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["GraphQL:PersistedOperations:Documents:0"] = Registered,
            ["GraphQL:PersistedOperations:RequireForAnonymous"] = "true",
        });

        var response = await app.QueryAsync("{ municipalities(first: 1) { nodes { name } } }", token: Tokens.Mint(subject, "resident"));

        Assert.Equal((401, "UNAUTHENTICATED"), (response.Status, response.FirstErrorCode));
        Assert.Null(response.Data);
    }

    private static HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        return request;
    }
}
