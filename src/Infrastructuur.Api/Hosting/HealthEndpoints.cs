using Microsoft.AspNetCore.Diagnostics.HealthChecks;

namespace Infrastructuur.Api.Hosting;

public static class HealthEndpoints
{
    /// <summary>live: the process answers. ready: the database answers, no migration is pending, not shutting down.</summary>
    public static WebApplication MapInfrastructuurHealth(this WebApplication app)
    {
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        return app;
    }
}
