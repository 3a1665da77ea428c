using System.Diagnostics;
using System.Text;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Security;

/// <summary>
/// Every limit of docs/security.md on both sides of its boundary, and the attack corpus: each refused before execution
/// with its stable code and the limit in extensions, in bounded time, never a 500.
/// </summary>
public sealed class LimitsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    private TestApp App => fixture.App;

    private static string Nest(int depth) => string.Concat(Enumerable.Repeat("parent { ", depth - 2)) + "name" + string.Concat(Enumerable.Repeat(" }", depth - 2));

    [Fact]
    public async Task The_standard_IDE_introspection_query_passes()
    {
        var response = await App.QueryAsync(IntrospectionQuery.Standard);

        response.AssertOk();
        Assert.NotEmpty(response.Data!["__schema"]!["types"]!.AsArray());
    }

    [Theory]
    [InlineData(3, true)]
    [InlineData(4, false)]
    public async Task Introspection_list_nesting_is_limited_to_3(int nesting, bool accepted)
    {
        var inner = "name";
        for (var i = 0; i < nesting; i++)
        {
            inner = $"fields {{ type {{ {inner} }} }}";
        }

        var response = await App.QueryAsync($"{{ __schema {{ types {{ {inner} }} }} }}");

        AssertLimit(response, accepted, "INTROSPECTION_TOO_DEEP", 3);
    }

    [Theory]
    [InlineData(8, null, true)]
    [InlineData(9, null, false)]
    [InlineData(12, "resident", true)]
    [InlineData(13, "resident", false)]
    public async Task Depth_is_8_anonymous_and_12_signed_in_counting_the_leaf(int depth, string? role, bool accepted)
    {
        // organisation → parent … → name: the root field and the leaf count, so depth d has d - 2 parents.
        var query = $"{{ organisations(first: 1) {{ nodes {{ {Nest(depth - 1)} }} }} }}";
        var response = await App.QueryAsync(query, token: role is null ? null : Tokens.Mint("depth-tester", role));

        AssertLimit(response, accepted, "MAX_DEPTH_EXCEEDED", role is null ? 8 : 12);
    }

    [Theory]
    [InlineData(15, true)]
    [InlineData(16, false)]
    [InlineData(101, false)]
    public async Task Aliases_are_limited_to_15_and_typename_is_free(int aliases, bool accepted)
    {
        var free = string.Join(' ', Enumerable.Range(0, aliases).Select(i => $"t{i}: __typename"));
        var counted = string.Join(' ', Enumerable.Range(0, aliases).Select(i => $"n{i}: name"));

        var response = await App.QueryAsync($$"""{ {{free}} municipality(cbsCode: "GM0599") { {{counted}} } }""");

        AssertLimit(response, accepted, "MAX_ALIASES_EXCEEDED", 15);
    }

    [Theory]
    [InlineData(20, true)]
    [InlineData(21, false)]
    public async Task Directives_are_limited_to_20(int directives, bool accepted)
    {
        var response = await App.QueryAsync($"{{ {string.Concat(Enumerable.Repeat("__typename @include(if: true) ", directives))}}}");

        AssertLimit(response, accepted, "MAX_DIRECTIVES_EXCEEDED", 20);
    }

    [Fact]
    public async Task A_thousand_directives_are_refused_before_parsing()
    {
        var response = await App.QueryAsync($"{{ {string.Concat(Enumerable.Repeat("__typename @skip(if: false) ", 1000))}}}");

        Assert.Equal(400, response.Status);
        Assert.Contains(response.FirstErrorCode, new[] { "MAX_TOKENS_EXCEEDED", "MAX_DIRECTIVES_EXCEEDED" });
    }

    [Fact]
    public async Task Documents_over_15000_characters_or_1000_tokens_are_refused_before_parsing()
    {
        var atTokenLimit = "{ " + string.Join(' ', Enumerable.Repeat("__typename", 998)) + " }"; // 998 names + 2 braces = 1000 tokens
        var overTokens = "{ " + string.Join(' ', Enumerable.Repeat("__typename", 999)) + " }";
        var overCharacters = "{ __typename }" + new string(' ', 15_000);

        (await App.QueryAsync(atTokenLimit)).AssertOk();
        AssertLimit(await App.QueryAsync(overTokens), false, "MAX_TOKENS_EXCEEDED", 1000);
        AssertLimit(await App.QueryAsync(overCharacters), false, "MAX_TOKENS_EXCEEDED", 15000);
    }

    [Fact]
    public async Task Five_hundred_duplicated_fields_are_answered_in_bounded_time()
    {
        var watch = Stopwatch.StartNew();
        var response = await App.QueryAsync("{ " + string.Join(' ', Enumerable.Repeat("__typename", 500)) + " }");

        response.AssertOk();
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData(4_900, true)]
    [InlineData(5_100, false)]
    public async Task Estimated_cost_multiplies_lists_by_their_page_size(int target, bool accepted)
    {
        // municipalities(first: 100) { nodes { areas(first: n) { nodes { id } } } } costs 1 + 100 × (1 + (1 + n × 1)) = 201 + 100n.
        var n = (target - 201) / 100;
        var response = await App.QueryAsync($"{{ municipalities(first: 100) {{ nodes {{ areas(first: {n}) {{ nodes {{ id }} }} }} }} }}");

        AssertLimit(response, accepted, "COST_LIMIT_EXCEEDED", 5000);
    }

    [Fact]
    public async Task Signed_in_callers_have_a_cost_budget_of_20000()
    {
        var query = "{ municipalities(first: 100) { nodes { areas(first: 100) { nodes { id } } } } }"; // 10201

        AssertLimit(await App.QueryAsync(query), false, "COST_LIMIT_EXCEEDED", 5000);
        (await App.QueryAsync(query, token: Tokens.Mint("cost-tester", "resident"))).AssertOk();
    }

    [Theory]
    [InlineData("query($n: Int = 100)", null)]
    [InlineData("query($n: Int = 1)", 100)]
    [InlineData("query($n: Int)", 100)]
    public async Task Page_sizes_from_variables_and_their_defaults_are_priced_like_literals(string header, int? sent)
    {
        // The same 10,201 as the literal first: 100 (Signed_in_callers_have_a_cost_budget_of_20000).
        var query = header + " { municipalities(first: $n) { nodes { areas(first: $n) { nodes { id } } } } }";

        var response = await App.QueryAsync(query, sent is null ? null : new { n = sent });

        AssertLimit(response, false, "COST_LIMIT_EXCEEDED", 5000);
        Assert.Contains("10201", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_small_page_sent_for_a_large_default_runs()
    {
        var query = "query($n: Int = 100) { municipalities(first: $n) { nodes { areas(first: $n) { nodes { id } } } } }";

        (await App.QueryAsync(query, new { n = 2 })).AssertOk();
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_list_of_keys_counts_its_length_whether_sent_or_defaulted(bool sent)
    {
        // 100 keys, each fetching 100 areas: 100 × (1 + 1 + 100) = 10,200, as if the keys were written in the document.
        var ids = string.Join(", ", Enumerable.Repeat("\"TXVuaWNpcGFsaXR5OjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw\"", 100));
        var query = $"query($ids: [ID!]! = [{ids}]) {{ nodes(ids: $ids) {{ ... on Municipality {{ areas(first: 100) {{ nodes {{ id }} }} }} }} }}";

        var response = await App.QueryAsync(query, sent ? new { ids = Enumerable.Repeat("TXVuaWNpcGFsaXR5OjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw", 100).ToArray() } : null);

        AssertLimit(response, false, "COST_LIMIT_EXCEEDED", 5000);
        Assert.Contains("10200", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Federation_entities_are_priced_by_their_representations_as_a_list_of_keys()
    {
        // 100 representations, each fetching 100 areas: 100 × (1 + 1 + 100) = 10,200, as nodes(ids:) with 100 IDs.
        var representations = Enumerable.Repeat(new Dictionary<string, object> { ["__typename"] = "Municipality", ["cbsCode"] = "GM0599" }, 100);

        var response = await App.QueryAsync("query($r: [_Any!]!) { _entities(representations: $r) { ... on Municipality { areas(first: 100) { nodes { id } } } } }", new { r = representations });

        AssertLimit(response, false, "COST_LIMIT_EXCEEDED", 5000);
        Assert.Contains("10200", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Circular_fragments_are_refused_not_followed()
    {
        var response = await App.QueryAsync("query { ...A } fragment A on Query { ...B } fragment B on Query { ...A }");

        Assert.Equal(400, response.Status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", response.FirstErrorCode);
    }

    [Fact]
    public async Task A_fragment_bomb_is_measured_without_expanding_it()
    {
        // Each fragment spreads the next twice: 2^20 leaves if expanded.
        var fragments = string.Concat(Enumerable.Range(0, 20).Select(i => $"fragment F{i} on Municipality {{ a{i}: name ...F{i + 1} ...F{i + 1} }} "));
        var query = $"{{ municipalities(first: 1) {{ nodes {{ ...F0 }} }} }} {fragments} fragment F20 on Municipality {{ name }}";
        var watch = Stopwatch.StartNew();

        var response = await App.QueryAsync(query);

        Assert.Equal(400, response.Status);
        Assert.Equal("MAX_ALIASES_EXCEEDED", response.FirstErrorCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task At_most_five_validation_errors_are_returned()
    {
        var response = await App.QueryAsync("{ " + string.Join(' ', Enumerable.Range(0, 12).Select(i => $"noSuchField{i}")) + " }");

        Assert.Equal(400, response.Status);
        Assert.Equal(5, response.Errors!.Count);
    }

    [Fact]
    public async Task A_10_MB_body_is_refused_with_413_without_being_read()
    {
        // Raw HTTP: announce 10 MB, send none of it, and read the answer; the server must not wait for the body.
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(App.BaseAddress.Host, App.BaseAddress.Port);
        await using var stream = tcp.GetStream();
        var head = $"POST /graphql HTTP/1.1\r\nHost: {App.BaseAddress.Authority}\r\nContent-Type: application/json\r\nAccept: application/graphql-response+json\r\nContent-Length: {10 * 1024 * 1024}\r\n\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head));
        using var reader = new StreamReader(stream, Encoding.UTF8);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));

        var statusLine = await reader.ReadLineAsync(timeout.Token);

        Assert.StartsWith("HTTP/1.1 413", statusLine, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Lists_of_keys_are_limited_to_100()
    {
        var ids = Enumerable.Repeat("TXVuaWNpcGFsaXR5OjAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAwMDAw", 101);

        var response = await App.QueryAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids });

        Assert.Equal(400, response.Status);
        Assert.Equal("GRAPHQL_VALIDATION_FAILED", response.FirstErrorCode);
    }

    internal static void AssertLimit(GraphQLResponse response, bool accepted, string code, int limit)
    {
        if (accepted)
        {
            Assert.True(response.Status == 200 && response.Errors is null, $"expected acceptance, got {response.Status}: {response.Text[..Math.Min(400, response.Text.Length)]}");
            return;
        }

        Assert.True(response.Status == 400, $"expected 400 {code}, got {response.Status}: {response.Text[..Math.Min(400, response.Text.Length)]}");
        Assert.Equal(code, response.FirstErrorCode);
        Assert.Equal(limit, response.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
        Assert.Null(response.Body!["data"]);
    }
}
