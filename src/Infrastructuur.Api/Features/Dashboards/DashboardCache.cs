using System.Collections.Concurrent;
using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>The "Dashboards" configuration section.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboards";

    /// <summary>Counts over records about residents (their signals, natural-person shareholders) below this (and above zero) are suppressed for callers who may not see those records.</summary>
    public int SmallCellThreshold { get; set; } = 5;

    /// <summary>
    /// How long a computed figure may be served at most when no write through this server moved the data (writes through
    /// another instance); 0 turns caching off (within one request a figure is still computed once, however many fields
    /// of its section are selected).
    /// </summary>
    public int CacheSeconds { get; set; } = 600;

    /// <summary>Recompute recently asked figures in the background after writes and before they age out, so dashboards answer from the cache.</summary>
    public bool RefreshInBackground { get; set; } = true;

    public static DashboardOptions Of(IResolveFieldContext context) => Of(context.Request().Services);

    public static DashboardOptions Of(IServiceProvider services) =>
        services.GetRequiredService<IConfiguration>().GetSection(Section).Get<DashboardOptions>() ?? new DashboardOptions();
}

/// <summary>
/// Dashboard figures are aggregates over a whole municipality: on a large one a cold computation takes seconds, while the
/// figures change only when someone writes. So each figure is computed once per data version (<see cref="DataVersion"/> of
/// its database, moved by every write through this server) and kept: a request at the same version is answered from memory. Writes
/// through another instance are caught by age (<see cref="DashboardOptions.CacheSeconds"/>). What a computation costs is
/// paid off the request path where it can be (ADR 0011):
/// - a computation is shared by every request that needs it and outlives the request that started it (a request that
///   times out still leaves the figure cached for the next one), bounded by <see cref="ComputationLimit"/>;
/// - <see cref="DashboardRefresher"/> recomputes the figures asked for in the last <see cref="RefreshWindow"/> shortly
///   after writes and before they age out, so a dashboard in use stays warm.
/// Process-wide storage; keys name the database (its data version's ID), so apps over other databases never share an entry.
/// </summary>
public static class DashboardCache
{
    /// <summary>Figures asked for within this long are kept warm by the refresher.</summary>
    public static readonly TimeSpan RefreshWindow = TimeSpan.FromMinutes(30);

    /// <summary>A computation nobody waits for any more is still allowed this long to finish and be cached.</summary>
    public static readonly TimeSpan ComputationLimit = TimeSpan.FromMinutes(5);

    /// <summary>The refresher keeps at most this many figures warm per database.</summary>
    public const int MaxRefreshed = 200;

    private const int MaxEntries = 2_000;

    private static readonly MemoryCache Entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    // One computation per versioned key at a time: sibling fields and concurrent requests often need the same figures.
    private static readonly ConcurrentDictionary<string, Lazy<Task<object>>> Running = new(StringComparer.Ordinal);

    // How to compute each recently asked figure again, by key without version.
    private static readonly ConcurrentDictionary<string, Registration> Asked = new(StringComparer.Ordinal);

    private const string RequestFigures = "infrastructuur:dashboard-figures";

    /// <summary>The figures of one request: one data version for all its fields, so they agree even when a write lands between two of them.</summary>
    public static Figures Of(IResolveFieldContext context)
    {
        var items = context.UserContext;
        lock (items)
        {
            if (!items.TryGetValue(RequestFigures, out var stored) || stored is not Figures figures)
            {
                var request = context.Request();
                var options = DashboardOptions.Of(request.Services);
                items[RequestFigures] = figures = new Figures(DataVersion.Of(request.DbFactory), request.DbFactory, options, asked: true, context.CancellationToken, Stopping(request.Services));
            }

            return figures;
        }
    }

    public static Task<T> GetOrComputeAsync<T>(IResolveFieldContext context, string key, Func<InfrastructuurDb, CancellationToken, Task<T>> compute)
        where T : class => Of(context).GetAsync(key, compute);

