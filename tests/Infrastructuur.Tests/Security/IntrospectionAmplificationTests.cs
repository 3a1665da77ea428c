using System.Diagnostics;
using System.Text.Json.Nodes;
using Infrastructuur.Api.GraphQL.Limits;
using Infrastructuur.Tests.Infrastructure;
using Xunit.Abstractions;

namespace Infrastructuur.Tests.Security;

/// <summary>
/// Introspection cannot amplify a small document into a huge answer: one __schema per document, args/type/ofType
/// cannot reopen lists past the nesting rule, introspection is priced by the objects it returns, and no response
/// grows past MaxResponseBytes. GraphiQL's standard introspection query keeps passing for anonymous callers.
/// </summary>
public sealed class IntrospectionAmplificationTests(SqliteAppFixture fixture, ITestOutputHelper output) : IClassFixture<SqliteAppFixture>
{
    // Like the probe's 943-byte document: 15 aliased __schema fields, each spreading fragments that go from a type to
    // its fields, their args and types, and through ofType back into fields. Before the fix: 12 MB and +300 MB per request.
    private const string FifteenSchemas = """
        {a:__schema{...F} b:__schema{...F} c:__schema{...F} d:__schema{...F} e:__schema{...F} f:__schema{...F} g:__schema{...F}
         h:__schema{...F} i:__schema{...F} j:__schema{...F} k:__schema{...F} l:__schema{...F} m:__schema{...F} n:__schema{...F} o:__schema{...F}}
        fragment F on __Schema{types{...T}}
        fragment T on __Type{name fields{name args{...A} type{...R}}}
        fragment A on __InputValue{name type{...R}}
        fragment R on __Type{name kind ofType{...S} fields{name args{...B} type{...S ofType{...S}}}}
        fragment B on __InputValue{name type{...S ofType{...S}}}
        fragment S on __Type{name kind ofType{name fields{name description args{name description} type{name ofType{name}}}}}
        """;

    // The same fragments under a single __schema: refused by the nesting rule, which now counts args.
    private static readonly string OneSchemaDeep = "{ __schema { ...F } }" + FifteenSchemas[FifteenSchemas.IndexOf("fragment", StringComparison.Ordinal)..];

    // As wide as the nesting rule lets through: three lists of fields, each reached through type/ofType chains (180 KB).
    private const string WidestWithinNesting = """
        { __schema { types { name fields { name type { name ofType { name ofType { name ofType { name
          fields { name type { name ofType { name ofType { name ofType { name
            fields { name description type { name ofType { name ofType { name } } } } } } } } } } } } } } } } }
        """;

    private TestApp App => fixture.App;

