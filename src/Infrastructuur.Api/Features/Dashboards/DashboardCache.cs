using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.CompilerServices;
using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>The "Dashboards" configuration section.</summary>
public sealed class DashboardOptions
{
    public const string Section = "Dashboards";

    /// <summary>Counts over records about residents (their signals, natural-person shareholders) below this (and above zero) are suppressed for callers who may not see those records.</summary>
    public int SmallCellThreshold { get; set; } = 5;

    /// <summary>
    /// How long a computed figure is kept at most (a bound on memory, not on staleness: a figure is keyed by the dashboard
    /// versions the database holds, so any write it shows makes a new key); 0 turns caching off (within one request a
    /// figure is still computed once, however many fields of its section are selected).
    /// </summary>
    public int CacheSeconds { get; set; } = 600;

    /// <summary>
    /// How many figures this server computes from the database at once; requests needing more wait their turn (within their
    /// own time limit), so a flood of cold dashboards cannot take every core and cheap requests keep their answers.
    /// </summary>
    public int MaxConcurrentComputations { get; set; } = 1;

    /// <summary>Serve the dashboard page at GET /dashboard (ADR 0029).</summary>
    public bool EnablePage { get; set; } = true;

    public static DashboardOptions Of(IResolveFieldContext context) => Of(context.Request().Services);

    // Bound once per app (binding reflects over the section: a few percent of a small section's time when done per field).
    public static DashboardOptions Of(IServiceProvider services) => services.GetRequiredService<IOptions<DashboardOptions>>().Value;
}

/// <summary>
/// Dashboard figures are aggregates over a whole municipality: on a large one a cold computation takes seconds, while the
/// figures change only when someone writes. So each figure is computed once per version of its municipality's data and of
/// the data every municipality shares (<see cref="DashboardVersions"/>, held and moved by the database on every write to a
/// table the dashboards read, whichever instance or path wrote it) and kept: a request at the same versions is answered
/// from memory. A request reads the versions once, in one statement, when it first needs a figure (ADR 0014). The work is
/// paid by the requests that ask for it, and only while one of them still waits (ADR 0011, amended):
/// - a computation is shared by every request that needs the same figure, and cancelled, database statement included,
///   as soon as the last of them has gone (timed out, client gone);
/// - at most <see cref="DashboardOptions.MaxConcurrentComputations"/> computations run at once per server; the others
///   queue, each request under its own time limit.
/// Process-wide storage; keys name the database (by its connection string), so apps over other databases never share an entry.
/// </summary>
public static class DashboardCache
{
    private const int MaxEntries = 2_000;

    private static readonly MemoryCache Entries = new(new MemoryCacheOptions { SizeLimit = MaxEntries });

    // One computation per versioned key at a time: sibling fields and concurrent requests often need the same figures.
    private static readonly ConcurrentDictionary<string, Computation> Running = new(StringComparer.Ordinal);

    // Names each database in keys: two databases with the same records (demo data) and versions must not share an entry.
    private static readonly ConcurrentDictionary<string, Guid> Databases = new(StringComparer.Ordinal);

    // Per server (its database factory): test apps in one process each get their own.
    private static readonly ConditionalWeakTable<IDbContextFactory<InfrastructuurDb>, Server> Servers = [];

    private const string RequestFigures = "infrastructuur:dashboard-figures";

    /// <summary>The figures of one request: one reading of the versions for all its fields, so they agree even when a write lands between two of them.</summary>
    public static Figures Of(IResolveFieldContext context)
    {
        var items = context.UserContext;
        lock (items)
        {
            if (!items.TryGetValue(RequestFigures, out var stored) || stored is not Figures figures)
            {
                var request = context.Request();
                var options = DashboardOptions.Of(request.Services);
                items[RequestFigures] = figures = new Figures(request.DbFactory, options, context.CancellationToken);
            }

            return figures;
        }
    }