    public static Task<T> GetOrComputeAsync<T>(IResolveFieldContext context, string key, Func<Figures, InfrastructuurDb, CancellationToken, Task<T>> compute)
        where T : class => Of(context).GetAsync(key, compute);

    private static CancellationToken Stopping(IServiceProvider services) =>
        services.GetService<IHostApplicationLifetime>()?.ApplicationStopping ?? CancellationToken.None;

    /// <summary>
    /// Recomputes, at the current data version, every figure asked for within <see cref="RefreshWindow"/> (the
    /// <see cref="MaxRefreshed"/> most recent) that is not cached at that version or is older than half
    /// <see cref="DashboardOptions.CacheSeconds"/>, one at a time, most recently asked first. Forgets the others.
    /// </summary>
    public static async Task<int> RefreshAsync(IDbContextFactory<InfrastructuurDb> database, DashboardOptions options, CancellationToken stopping)
    {
        var refreshed = 0;
        var now = DateTime.UtcNow;

        // Only this app's figures: several apps (tests) share the process, each over its own database. At most
        // MaxRefreshed of them, the most recently asked: a caller asking for many periods must not make every write
        // cost many computations.
        var mine = Asked.Where(a => a.Value.Factory == database).OrderByDescending(a => a.Value.LastAsked).ToList();
        foreach (var (key, registration) in mine.Skip(MaxRefreshed).Concat(mine.Take(MaxRefreshed).Where(a => now - a.Value.LastAsked > RefreshWindow)))
        {
            Asked.TryRemove(new KeyValuePair<string, Registration>(key, registration));
        }

        // Most recently asked first: the dashboard someone has open is warm again before the ones asked for earlier. A
        // figure built from another computes that one itself if it is not fresh yet (through the cache, same version).
        foreach (var (key, registration) in mine.Take(MaxRefreshed).Where(a => now - a.Value.LastAsked <= RefreshWindow))
        {
            var figures = new Figures(DataVersion.Of(database), registration.Factory, options, asked: false, stopping, stopping);
            if (Entries.TryGetValue(figures.Versioned(key), out Cached? cached) && cached is not null && now - cached.ComputedAt < TimeSpan.FromSeconds(options.CacheSeconds / 2.0))
            {
                continue;
            }

            try
            {
                await figures.ComputeAgainAsync(key, registration.Compute);
                refreshed++;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !stopping.IsCancellationRequested)
            {
                // The database went away (a test app disposed) or the figure fails: stop refreshing it; a request that asks
                // again computes it and reports its own error.
                Asked.TryRemove(new KeyValuePair<string, Registration>(key, registration));
            }
        }

        return refreshed;
    }

    private sealed record Cached(object Value, DateTime ComputedAt);

    private sealed class Registration(Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> compute, IDbContextFactory<InfrastructuurDb> factory)
    {
        public Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> Compute { get; } = compute;

        public IDbContextFactory<InfrastructuurDb> Factory { get; } = factory;

        public DateTime LastAsked { get; set; } = DateTime.UtcNow;
    }

    /// <summary>
    /// Figures at one data version, for one request or one refresh pass. A computation gets a nested instance, so the
    /// figures it is built from (overlaps from offering cells) come from the same version and the cache.
    /// </summary>
    public sealed class Figures
    {
        private readonly string _version;
        private readonly IDbContextFactory<InfrastructuurDb> _factory;
        private readonly DashboardOptions _options;
        private readonly bool _asked;
        private readonly CancellationToken _waiting;
        private readonly CancellationToken _stopping;
        private readonly Dictionary<string, Lazy<Task<object>>> _inRequest = new(StringComparer.Ordinal);

        internal Figures(DataVersion data, IDbContextFactory<InfrastructuurDb> factory, DashboardOptions options, bool asked, CancellationToken waiting, CancellationToken stopping)
        {
            _version = $"{data.Database:N}.{data.Current}";
            _factory = factory;
            _options = options;
            _asked = asked;
            _waiting = waiting;
            _stopping = stopping;
        }

