using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>
/// Keeps the dashboards in use warm (ADR 0011): after writes, once they have been quiet for <see cref="Quiet"/> (or
/// <see cref="MostDelay"/> into a steady stream of them), and whenever cached figures reach half their age limit, it
/// recomputes the recently asked figures at the current data version, one at a time, so a dashboard request finds them
/// cached instead of waiting seconds for SQL. A request arriving during the refresh joins the computation under way.
/// </summary>
public sealed class DashboardRefresher(IServiceProvider services, ILogger<DashboardRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan MostDelay = TimeSpan.FromSeconds(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var options = DashboardOptions.Of(services);
        if (!options.RefreshInBackground || options.CacheSeconds <= 0)
        {
            return;
        }

        var database = services.GetRequiredService<IDbContextFactory<InfrastructuurDb>>();
        var data = DataVersion.Of(database);
        var seen = data.Current;
        var ageCheck = TimeSpan.FromSeconds(Math.Max(1, options.CacheSeconds / 4.0));
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                // Woken by a write, or by time so figures are refreshed before they age out.
                await Task.WhenAny(data.ChangedAsync(seen, stoppingToken), Task.Delay(ageCheck, stoppingToken));
                stoppingToken.ThrowIfCancellationRequested();
                if (data.Current != seen)
                {
                    // Let a burst of writes (an import, a form saving several records) settle first.
                    var started = DateTime.UtcNow;
                    long version;
                    do
                    {
                        version = data.Current;
                        await Task.Delay(Quiet, stoppingToken);
                    }
                    while (data.Current != version && DateTime.UtcNow - started < MostDelay);
                }

                seen = data.Current;
                var refreshed = await DashboardCache.RefreshAsync(database, options, stoppingToken);
                if (refreshed > 0)
                {
                    logger.LogDebug("Refreshed {Count} dashboard figures at data version {Version}", refreshed, seen);
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }
}