    /// <param name="municipality">The municipality the figure is computed for, whose data version keys it; null for every municipality.</param>
    public static Task<T> GetOrComputeAsync<T>(IResolveFieldContext context, Guid? municipality, string key, Func<InfrastructuurDb, CancellationToken, Task<T>> compute)
        where T : class => Of(context).GetAsync(municipality, key, compute);

    public static Task<T> GetOrComputeAsync<T>(IResolveFieldContext context, Guid? municipality, string key, Func<Figures, InfrastructuurDb, CancellationToken, Task<T>> compute)
        where T : class => Of(context).GetAsync(municipality, key, compute);

    /// <summary>How many figures the server over <paramref name="database"/> is computing from the database right now (a diagnostic: 0 when idle).</summary>
    public static int Computing(IDbContextFactory<InfrastructuurDb> database) => Servers.TryGetValue(database, out var server) ? server.Computing : 0;

    /// <summary>The bound on concurrent computations of one server, and how many run.</summary>
    private sealed class Server(int slots)
    {
        private int _computing;

        public Gate Gate { get; } = new(Math.Max(slots, 1));

        public int Computing => Volatile.Read(ref _computing);

        public void Started() => Interlocked.Increment(ref _computing);

        public void Ended() => Interlocked.Decrement(ref _computing);
    }

    /// <summary>
    /// At most so many computations at once, admitting the oldest request's first: in a flood, the requests that came first
    /// get their answers instead of every request getting a share of the work and all of them running out of time.
    /// </summary>
    private sealed class Gate(int slots)
    {
        private readonly Lock _lock = new();
        private readonly PriorityQueue<TaskCompletionSource, long> _waiting = new();
        private int _free = slots;

        public async Task EnterAsync(long since, CancellationToken cancellationToken)
        {
            TaskCompletionSource admitted;
            lock (_lock)
            {
                if (_free > 0 && _waiting.Count == 0)
                {
                    _free--;
                    return;
                }

                admitted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _waiting.Enqueue(admitted, since);
            }

            // A waiter that gives up stays queued, cancelled: Leave passes over it.
            await using var _ = cancellationToken.Register(() => admitted.TrySetCanceled(cancellationToken));
            await admitted.Task;
        }

        public void Leave()
        {
            lock (_lock)
            {
                while (_waiting.TryDequeue(out var next, out _))
                {
                    if (next.TrySetResult())
                    {
                        return;
                    }
                }

                _free++;
            }
        }
    }

    /// <summary>
    /// A computation's place in the server's gate. While the computation waits for a figure it is built from, it gives the
    /// place up: holding it while that figure queues for a place would deadlock with a single place.
    /// </summary>
    private sealed class Slot(Gate gate, long since)
    {
        private int _held;
        private int _away;

        public async Task AcquireAsync(CancellationToken cancellationToken)
        {
            await gate.EnterAsync(since, cancellationToken);
            Interlocked.Exchange(ref _held, 1);
        }

        public void Release()
        {
            if (Interlocked.Exchange(ref _held, 0) == 1)
            {
                gate.Leave();
            }
        }

        public async Task<T> AwayAsync<T>(Func<Task<T>> wait, CancellationToken cancellationToken)
        {
            if (Interlocked.Increment(ref _away) == 1)
            {
                Release();
            }

            try
            {
                return await wait();
            }
            finally
            {
                // On failure too: the computation then ends and releases; on cancellation it gives up here.
                if (Interlocked.Decrement(ref _away) == 0 && !cancellationToken.IsCancellationRequested)
                {
                    await AcquireAsync(cancellationToken);
                }
            }
        }
    }

    /// <summary>
    /// One figure being computed, for the requests (or outer computations) waiting for it. Cancelled when the last of
    /// them has gone; a computation that was cancelled takes no new waiters (the next request starts a fresh one).
    /// </summary>
    private sealed class Computation : IDisposable
    {
        private readonly CancellationTokenSource _abandoned = new();
        private readonly Lock _lock = new();
        private readonly Lazy<Task<object>> _task;
        private int _waiters;

