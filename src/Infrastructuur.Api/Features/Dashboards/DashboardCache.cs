using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;
using Microsoft.Extensions.Caching.Memory;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>The "Dashboards" configuration section.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboards";

    /// <summary>Counts over residents' signals below this (and above zero) are suppressed for callers who may not see the signals.</summary>
    public int SmallCellThreshold { get; set; } = 5;

    /// <summary>How long a computed figure may be served again at most; 0 turns caching off. Any write through this server ends it sooner.</summary>
    public int CacheSeconds { get; set; } = 60;

    public static DashboardOptions Of(IResolveFieldContext context) =>
        context.Request().Services.GetRequiredService<IConfiguration>().GetSection(Section).Get<DashboardOptions>() ?? new DashboardOptions();
}

/// <summary>
/// Dashboard figures are aggregates over a whole municipality: on a large one a cold computation takes far longer than a
/// list page, while the figures change only when someone writes. So each figure is kept, per scope and caller class,
/// until the next write through this server (<see cref="DataVersion"/>) or for <see cref="DashboardOptions.CacheSeconds"/>
/// at most (writes through another instance). Process-wide: keys hold the database's own IDs, and a test app's
/// writes move the version too.
/// </summary>
public static class DashboardCache
{
    private const int MaxEntries = 2_000;

    private static readonly MemoryCache Entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    public static async Task<T> GetOrComputeAsync<T>(IResolveFieldContext context, string key, Func<InfrastructuurDb, CancellationToken, Task<T>> compute)
        where T : class
    {
        var options = DashboardOptions.Of(context);
        var cancellationToken = context.CancellationToken;
        var factory = context.Request().DbFactory;

        // Read the version before computing: a write that lands meanwhile moves it, so this result is never served again.
        var versioned = $"{DataVersion.Current}|{key}";
        if (options.CacheSeconds > 0 && Entries.TryGetValue(versioned, out T? cached) && cached is not null)
        {
            return cached;
        }

        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var value = await compute(db, cancellationToken);
        if (options.CacheSeconds > 0)
        {
            Entries.Set(versioned, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.CacheSeconds) });
        }

        return value;
    }
}
