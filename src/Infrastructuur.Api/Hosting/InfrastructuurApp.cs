using Infrastructuur.Api.Features.Dashboards;
using Infrastructuur.Api.Features.Funding;
using Infrastructuur.Api.Features.Hsds;
using Infrastructuur.Api.Features.Import;
using Infrastructuur.Api.Features.Shared.Mutations;
using Infrastructuur.Api.GraphQL;
using OpenTelemetry.Trace;

namespace Infrastructuur.Api.Hosting;

/// <summary>The composition root, callable from Program and from tests (which start the same app on 127.0.0.1).</summary>
public static class InfrastructuurApp
{
    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WatchUserSecretsFolder();
        configure?.Invoke(builder);

        builder.Services.AddInfrastructuurDatabase(builder.Configuration, builder.Environment);
        builder.Services.AddInfrastructuurAuthentication(builder.Configuration, builder.Environment);
        builder.Services.AddInfrastructuurGraphQL(builder.Configuration);
        builder.Services.AddInfrastructuurTelemetry(builder.Configuration);
        builder.Services.AddSingleton<ShutdownState>();
        builder.Services.AddIdempotency(builder.Configuration);
        builder.AddTransportLimits();

        var app = builder.Build();
        if (app.Environment.IsDevelopment() && !AuthenticationSetup.HasSigningKeys(app.Configuration))
        {
            app.Logger.LogWarning("No token signing key yet: every `dotnet user-jwts` token is refused until `dotnet user-jwts create --project src/Infrastructuur.Api` stores one (picked up without a restart).");
        }
        var shutdown = app.Services.GetRequiredService<ShutdownState>();
        var drain = TimeSpan.FromSeconds(app.Configuration.GetValue("Hosting:ReadinessDrainSeconds", 2.0));

        // On SIGTERM readiness turns 503 first; the host then waits for requests in flight (up to ShutdownTimeout).
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            shutdown.MarkStopping();
            Thread.Sleep(drain);
        });

        app.UseTransportSafety();
        app.UseCors();
        app.UseAuthentication();
        app.MapInfrastructuurHealth();
        app.MapInfrastuurGraphQL();
        app.MapBaselineImport();
        app.MapThreeSixtyGiving();
        app.MapHsds();
        return app;
    }

    private static IServiceCollection AddInfrastructuurTelemetry(this IServiceCollection services, IConfiguration configuration)
    {
        // Off unless an exporter is configured: "otlp" or "console".
        var exporter = configuration["Telemetry:Exporter"];
        if (string.IsNullOrEmpty(exporter) || exporter.Equals("none", StringComparison.OrdinalIgnoreCase))
        {
            return services;
        }

        services.AddOpenTelemetry().WithTracing(tracing =>
        {
            tracing.AddSource("GraphQL").AddAspNetCoreInstrumentation().AddEntityFrameworkCoreInstrumentation();
            if (exporter.Equals("console", StringComparison.OrdinalIgnoreCase))
            {
                tracing.AddConsoleExporter();
            }
            else
            {
                tracing.AddOtlpExporter();
            }
        });
        return services;
    }
}
