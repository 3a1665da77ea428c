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

    [Fact]
    public async Task An_automatic_persisted_query_is_not_found_then_kept_and_a_wrong_hash_or_version_is_refused()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        const string Text = "{ municipalities(first: 1) { nodes { name } } }";
        var hash = PersistedOperations.HashOf(Text);

        var miss = await app.SendAsync(Apq(null, hash));
        var wrongHash = await app.SendAsync(Apq(Text, new string('a', 64)));
        var wrongVersion = await app.SendAsync(Apq(Text, hash, version: 2));
        var stillMissing = await app.SendAsync(Apq(null, hash));
        var register = await app.SendAsync(Apq(Text, hash));
        var hit = await app.SendAsync(Apq(null, hash.ToUpperInvariant()));

        // Apollo's protocol: a miss is a 200 with this message and code, whatever the media type, so the client sends the text.
        Assert.Equal((200, "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound"), (miss.Status, miss.FirstErrorCode, miss.Errors![0]!["message"]!.GetValue<string>()));
        Assert.Equal((400, "BAD_REQUEST"), (wrongHash.Status, wrongHash.FirstErrorCode));
        Assert.Equal((400, "BAD_REQUEST"), (wrongVersion.Status, wrongVersion.FirstErrorCode));
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", stillMissing.FirstErrorCode); // refused texts were not kept
        register.AssertOk();
        Assert.Equal(register.Text, hit.AssertOk().Text);
    }

    [Fact]
    public async Task With_the_switch_on_an_anonymous_automatic_persisted_query_runs_only_a_registered_document()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["GraphQL:PersistedOperations:Documents:0"] = Registered,
            ["GraphQL:PersistedOperations:RequireForAnonymous"] = "true",
        });
        const string Other = "{ municipalities(first: 1) { nodes { name } } }";
        var other = PersistedOperations.HashOf(Other);

        (await app.SendAsync(Apq(null, PersistedOperations.HashOf(Registered)))).AssertOk(); // found by its hash, never sent
        Assert.Equal(400, (await app.SendAsync(Apq(Other, other))).Status);                           // an anonymous text is not run …
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await app.SendAsync(Apq(null, other))).FirstErrorCode); // … nor kept
        (await app.SendAsync(Apq(Other, other, token: Tokens.Mint("signed-in", "resident")))).AssertOk();
        // A signed-in caller's text does not open it to anonymous callers.
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", (await app.SendAsync(Apq(null, other))).FirstErrorCode);
    }

    private static HttpRequestMessage Apq(string? query, string hash, int version = 1, string? token = null)
    {
        var persistedQuery = new { version, sha256Hash = hash };
        var body = query is null
            ? System.Text.Json.JsonSerializer.Serialize(new { extensions = new { persistedQuery } })
            : System.Text.Json.JsonSerializer.Serialize(new { query, extensions = new { persistedQuery } });
        var request = Post(body);
        if (token is not null)
        {
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);
        }

        return request;
    }

    private static HttpRequestMessage Post(string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json") };
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        return request;
    }
}