        // A nested instance: the same version, waiting on the computation's own time limit.
        private Figures(Figures outer, CancellationToken waiting)
        {
            _version = outer._version;
            _factory = outer._factory;
            _options = outer._options;
            _asked = false;
            Nested = true;
            _waiting = waiting;
            _stopping = outer._stopping;
        }

        private bool Nested { get; }

        internal string Versioned(string key) => $"{_version}|{key}";

        public Task<T> GetAsync<T>(string key, Func<InfrastructuurDb, CancellationToken, Task<T>> compute)
            where T : class => GetAsync<T>(key, (_, db, ct) => compute(db, ct));

        public async Task<T> GetAsync<T>(string key, Func<Figures, InfrastructuurDb, CancellationToken, Task<T>> compute)
            where T : class
        {
            async Task<object> Untyped(Figures figures, InfrastructuurDb db, CancellationToken ct) => await compute(figures, db, ct);

            if (_options.CacheSeconds <= 0)
            {
                // Keyed without the data version: a write elsewhere during the request must not make its sibling fields
                // compute the section again (and disagree with each other). Bound to the request: nothing outlives it.
                Lazy<Task<object>> figure;
                lock (_inRequest)
                {
                    if (!_inRequest.TryGetValue(key, out figure!))
                    {
                        _inRequest[key] = figure = new Lazy<Task<object>>(() => RunAsync(Untyped, store: null, _waiting));
                    }
                }

                return (T)await figure.Value.WaitAsync(_waiting);
            }

            if (_asked)
            {
                Asked.AddOrUpdate(key, _ => new Registration(Untyped, _factory), (_, r) =>
                {
                    r.LastAsked = DateTime.UtcNow;
                    return r;
                });
            }

            var versioned = Versioned(key);
            if (Entries.TryGetValue(versioned, out Cached? cached) && cached is not null)
            {
                return (T)cached.Value;
            }

            return (T)await Shared(versioned, Untyped).WaitAsync(_waiting);
        }

        /// <summary>Computes a figure at this version even when it is cached (it aged), sharing a computation already under way.</summary>
        internal Task<object> ComputeAgainAsync(string key, Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> compute) =>
            Shared(Versioned(key), compute).WaitAsync(_waiting);

        // The computation of a versioned key, started once, on its own time limit rather than the request's: the request
        // only waits for it, and when it gives up (timeout, client gone) the figure is still cached for the next one.
        private Task<object> Shared(string versioned, Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> compute) =>
            Running.GetOrAdd(versioned, _ => new Lazy<Task<object>>(() => Limited(versioned, compute))).Value;

        private async Task<object> Limited(string versioned, Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> compute)
        {
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(_stopping);
            limit.CancelAfter(ComputationLimit);
            try
            {
                return await RunAsync(compute, versioned, limit.Token);
            }
            finally
            {
                // Done (stored, or failed): the next request reads the cache or starts again. Nobody can have added another
                // computation for this key meanwhile, since this one was still in the map.
                Running.TryRemove(versioned, out _);
            }
        }

        private async Task<object> RunAsync(Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> compute, string? store, CancellationToken cancellationToken)
        {
            // Let the caller go on (sibling fields start their own figures) before the SQL runs: SQLite completes synchronously.
            await Task.Yield();
            // In-request mode shares this request's figures; a cached computation gets its own, bound to its own time limit.
            var nested = Nested || _options.CacheSeconds <= 0 ? this : new Figures(this, cancellationToken);
            await using var db = await _factory.CreateDbContextAsync(cancellationToken);
            var value = await compute(nested, db, cancellationToken);
            if (store is not null)
            {
                Entries.Set(store, new Cached(value, DateTime.UtcNow), new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(_options.CacheSeconds) });
            }

            return value;
        }
    }
}
