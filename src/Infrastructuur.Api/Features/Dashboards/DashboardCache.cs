using System.Collections.Concurrent;
using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;
using Microsoft.Extensions.Caching.Memory;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>The "Dashboards" configuration section.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboards";

    /// <summary>Counts over records about residents (their signals, natural-person shareholders) below this (and above zero) are suppressed for callers who may not see those records.</summary>
    public int SmallCellThreshold { get; set; } = 5;

    /// <summary>
    /// How long a computed figure may be served again at most; 0 turns caching off (within one request a figure is still
    /// computed once, however many fields of its section are selected). Any write through this server ends it sooner.
    /// </summary>
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

    // One computation per key at a time: sibling fields resolve in parallel and often need the same figures.
    private static readonly ConcurrentDictionary<string, Lazy<Task<object>>> Running = new(StringComparer.Ordinal);

    private const string RequestFigures = "infrastructuur:dashboard-figures";
    private const string RequestDataVersion = "infrastructuur:dashboard-data-version";

    private static object RequestVersion(IResolveFieldContext context)
    {
        var items = context.UserContext;
        lock (items)
        {
            if (!items.TryGetValue(RequestDataVersion, out var version) || version is null)
            {
                items[RequestDataVersion] = version = DataVersion.Current;
            }

            return version;
        }
    }

    /// <summary>
    /// The request's own computation of a figure. Without the cache, the sibling fields of a section (awarded, disbursed,
    /// byFunder …) would each compute the whole section; on SQLite, whose commands complete synchronously, a computation
    /// is often over before the next sibling starts, so sharing only what is still running is not enough.
    /// </summary>
    private static Lazy<Task<object>> InRequest(IResolveFieldContext context, string key, Func<Task<object>> compute)
    {
        var items = context.UserContext;
        lock (items)
        {
            if (!items.TryGetValue(RequestFigures, out var stored) || stored is not Dictionary<string, Lazy<Task<object>>> figures)
            {
                items[RequestFigures] = figures = new Dictionary<string, Lazy<Task<object>>>(StringComparer.Ordinal);
            }

            if (!figures.TryGetValue(key, out var figure))
            {
                figures[key] = figure = new Lazy<Task<object>>(compute);
            }

            return figure;
        }
    }

    public static async Task<T> GetOrComputeAsync<T>(IResolveFieldContext context, string key, Func<InfrastructuurDb, CancellationToken, Task<T>> compute)
        where T : class
    {
        var options = DashboardOptions.Of(context);
        var cancellationToken = context.CancellationToken;
        var factory = context.Request().DbFactory;

        // Read the version before computing: a write that lands meanwhile moves it, so this result is never served again.
        // One version per request, so all fields of a request agree even when a write lands between two of them.
        var versioned = $"{RequestVersion(context)}|{key}";
        if (options.CacheSeconds > 0 && Entries.TryGetValue(versioned, out T? cached) && cached is not null)
        {
            return cached;
        }

        async Task<object> ComputeAsync()
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await compute(db, cancellationToken);
        }

        if (options.CacheSeconds <= 0)
        {
            // Keyed without the data version: a write elsewhere during the request must not make its sibling fields
            // compute the section again (and disagree with each other).
            return (T)await InRequest(context, key, ComputeAsync).Value.WaitAsync(cancellationToken);
        }

        var running = Running.GetOrAdd(versioned, _ => new Lazy<Task<object>>(ComputeAsync));
        try
        {
            var value = (T)await running.Value.WaitAsync(cancellationToken);
            Entries.Set(versioned, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(options.CacheSeconds) });
            return value;
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The request that started the computation was cancelled, this one was not: compute on its own.
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            return await compute(db, cancellationToken);
        }
        finally
        {
            Running.TryRemove(new KeyValuePair<string, Lazy<Task<object>>>(versioned, running));
        }
    }
}
