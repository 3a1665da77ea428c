using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Hosting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Infrastructuur.Tests.Infrastructure;

public enum Engine
{
    Sqlite,
    Postgres,
}

/// <summary>
/// The real app (the same composition root as Program), on Kestrel at 127.0.0.1 on a free port, over a real
/// database of its own: a fresh SQLite file, or a fresh PostgreSQL database in the shared throwaway cluster.
/// Tests talk to it over real HTTP.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _sqliteDir;
    private readonly string? _postgres;

    private TestApp(WebApplication app, Engine engine, string? sqliteDir, string? postgres)
    {
        _app = app;
        Engine = engine;
        _sqliteDir = sqliteDir;
        _postgres = postgres;
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        BaseAddress = new Uri(address);
        Client = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
    }

    public Engine Engine { get; }

    public Uri BaseAddress { get; }

    public Uri GraphQLUrl => new(BaseAddress, "/graphql");

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    /// <param name="configure">Changes to the app's builder after the test settings, e.g. a logger provider that captures logs.</param>
    public static async Task<TestApp> StartAsync(Engine engine, IDictionary<string, string?>? settings = null, bool initialize = true, string environment = "Testing", Action<WebApplicationBuilder>? configure = null)
    {
        var config = new Dictionary<string, string?>
        {
            ["Urls"] = "http://127.0.0.1:0",
            ["Logging:LogLevel:Default"] = "Warning",
            ["Database:SeedDemoData"] = "true",
            ["Hosting:ReadinessDrainSeconds"] = "0",
            // Suites fire many requests from one address; the rate-limit tests set the real budgets back.
            ["GraphQL:RateLimits:RequestsPerMinuteAnonymous"] = "1000000",
            ["GraphQL:RateLimits:RequestsPerMinuteAuthenticated"] = "1000000",
            ["GraphQL:RateLimits:MutationsPerMinute"] = "1000000",
            ["GraphQL:RateLimits:OpenMutationsPerMinute"] = "1000000",
            ["GraphQL:RateLimits:CostPerMinuteAnonymous"] = "1000000000",
            ["GraphQL:RateLimits:CostPerMinuteAuthenticated"] = "1000000000",
            ["Authentication:Schemes:Bearer:ValidIssuer"] = Tokens.Issuer,
            ["Authentication:Schemes:Bearer:ValidAudiences:0"] = Tokens.Audience,
            ["Authentication:Schemes:Bearer:SigningKeys:0:Value"] = Tokens.KeyBase64,
        };
        string? sqliteDir = null;
        string? postgres = null;
        if (engine == Engine.Sqlite)
        {
            sqliteDir = Directory.CreateTempSubdirectory("infra-test-").FullName;
            config["Database:Provider"] = "Sqlite";
            config["Database:SqlitePath"] = Path.Combine(sqliteDir, "test.db");
        }
        else
        {
            var cluster = await PostgresCluster.SharedAsync();
            config["Database:Provider"] = "Postgres";
            config["Database:PostgresConnectionString"] = await cluster.CreateDatabaseAsync("infra");
            postgres = config["Database:PostgresConnectionString"];
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            config[key] = value;
        }

        var contentRoot = Path.Combine(TestEnvironment.RepoRoot, "src", "Infrastructuur.Api");
        var app = InfrastructuurApp.Build(["--environment", environment, "--contentRoot", contentRoot], builder =>
        {
            builder.Configuration.AddInMemoryCollection(config);
            configure?.Invoke(builder);
        });
        if (initialize)
        {
            await app.InitializeDatabaseAsync();
        }

        await app.StartAsync();
        return new TestApp(app, engine, sqliteDir, postgres);
    }

    /// <summary>Whether this engine can run here; see <see cref="TestEnvironment.Require"/>.</summary>
    public static string? Unavailable(Engine engine) => engine == Engine.Postgres ? PostgresCluster.UnavailableReason : null;

    public async Task<InfrastructuurDb> OpenDbAsync() =>
        await Services.GetRequiredService<IDbContextFactory<InfrastructuurDb>>().CreateDbContextAsync();

    /// <summary>POSTs a GraphQL request and returns the status and the parsed body.</summary>
    public async Task<GraphQLResponse> QueryAsync(string query, object? variables = null, string? token = null, string accept = "application/graphql-response+json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(accept);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return await SendAsync(request);
    }

    public async Task<GraphQLResponse> SendAsync(HttpRequestMessage request)
    {
        using var response = await Client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        JsonNode? body = null;
        try
        {
            body = string.IsNullOrWhiteSpace(text) ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // leave null: the caller asserts on Text
        }

        var result = new GraphQLResponse((int)response.StatusCode, response.Content.Headers.ContentType?.MediaType, text, body, response.Headers, response.Content.Headers);
        ErrorContract.Check(result);
        return result;
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_postgres is not null)
        {
            // The shared cluster has a connection limit: a finished class gives its idle connections back at once.
            using var connection = new Npgsql.NpgsqlConnection(_postgres);
            Npgsql.NpgsqlConnection.ClearPool(connection);
        }

        if (_sqliteDir is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(_sqliteDir, recursive: true);
            }
            catch (IOException)
            {
                // a temp folder left behind is harmless
            }
        }
    }
}

public sealed record GraphQLResponse(int Status, string? MediaType, string Text, JsonNode? Body, HttpResponseHeaders Headers, HttpContentHeaders ContentHeaders)
{
    public JsonNode? Data => Body?["data"];

    public JsonArray? Errors => Body?["errors"] as JsonArray;

    public string? FirstErrorCode => Errors?.FirstOrDefault()?["extensions"]?["code"]?.GetValue<string>();

    /// <summary>Fails with the whole body when the response carries errors.</summary>
    public GraphQLResponse AssertOk()
    {
        Assert.True(Status == 200 && Errors is null, $"Expected success, got {Status}: {Text}");
        return this;
    }
}

/// <summary>One app per test class (SQLite); each test makes its own data or reads only the demo data.</summary>
public sealed class SqliteAppFixture : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async Task InitializeAsync() => App = await TestApp.StartAsync(Engine.Sqlite);

    public async Task DisposeAsync() => await App.DisposeAsync();
}

/// <summary>One app per test class over its own PostgreSQL database; unavailable (not started) when PostgreSQL is missing.</summary>
public sealed class PostgresAppFixture : IAsyncLifetime
{
    private TestApp? _app;

    public TestApp App
    {
        get
        {
            TestEnvironment.Require(TestApp.Unavailable(Engine.Postgres));
            return _app ?? throw new InvalidOperationException("The PostgreSQL app did not start.");
        }
    }

    public async Task InitializeAsync()
    {
        if (TestApp.Unavailable(Engine.Postgres) is null)
        {
            _app = await TestApp.StartAsync(Engine.Postgres);
        }
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }
    }
}
