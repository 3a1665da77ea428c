using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Foundation;

/// <summary>GraphQL over HTTP, exactly: methods, media types, status codes, and bad input that never becomes a 500.</summary>
public sealed class TransportTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private const string GraphQLResponse = "application/graphql-response+json";
    private TestApp App => fixture.App;

    [Fact]
    public async Task A_query_by_GET_is_executed()
    {
        var response = await App.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ municipality(cbsCode: \"GM0599\") { name } }")));

        response.AssertOk();
        Assert.Equal("Rotterdam", response.Data!["municipality"]!["name"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_mutation_by_GET_is_405_with_Allow_POST_and_not_executed()
    {
        var response = await App.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("mutation { noSuchMutation }")));

        Assert.Equal(405, response.Status);
        Assert.Equal("POST", string.Join(',', response.ContentHeaders.Allow));
        Assert.Null(response.Data);
    }

    [Theory]
    [InlineData("text/plain", "{\"query\":\"{ __typename }\"}")]
    [InlineData("application/x-www-form-urlencoded", "query=%7B__typename%7D")]
    [InlineData("multipart/form-data; boundary=x", "--x--")]
    [InlineData("application/json; charset=latin1", "{\"query\":\"{ __typename }\"}")]
    public async Task Other_content_types_are_415(string contentType, string body)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8) };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);

        var response = await App.SendAsync(request);

        Assert.Equal(415, response.Status);
        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
    }

    [Fact]
    public async Task An_unsupported_Accept_is_406()
    {
        var request = Post("{\"query\":\"{ __typename }\"}");
        request.Headers.Accept.ParseAdd("text/csv");

        var response = await App.SendAsync(request);

        Assert.Equal(406, response.Status);
    }

    [Fact]
    public async Task A_body_over_64_KiB_is_413_and_one_at_the_limit_is_read()
    {
        var padding = new string(' ', 64 * 1024);
        var over = "{\"query\":\"{ __typename }\"" + padding + "}";
        var atLimit = "{\"query\":\"{ __typename }\"" + padding[..(64 * 1024 - 26)] + "}";
        Assert.Equal(64 * 1024, Encoding.UTF8.GetByteCount(atLimit));

        Assert.Equal(413, (await App.SendAsync(Post(over))).Status);
        (await App.SendAsync(Post(atLimit, GraphQLResponse))).AssertOk();
    }

    [Theory]
    [InlineData("{\"query\":", "not valid JSON")]
    [InlineData("[{\"query\":\"{ __typename }\"}]", "Batched")]
    [InlineData("\"just a string\"", "JSON object")]
    [InlineData("{}", "'query'")]
    [InlineData("{\"query\": 42}", "'query'")]
    [InlineData("{\"query\":\"{ __typename }\", \"variables\": [1]}", "'variables'")]
    [InlineData("{\"query\":\"{ __typename }\", \"operationName\": 7}", "'operationName'")]
    [InlineData("{\"query\":\"{ __typename }\", \"extensions\": \"x\"}", "'extensions'")]
    public async Task Malformed_requests_are_400_with_a_clear_message(string body, string expected)
    {
        foreach (var accept in new[] { GraphQLResponse, "application/json" })
        {
            var response = await App.SendAsync(Post(body, accept));

            Assert.Equal(400, response.Status);
            Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
            Assert.Contains(expected, response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
            Assert.Null(response.Body!["data"]);
        }
    }

    [Fact]
    public async Task Deeply_nested_JSON_variables_are_refused_without_a_500()
    {
        var nested = string.Concat(Enumerable.Repeat("[", 5000)) + string.Concat(Enumerable.Repeat("]", 5000));
        var response = await App.SendAsync(Post("{\"query\":\"{ __typename }\", \"variables\": {\"x\": " + nested + "}}", GraphQLResponse));

        Assert.Equal(400, response.Status);
    }

    [Theory]
    [InlineData("{ municipalities(first: 1) { nodes { name } ", "GRAPHQL_PARSE_FAILED")]
    [InlineData("{ noSuchField }", "GRAPHQL_VALIDATION_FAILED")]
    [InlineData("query($n: Int!) { municipalities(first: $n) { nodes { name } } }", "GRAPHQL_VALIDATION_FAILED")]
    public async Task Request_errors_are_400_in_graphql_response_json_and_200_in_legacy_json(string query, string code)
    {
        var modern = await App.QueryAsync(query, new { n = "not a number" });
        var legacy = await App.QueryAsync(query, new { n = "not a number" }, accept: "application/json");

        Assert.Equal(400, modern.Status);
        Assert.Equal(GraphQLResponse, modern.MediaType);
        Assert.Equal(code, modern.FirstErrorCode);
        Assert.False(modern.Body!.AsObject().ContainsKey("data"));
        Assert.Equal(200, legacy.Status);
        Assert.Equal("application/json", legacy.MediaType);
        Assert.Equal(code, legacy.FirstErrorCode);
    }

    [Fact]
    public async Task An_unknown_operation_name_is_a_clear_request_error()
    {
        var request = Post("{\"query\":\"query A { __typename } query B { __typename }\", \"operationName\": \"C\"}", GraphQLResponse);

        var response = await App.SendAsync(request);

        Assert.Equal(400, response.Status);
        Assert.Contains("'C'", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ node(id: \"not-an-id\") { id } }", "BAD_REQUEST")]
    [InlineData("{ node(id: \"TWlzc2luZzowMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMA\") { id } }", "NOT_FOUND")]
    [InlineData("{ initiative(id: \"%%\") { name } }", "BAD_REQUEST")]
    [InlineData("{ municipalities(first: 2, after: \"bm9wZQ\") { nodes { name } } }", "BAD_REQUEST")]
    [InlineData("{ municipalities(first: 2, after: \"%%%\") { nodes { name } } }", "BAD_REQUEST")]
    public async Task Bad_ids_and_cursors_are_field_errors_with_a_stable_code(string query, string code)
    {
        var response = await App.QueryAsync(query.Replace("%%%", "!!!", StringComparison.Ordinal).Replace("%%", "***", StringComparison.Ordinal));

        Assert.Equal(200, response.Status);
        Assert.Equal(code, response.FirstErrorCode);
        Assert.DoesNotContain("Exception", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_id_of_another_type_is_refused_by_name()
    {
        var place = await App.QueryAsync("""{ neighbourhood(cbsCode: "BU05990325") { id } }""");
        var id = place.AssertOk().Data!["neighbourhood"]!["id"]!.GetValue<string>();

        var response = await App.QueryAsync("query($id: ID!) { initiative(id: $id) { name } }", new { id });

        Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
        Assert.Contains("Initiative", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("Neighbourhood", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Field_suggestions_are_not_given_outside_Development()
    {
        var response = await App.QueryAsync("{ municipalitie(first: 1) { nodes { name } } }");

        Assert.Equal("GRAPHQL_VALIDATION_FAILED", response.FirstErrorCode);
        Assert.DoesNotContain("Did you mean", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Other_methods_are_405_naming_GET_and_POST()
    {
        var response = await App.SendAsync(new HttpRequestMessage(HttpMethod.Put, "/graphql") { Content = new StringContent("{}", Encoding.UTF8, "application/json") });

        Assert.Equal(405, response.Status);
        Assert.Equal(["GET", "POST"], response.ContentHeaders.Allow.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task The_SDL_is_served_at_GET_graphql_sdl()
    {
        var response = await App.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?sdl"));

        Assert.Equal(200, response.Status);
        Assert.Equal("text/plain", response.MediaType);
        Assert.Contains("type Query", response.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_browser_gets_the_IDE_page_from_our_own_origin_under_a_strict_CSP()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        request.Headers.Accept.ParseAdd("text/html");

        var response = await App.SendAsync(request);

        Assert.Equal(200, response.Status);
        Assert.Equal("text/html", response.MediaType);
        Assert.Contains("/graphql/ide/graphiql.js", response.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("https://", response.Text, StringComparison.Ordinal);
        Assert.Contains("default-src 'self'", string.Join(';', response.Headers.GetValues("Content-Security-Policy")), StringComparison.Ordinal);
        var script = await App.Client.GetAsync("/graphql/ide/graphiql.js");
        Assert.Equal("text/javascript", script.Content.Headers.ContentType?.MediaType);
    }

    public static TheoryData<string, byte[]> NotUnicodeBodies() => new()
    {
        { "lone surrogate in query", Encoding.UTF8.GetBytes("{\"query\":\"{ __typename \\ud800 }\"}") },
        { "lone surrogate in operationName", Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"operationName\":\"\\ud800\"}") },
        { "lone surrogate in documentId", Encoding.UTF8.GetBytes("{\"documentId\":\"\\udc00\"}") },
        { "invalid UTF-8 in query", [.. Encoding.UTF8.GetBytes("{\"query\":\"{ __typename "), 0xFF, .. Encoding.UTF8.GetBytes("}\"}")] },
        { "invalid UTF-8 in operationName", [.. Encoding.UTF8.GetBytes("{\"query\":\"{ __typename }\",\"operationName\":\""), 0xC3, 0x28, .. Encoding.UTF8.GetBytes("\"}")] },
    };

    [Theory]
    [MemberData(nameof(NotUnicodeBodies))]
    public async Task Text_that_is_not_Unicode_in_a_POST_body_is_400_BAD_REQUEST(string why, byte[] body)
    {
        foreach (var accept in new[] { GraphQLResponse, "application/json" })
        {
            var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse("application/json");
            request.Headers.Accept.ParseAdd(accept);

            var response = await App.SendAsync(request);

            Assert.True(response.Status == 400, $"{why}: {response.Status} {response.Text}");
            Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
        }
    }

    [Theory]
    [InlineData("query=%7B__typename%FF%7D")]
    [InlineData("query=%7B__typename%7D&operationName=%ED%A0%80")]
    [InlineData("documentId=sha256%3A%C3%28")]
    public async Task Text_that_is_not_UTF_8_in_a_GET_query_string_is_400_BAD_REQUEST(string queryString)
    {
        foreach (var accept in new[] { GraphQLResponse, "application/json" })
        {
            var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?" + queryString);
            request.Headers.Accept.ParseAdd(accept);

            var response = await App.SendAsync(request);

            Assert.Equal(400, response.Status);
            Assert.Equal("BAD_REQUEST", response.FirstErrorCode);
            Assert.Contains("UTF-8", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_GET_query_string_with_UTF_8_text_is_read()
    {
        var response = await App.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ __type(name: \"Café+\") { name } }")));

        response.AssertOk();
        Assert.Null(response.Data!["__type"]);
    }

    [Fact]
    public async Task Only_an_anonymous_GET_without_errors_may_be_kept_by_shared_caches_and_every_answer_names_what_it_varies_by()
    {
        var query = "/graphql?query=" + Uri.EscapeDataString("{ municipality(cbsCode: \"GM0599\") { name } }");
        var signedIn = new HttpRequestMessage(HttpMethod.Get, query);
        signedIn.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Tokens.Mint("cache-reader", "resident"));

        var anonymous = await App.SendAsync(new HttpRequestMessage(HttpMethod.Get, query));
        var withToken = await App.SendAsync(signedIn);
        var failed = await App.SendAsync(new HttpRequestMessage(HttpMethod.Get, "/graphql?query=" + Uri.EscapeDataString("{ nope }")));
        var posted = await App.QueryAsync("{ municipality(cbsCode: \"GM0599\") { name } }");

        static string CacheControl(GraphQLResponse r) => r.Headers.CacheControl?.ToString() ?? "(none)";
        Assert.Equal("public, max-age=30", CacheControl(anonymous.AssertOk()));
        Assert.All(new[] { withToken.AssertOk(), failed, posted.AssertOk() }, r => Assert.Equal("no-store", CacheControl(r)));
        Assert.All(new[] { anonymous, withToken, failed, posted }, r => Assert.Equal(["Accept", "Accept-Language", "Authorization"], r.Headers.Vary));
    }

    [Fact]
    public async Task Every_response_says_nosniff_errors_included()
    {
        var ide = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        ide.Headers.Accept.ParseAdd("text/html");
        var answers = new[]
        {
            await App.Client.PostAsync("/graphql", new StringContent("{\"query\":\"{ __typename }\"}", Encoding.UTF8, "application/json")),
            await App.Client.PostAsync("/graphql", new StringContent("{\"query\":\"{ nope }\"}", Encoding.UTF8, "application/json")),
            await App.Client.PostAsync("/graphql", new StringContent("{", Encoding.UTF8, "application/json")),
            await App.Client.PutAsync("/graphql", new StringContent("{}", Encoding.UTF8, "application/json")),
            await App.Client.GetAsync("/graphql?sdl"),
            await App.Client.GetAsync("/graphql/ide/graphiql.js"),
            await App.Client.GetAsync("/health/live"),
            await App.Client.GetAsync("/no-such-path"),
            await App.Client.SendAsync(ide),
        };

        Assert.All(answers, a => Assert.True(
            a.Headers.TryGetValues("X-Content-Type-Options", out var values) && values.Single() == "nosniff",
            $"{a.RequestMessage!.Method} {a.RequestMessage.RequestUri} ({(int)a.StatusCode}) lacks nosniff"));
    }

    [Fact]
    public async Task The_IDE_html_served_as_a_static_file_has_the_IDE_page_headers()
    {
        var page = new HttpRequestMessage(HttpMethod.Get, "/graphql");
        page.Headers.Accept.ParseAdd("text/html");
        var expected = (await App.Client.SendAsync(page)).Headers.GetValues("Content-Security-Policy").Single();

        var response = await App.Client.GetAsync("/graphql/ide/index.html");

        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(expected, response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Contains("frame-ancestors 'none'", expected, StringComparison.Ordinal);
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
    }

    [Fact]
    public async Task The_dashboard_page_is_served_with_its_own_origin_policy_also_as_a_static_file()
    {
        var page = await App.Client.GetAsync("/dashboard");
        var asFile = await App.Client.GetAsync("/dashboard/assets/index.html");
        var script = await App.Client.GetAsync("/dashboard/assets/dashboard.js");

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Equal("text/html", page.Content.Headers.ContentType?.MediaType);
        var policy = page.Headers.GetValues("Content-Security-Policy").Single();
        Assert.Contains("default-src 'self'", policy, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", policy, StringComparison.Ordinal);
        Assert.DoesNotContain("script-src", policy, StringComparison.Ordinal); // scripts fall back to 'self': no inline, no CDN
        Assert.Equal(policy, asFile.Headers.GetValues("Content-Security-Policy").Single());
        Assert.Equal("no-referrer", page.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal(HttpStatusCode.OK, script.StatusCode);
        Assert.Equal("nosniff", script.Headers.GetValues("X-Content-Type-Options").Single());
    }

    private static HttpRequestMessage Post(string body, string? accept = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        if (accept is not null)
        {
            request.Headers.Accept.ParseAdd(accept);
        }

        return request;
    }
}
