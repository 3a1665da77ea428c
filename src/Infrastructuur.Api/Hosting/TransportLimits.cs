using System.Diagnostics;
using System.Text.Json;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Hosting;

/// <summary>Kestrel and CORS settings (docs/security.md "Transport"), from configuration.</summary>
public static class TransportLimits
{
    public static WebApplicationBuilder AddTransportLimits(this WebApplicationBuilder builder)
    {
        var config = builder.Configuration;
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;
            kestrel.Limits.MaxRequestHeadersTotalSize = config.GetValue("Kestrel:Limits:MaxRequestHeadersTotalSize", 32 * 1024);
            kestrel.Limits.RequestHeadersTimeout = TimeSpan.FromSeconds(config.GetValue("Kestrel:Limits:RequestHeadersTimeoutSeconds", 10));
            // A slow-loris body must keep moving: at least 240 bytes/s after a 5 s grace.
            kestrel.Limits.MinRequestBodyDataRate = new Microsoft.AspNetCore.Server.Kestrel.Core.MinDataRate(240, TimeSpan.FromSeconds(5));
            // Hard cap well above the GraphQL body limit (which answers 413 in the GraphQL format itself).
            kestrel.Limits.MaxRequestBodySize = config.GetValue("Kestrel:Limits:MaxRequestBodySize", 1024 * 1024);
        });

        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(config.GetValue("Hosting:ShutdownTimeoutSeconds", 30)));

        // Bearer tokens only, never cookies, so credentials are not allowed cross-origin; origins come from configuration.
        var origins = config.GetSection("Cors:AllowedOrigins").Get<string[]>() ?? [];
        builder.Services.AddCors(cors => cors.AddDefaultPolicy(policy =>
        {
            if (origins.Length > 0)
            {
                policy.WithOrigins(origins).WithMethods("GET", "POST").WithHeaders("Content-Type", "Authorization", "Accept", "Accept-Language", "Idempotency-Key").SetPreflightMaxAge(TimeSpan.FromHours(1));
            }
        }));
        return builder;
    }

    /// <summary>
    /// First in the pipeline: every response says nosniff (JSON errors too, so a browser never renders one as HTML), and
    /// a fault outside GraphQL execution is INTERNAL with a trace id in the error format, never a stack trace (the
    /// Development exception page included).
    /// </summary>
    public static WebApplication UseTransportSafety(this WebApplication app)
    {
        app.Use(async (http, next) =>
        {
            http.Response.Headers.XContentTypeOptions = "nosniff";
            try
            {
                await next(http);
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !http.RequestAborted.IsCancellationRequested)
            {
                var traceId = Activity.Current?.TraceId.ToString() ?? http.TraceIdentifier;
                app.Logger.LogError(ex, "Unhandled error in request {TraceId}", traceId);
                if (http.Response.HasStarted)
                {
                    throw;
                }

                http.Response.Clear();
                http.Response.StatusCode = StatusCodes.Status500InternalServerError;
                http.Response.Headers.XContentTypeOptions = "nosniff";
                http.Response.ContentType = "application/json; charset=utf-8";
                await JsonSerializer.SerializeAsync(http.Response.Body, new
                {
                    errors = new[] { new { message = "An internal error occurred. Quote the traceId when you report it.", extensions = new { code = ErrorCodes.Internal, traceId } } },
                });
            }
        });
        return app;
    }
}