        public Computation(Func<CancellationToken, Task<object>> run) =>
            _task = new Lazy<Task<object>>(() => run(_abandoned.Token));

        public Task<object> Task => _task.Value;

        public bool TryJoin()
        {
            lock (_lock)
            {
                if (_abandoned.IsCancellationRequested)
                {
                    return false;
                }

                _waiters++;
                return true;
            }
        }

        public async Task<object> WaitAsync(CancellationToken waiting)
        {
            try
            {
                return await Task.WaitAsync(waiting);
            }
            finally
            {
                bool last;
                lock (_lock)
                {
                    last = --_waiters == 0 && !Task.IsCompleted;
                }

                if (last)
                {
                    try
                    {
                        // Not under the lock: cancelling runs the callbacks (the SQLite interrupt) here.
                        _abandoned.Cancel();
                    }
                    catch (ObjectDisposedException)
                    {
                        // it finished meanwhile
                    }
                }
            }
        }

        public void Dispose() => _abandoned.Dispose();
    }

    /// <summary>
    /// Figures at one reading of the data versions, for one request. A computation gets a nested instance, so the figures it is built
    /// from (overlaps from offering cells) come from the same version and the cache, waited for under its own token.
    /// </summary>
    public sealed class Figures
    {
        private readonly Lazy<Task<(Guid Database, Dictionary<Guid, long> Versions)>> _versions;
        private readonly IDbContextFactory<InfrastructuurDb> _factory;
        private readonly DashboardOptions _options;
        private readonly CancellationToken _waiting;
        private readonly Slot? _slot;
        private readonly long _since;
        private readonly Dictionary<string, Lazy<Task<object>>> _inRequest;

        internal Figures(IDbContextFactory<InfrastructuurDb> factory, DashboardOptions options, CancellationToken waiting)
        {
            _versions = new(() => ReadVersionsAsync(factory, waiting));
            _factory = factory;
            _options = options;
            _waiting = waiting;
            _since = Stopwatch.GetTimestamp();
            _inRequest = new(StringComparer.Ordinal);
        }

        // A nested instance: the same version and request, waiting on the computation's token and holding its slot.
        private Figures(Figures outer, Slot slot, CancellationToken waiting)
        {
            _versions = outer._versions;
            _factory = outer._factory;
            _options = outer._options;
            _inRequest = outer._inRequest;
            _waiting = waiting;
            _slot = slot;
            _since = outer._since;
        }

        private Server Server => Servers.GetValue(_factory, _ => new Server(_options.MaxConcurrentComputations));

        public Task<T> GetAsync<T>(Guid? municipality, string key, Func<InfrastructuurDb, CancellationToken, Task<T>> compute)
            where T : class => GetAsync<T>(municipality, key, (_, db, ct) => compute(db, ct));

        public async Task<T> GetAsync<T>(Guid? municipality, string key, Func<Figures, InfrastructuurDb, CancellationToken, Task<T>> compute)
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

                return (T)await Away(() => figure.Value.WaitAsync(_waiting));
            }

            var versioned = $"{await VersionAsync(municipality)}|{key}";
            if (Entries.TryGetValue(versioned, out object? cached) && cached is not null)
            {
                return (T)cached;
            }

