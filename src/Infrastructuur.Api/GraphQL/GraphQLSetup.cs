using System.Text.Encodings.Web;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQLParser.AST;
using Infrastructuur.Api.GraphQL.Limits;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Shared.Mutations;

namespace Infrastructuur.Api.GraphQL;

public static class GraphQLSetup
{
    public static IServiceCollection AddInfrastructuurGraphQL(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<GraphQLHttpOptions>(configuration.GetSection(GraphQLHttpOptions.Section));
        services.AddGraphQL(b => b
            .AddSchema<InfrastructuurSchema>()
            .AddGraphTypes(typeof(InfrastructuurSchema).Assembly)
            .AddSystemTextJson(o => o.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping)
            .AddErrorInfoProvider<ApiErrorInfoProvider>()
            .AddSchemaVisitor<PolicyEnforcement>()
            .AddSchemaVisitor<IntrospectionGaps>()
            .ConfigureExecution(Features.Access.AccessLog.WriteAfterExecutionAsync)
            .AddUnhandledExceptionHandler(LogUnhandled)
            .UseTelemetry());

        // Mutations read the Idempotency-Key header through it (the endpoint stays untouched).
        services.AddHttpContextAccessor();

        services.Configure<LimitsOptions>(configuration.GetSection(LimitsOptions.Section));
        services.Configure<Features.Dashboards.DashboardOptions>(configuration.GetSection(Features.Dashboards.DashboardOptions.Section));
        // A mistyped trusted client stops the start, not the first request that carries its key.
        services.AddOptions<RateLimitOptions>().Bind(configuration.GetSection(RateLimitOptions.Section))
            .Validate(o => o.TrustedClients.All(TrustedClient.IsValid), $"{RateLimitOptions.Section}:TrustedClients needs a Name and a KeySha256 of 64 hex digits for every client, each name once.")
            .Validate(o => o.TrustedClients.Select(c => c.Name).Distinct(StringComparer.Ordinal).Count() == o.TrustedClients.Count, $"{RateLimitOptions.Section}:TrustedClients names each client once.")
            .ValidateOnStart();
        services.Configure<PersistedOperationsOptions>(configuration.GetSection(PersistedOperationsOptions.Section));
        services.AddSingleton<RequestLimits>();
        services.AddSingleton<ListBounds>();
        services.AddSingleton<RateLimits>();
        services.AddSingleton<PersistedOperations>();
        services.Configure<AutomaticPersistedQueriesOptions>(configuration.GetSection(AutomaticPersistedQueriesOptions.Section));
        services.AddSingleton<AutomaticPersistedQueries>();
        services.AddSingleton<SchemaDocument>();
        services.AddSingleton<DocumentCache>();
        services.AddSingleton<IdePage>();
        services.AddSingleton<Features.Dashboards.DashboardPage>();
        services.AddSingleton<GraphQLHttpEndpoint>();

        // node(id:) dispatch: every object graph type over an entity is a Node, named after the entity.
        var graphTypes = typeof(GraphQLSetup).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && !t.ContainsGenericParameters)
            .Select(t => (GraphType: t, Entity: EntityOf(t)))
            .Where(t => t.Entity is not null)
            .ToList();
        foreach (var entity in graphTypes.Select(t => t.Entity!).Distinct())
        {
            services.AddSingleton((NodeResolver)typeof(NodeResolver).GetMethod(nameof(NodeResolver.For))!.MakeGenericMethod(entity).Invoke(null, [entity.Name])!);
        }

        // The one Node that is a view of an entity rather than an entity: it declares its resolver next to its type.
        services.AddSingleton(Features.Dashboards.NetworkNodeType.Resolver);

        // Federation's entities are the same Nodes (ADR 0027).
        services.AddSingleton(new Federation.FederatedEntities([.. graphTypes.Select(t => t.GraphType).Append(typeof(Features.Dashboards.NetworkNodeType)).OrderBy(t => t.Name.EndsWith("Type", StringComparison.Ordinal) ? t.Name[..^4] : t.Name, StringComparer.Ordinal)]));
        return services;
    }

    // The entity T of a graph type deriving (directly or not) from ObjectGraphType<T>, when T is an entity.
    private static Type? EntityOf(Type type)
    {
        for (var t = type.BaseType; t is not null; t = t.BaseType)
        {
            if (t.IsGenericType && t.GetGenericTypeDefinition() == typeof(ObjectGraphType<>))
            {
                var entity = t.GetGenericArguments()[0];
                return entity.IsSubclassOf(typeof(Entity)) ? entity : null;
            }
        }

        return null;
    }

    // Faults reach the log with their stack trace (the client only sees INTERNAL and a trace id).
    // The exception alone is logged, never the variables, which may hold personal data.
    private static void LogUnhandled(UnhandledExceptionContext context)
    {
        var logger = context.Context?.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Infrastructuur.GraphQL");
        logger?.LogError(context.OriginalException, "Unhandled error in GraphQL field {Path}", context.FieldContext?.Path is { } path ? string.Join('.', path) : "(document)");
    }

    public static WebApplication MapInfrastuurGraphQL(this WebApplication app)
    {
        app.Services.GetRequiredService<IdePage>().MapAssets(app);
        Features.Dashboards.DashboardPage.Map(app);

        var endpoint = app.Services.GetRequiredService<GraphQLHttpEndpoint>();
        app.Map("/graphql", endpoint.HandleAsync);
        return app;
    }
}