    [Fact]
    public async Task The_attack_document_with_fifteen_schema_fields_is_refused_before_execution()
    {
        var watch = Stopwatch.StartNew();
        var response = await App.QueryAsync(FifteenSchemas);

        AssertRefused(response, "INTROSPECTION_TOO_DEEP", 1);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(2), $"took {watch.Elapsed}");
    }

    [Theory]
    [InlineData("{ a: __schema { queryType { name } } b: __schema { queryType { name } } }")]
    [InlineData("{ __schema { queryType { name } } ...S } fragment S on Query { __schema { mutationType { name } } }")]
    [InlineData("{ ...S ...S } fragment S on Query { __schema { queryType { name } } }")]
    [InlineData("{ ... on Query { __schema { queryType { name } } } __schema { mutationType { name } } }")]
    public async Task Only_one_schema_field_per_document_counting_aliases_and_fragments(string query)
    {
        AssertRefused(await App.QueryAsync(query), "INTROSPECTION_TOO_DEEP", 1);
    }

    [Fact]
    public async Task One_schema_field_with_type_lookups_beside_it_passes()
    {
        var response = await App.QueryAsync("""{ __schema { queryType { name } } a: __type(name: "Initiative") { name } b: __type(name: "Activity") { name } }""");

        response.AssertOk();
        Assert.Equal("Query", response.Data!["__schema"]!["queryType"]!["name"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("{ __schema { types { fields { args { type { fields { args { name } } } } } } } }", 4)]
    [InlineData("{ __schema { types { fields { args { type { ofType { fields { args { type { ofType { fields { name } } } } } } } } } } } }", 5)]
    public async Task Args_type_and_ofType_do_not_reopen_lists_past_the_nesting_rule(string query, int nesting)
    {
        var response = await App.QueryAsync(query);

        AssertRefused(response, "INTROSPECTION_TOO_DEEP", 3);
        Assert.Contains($"{nesting} deep", response.Errors![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_attack_fragments_under_a_single_schema_field_are_refused_by_the_nesting_rule()
    {
        AssertRefused(await App.QueryAsync(OneSchemaDeep), "INTROSPECTION_TOO_DEEP", 3);
    }

    [Fact]
    public async Task Introspection_is_priced_by_the_objects_it_returns_and_the_standard_query_stays_within_the_anonymous_budget()
    {
        var answer = await App.QueryAsync(IntrospectionQuery.Standard);
        var objects = CountObjects(answer.AssertOk().Data!["__schema"]); // __schema itself included
        var perCost = new LimitsOptions().IntrospectionObjectsPerCost;
        Assert.True(objects / (double)perCost <= new LimitsOptions().MaxCostAnonymous, $"the IDE's query costs {objects / (double)perCost}");

        // Just below its price for anonymous callers, just above it for signed-in ones: the price is what it returns.
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?>
        {
            ["GraphQL:Limits:MaxCostAnonymous"] = ((objects - perCost) / perCost).ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["GraphQL:Limits:MaxCostAuthenticated"] = ((objects + perCost - 1) / perCost).ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

        AssertRefused(await app.QueryAsync(IntrospectionQuery.Standard), "COST_LIMIT_EXCEEDED", (objects - perCost) / perCost);
        (await app.QueryAsync(IntrospectionQuery.Standard, token: Tokens.Mint("introspector", "resident"))).AssertOk();
    }

    [Fact]
    public async Task A_response_over_MaxResponseBytes_is_replaced_by_RESPONSE_TOO_LARGE()
    {
        const int Limit = 100_000;
        await using var app = await TestApp.StartAsync(Engine.Sqlite, new Dictionary<string, string?> { ["GraphQL:Limits:MaxResponseBytes"] = Limit.ToString(System.Globalization.CultureInfo.InvariantCulture) });

        var large = await app.QueryAsync(IntrospectionQuery.Standard);
        var legacy = await app.QueryAsync(IntrospectionQuery.Standard, accept: "application/json");
        var small = await app.QueryAsync("{ municipalities(first: 2) { nodes { name } } }");

        foreach (var response in new[] { large, legacy })
        {
            Assert.Equal(200, response.Status);
            Assert.Equal("RESPONSE_TOO_LARGE", response.FirstErrorCode);
            Assert.Equal(Limit, response.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
            Assert.Null(response.Data);
            Assert.True(response.Text.Length < 1_000, $"{response.Text.Length} bytes");
        }

        small.AssertOk();
        Assert.True(new LimitsOptions().MaxResponseBytes > (await App.QueryAsync(IntrospectionQuery.Standard)).Text.Length * 4, "the default leaves the IDE's query room to grow");
    }

    [Fact]
    public async Task A_flood_of_introspection_attacks_leaves_a_cheap_query_under_1_s_and_memory_bounded()
    {
        await using var app = await TestApp.StartAsync(Engine.Sqlite);
        (await app.QueryAsync(IntrospectionQuery.Standard)).AssertOk(); // warm: the flood measures steady state, not start-up
        var baseline = GC.GetTotalMemory(forceFullCollection: true);
        var peak = baseline;
        using var stop = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                peak = Math.Max(peak, GC.GetTotalMemory(forceFullCollection: false));
                await Task.Delay(10);
            }
        });

        // 8 attackers at once, 3 documents each: bounded in count; every one either refused or at most MaxResponseBytes.
        string[] documents = [FifteenSchemas, OneSchemaDeep, WidestWithinNesting];
        var attackers = Enumerable.Range(0, 8).Select(i => Task.Run(async () =>
        {
            var answers = new List<GraphQLResponse>();
            for (var round = 0; round < documents.Length; round++)
            {
                answers.Add(await app.QueryAsync(documents[(i + round) % documents.Length]));
            }

            return answers;
        })).ToList();
        var cheap = new List<TimeSpan>();
        var flood = Stopwatch.StartNew();
        while ((attackers.Any(a => !a.IsCompleted) || cheap.Count < 5) && flood.Elapsed < TimeSpan.FromSeconds(60))
        {
            var watch = Stopwatch.StartNew();
            (await app.QueryAsync("{ __typename }")).AssertOk();
            cheap.Add(watch.Elapsed);
            await Task.Delay(25);
        }

        var answers = (await Task.WhenAll(attackers)).SelectMany(a => a).ToList();
        await stop.CancelAsync();
        await sampler;

        Assert.Equal(24, answers.Count);
        Assert.All(answers, a => Assert.True(
            (a.Status == 400 && a.FirstErrorCode is "INTROSPECTION_TOO_DEEP" or "COST_LIMIT_EXCEEDED") || (a.Status == 200 && a.Text.Length <= new LimitsOptions().MaxResponseBytes),
            $"{a.Status} {a.Text.Length} bytes: {a.Text[..Math.Min(200, a.Text.Length)]}"));
        Assert.True(cheap.Max() < TimeSpan.FromSeconds(1), $"the cheap query took up to {cheap.Max().TotalMilliseconds:0} ms during the flood");
        var growth = (peak - baseline) / (1024 * 1024);
        output.WriteLine($"{answers.Count} attack requests in {flood.Elapsed.TotalSeconds:0.0} s; cheap query max {cheap.Max().TotalMilliseconds:0} ms over {cheap.Count}; managed memory +{growth} MB at peak");
        Assert.True(growth < 150, $"managed memory grew by {growth} MB during the flood (peak {peak / (1024 * 1024)} MB)");
        (await app.QueryAsync(IntrospectionQuery.Standard)).AssertOk();
    }

    private static int CountObjects(JsonNode? node) => node switch
    {
        JsonObject o => 1 + o.Sum(p => CountObjects(p.Value)),
        JsonArray a => a.Sum(CountObjects),
        _ => 0,
    };

    private static void AssertRefused(GraphQLResponse response, string code, int limit)
    {
        Assert.True(response.Status == 400, $"expected 400 {code}, got {response.Status}: {response.Text[..Math.Min(400, response.Text.Length)]}");
        Assert.Equal(code, response.FirstErrorCode);
        Assert.Equal(limit, response.Errors![0]!["extensions"]!["limit"]!.GetValue<int>());
        Assert.Null(response.Body!["data"]);
    }
}