            return (T)await Away(() => Join(versioned, Untyped).WaitAsync(_waiting));
        }

        // The data a figure is computed from: the shared data and its municipality's, or (every municipality) all of it,
        // named by the sum of every version, which moves whenever one of them does.
        private async Task<string> VersionAsync(Guid? municipality)
        {
            var (database, versions) = await _versions.Value.WaitAsync(_waiting);
            return municipality is { } m
                ? $"{database:N}.{versions.GetValueOrDefault(DashboardVersions.Global)}.{versions.GetValueOrDefault(m)}"
                : $"{database:N}.all.{versions.Values.Sum()}";
        }

        private static async Task<(Guid, Dictionary<Guid, long>)> ReadVersionsAsync(IDbContextFactory<InfrastructuurDb> factory, CancellationToken cancellationToken)
        {
            await using var db = await factory.CreateDbContextAsync(cancellationToken);
            var database = Databases.GetOrAdd(db.Database.GetConnectionString() ?? string.Empty, _ => Guid.NewGuid());
            return (database, await DashboardVersions.ReadAsync(db, cancellationToken));
        }

        // A nested wait gives the outer computation's slot up meanwhile (see Slot).
        private Task<object> Away(Func<Task<object>> wait) => _slot is null ? wait() : _slot.AwayAsync(wait, _waiting);

        // The computation of a versioned key, joined or started; one that was just abandoned is replaced.
        private Computation Join(string versioned, Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> compute)
        {
            while (true)
            {
                var computation = Running.GetOrAdd(versioned, key =>
                {
                    Computation? created = null;
                    created = new Computation(ct => Shared(key, created!, compute, ct)); // started by its first waiter, once stored
                    return created;
                });
                if (computation.TryJoin())
                {
                    return computation;
                }

                Running.TryRemove(new KeyValuePair<string, Computation>(versioned, computation));
            }
        }

        private async Task<object> Shared(string versioned, Computation self, Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> compute, CancellationToken cancellationToken)
        {
            try
            {
                return await RunAsync(compute, versioned, cancellationToken);
            }
            finally
            {
                // Done (stored, failed or abandoned): the next request reads the cache or starts again. Removes only this
                // computation, never a fresh one that replaced it.
                Running.TryRemove(new KeyValuePair<string, Computation>(versioned, self));
                self.Dispose();
            }
        }

        private async Task<object> RunAsync(Func<Figures, InfrastructuurDb, CancellationToken, Task<object>> compute, string? store, CancellationToken cancellationToken)
        {
            // Let the caller go on (sibling fields start their own figures) before the SQL runs: SQLite completes synchronously.
            await Task.Yield();
            var server = Server;
            var slot = new Slot(server.Gate, _since);
            await slot.AcquireAsync(cancellationToken);
            server.Started();
            try
            {
                // Off the pool (ComputeThreads): SQLite statements run synchronously for seconds.
                var value = await ComputeThreads.Run(async () =>
                {
                    await using var db = await _factory.CreateDbContextAsync(cancellationToken);
                    using var interrupt = await InterruptOnCancelAsync(db, cancellationToken);
                    return await compute(new Figures(this, slot, cancellationToken), db, cancellationToken);
                });
                if (store is not null)
                {
                    Entries.Set(store, value, new MemoryCacheEntryOptions { Size = 1, AbsoluteExpirationRelativeToNow = TimeSpan.FromSeconds(_options.CacheSeconds) });
                }

                return value;
            }
            catch (SqliteException) when (cancellationToken.IsCancellationRequested)
            {
                throw new OperationCanceledException(cancellationToken); // interrupted (below)
            }
            finally
            {
                server.Ended();
                slot.Release();
            }
        }

        // Microsoft.Data.Sqlite runs a statement synchronously and does not watch the token once it runs (its Cancel does
        // nothing): interrupt the connection, so a cancelled figure stops within milliseconds instead of running on for
        // seconds on a thread of the pool. The connection stays open for the computation, so the handle interrupted is the
        // one in use; the registration ends before the connection closes. Npgsql cancels its command on the token itself.
        private static async Task<CancellationTokenRegistration> InterruptOnCancelAsync(InfrastructuurDb db, CancellationToken cancellationToken)
        {
            if (db.Database.GetDbConnection() is not SqliteConnection sqlite)
            {
                return default;
            }

            await db.Database.OpenConnectionAsync(cancellationToken);
            return cancellationToken.Register(() => SQLitePCL.raw.sqlite3_interrupt(sqlite.Handle));
        }
    }
}
