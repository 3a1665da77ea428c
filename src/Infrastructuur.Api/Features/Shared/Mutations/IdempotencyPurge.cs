using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Shared.Mutations;

/// <summary>
/// Deletes expired idempotency records in bounded batches, every lifetime (at most hourly), so the table holds a day of
/// keys rather than every key ever sent. Its first round also deletes rows written before records were hashed and
/// response-free (a raw caller, a stored response). Every instance may run it: deleting a deleted row is harmless.
/// </summary>
public sealed class IdempotencyPurge(IDbContextFactory<InfrastructuurDb> factory, IdempotencySettings settings, ILogger<IdempotencyPurge> logger) : BackgroundService
{
    public const int BatchSize = 1000;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromTicks(Math.Clamp(settings.Lifetime.Ticks, TimeSpan.TicksPerSecond, TimeSpan.TicksPerHour)));
        var legacy = true;
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    var purged = await PurgeAsync(legacy, stoppingToken);
                    legacy = false;
                    if (purged > 0)
                    {
                        logger.LogDebug("Purged {Count} expired idempotency records", purged);
                    }
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // The database may be briefly unavailable (or not migrated yet): the next round tries again.
                    logger.LogWarning(ex, "Purging expired idempotency records failed");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // shutting down
        }
    }

    private async Task<int> PurgeAsync(bool legacy, CancellationToken ct)
    {
        var total = 0;
        int deleted;
        do
        {
            var expired = settings.ExpiredBefore;
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = db.IdempotencyRecords.Where(r => r.CreatedAt < expired
                || (legacy && (r.Response != null || r.Caller.StartsWith("sub:") || r.Caller.StartsWith("ip:"))));
            var batch = rows.OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(BatchSize);
            deleted = await db.IdempotencyRecords.Where(r => batch.Contains(r.Id)).ExecuteDeleteAsync(ct);
            total += deleted;
        }
        while (deleted == BatchSize);

        return total;
    }
}
