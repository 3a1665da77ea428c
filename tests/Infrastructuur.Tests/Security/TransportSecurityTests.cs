using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Security;

/// <summary>CORS from an allow-list, and the execution timeout.</summary>
public sealed class TransportSecurityTests
{
    [Fact]
    public async Task Only_allow_listed_origins_get_CORS_headers_and_never_credentials()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["Cors:AllowedOrigins:0"] = "https://wijkapp.example" });

        var allowed = await Preflight(app, "https://wijkapp.example");
        var refused = await Preflight(app, "https://evil.example");

        Assert.Equal("https://wijkapp.example", allowed.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.False(allowed.Headers.Contains("Access-Control-Allow-Credentials"));
        Assert.False(refused.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task A_request_over_the_execution_timeout_is_answered_with_TIMEOUT()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:Limits:TimeoutSeconds"] = "0" });

        var response = await app.QueryAsync("{ municipalities(first: 5) { nodes { name areas(first: 5) { nodes { name } } } } }");

        Assert.Equal("TIMEOUT", response.FirstErrorCode);
        Assert.NotEqual(500, response.Status);
    }

    [Fact]
    public async Task In_Development_a_request_level_fault_is_INTERNAL_with_a_trace_id_and_bad_text_is_400_never_a_stack_trace()
    {
        // A timeout beyond what a timer can hold makes every execution fault before it starts: a fault outside GraphQL.
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:Limits:TimeoutSeconds"] = "100000000" }, environment: "Development");
        using var surrogate = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent("{\"query\":\"{ __typename }\",\"operationName\":\"\\ud800\"}", System.Text.Encoding.UTF8, "application/json") };

        var fault = await app.QueryAsync("{ __typename }");
        var badText = await app.SendAsync(surrogate);

        Assert.Equal(500, fault.Status);
        Assert.Equal("INTERNAL", fault.FirstErrorCode);
        Assert.False(string.IsNullOrEmpty(fault.Errors![0]!["extensions"]!["traceId"]?.GetValue<string>()), fault.Text);
        Assert.DoesNotContain("at Infrastructuur", fault.Text, StringComparison.Ordinal);
        Assert.Equal((400, "BAD_REQUEST"), (badText.Status, badText.FirstErrorCode));
    }

    private static async Task<HttpResponseMessage> Preflight(TestApp app, string origin)
    {
        using var request = new HttpRequestMessage(HttpMethod.Options, "/graphql");
        request.Headers.Add("Origin", origin);
        request.Headers.Add("Access-Control-Request-Method", "POST");
        request.Headers.Add("Access-Control-Request-Headers", "content-type,authorization");
        return await app.Client.SendAsync(request);
    }
}
