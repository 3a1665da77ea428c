using GraphQL.DataLoader;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Our batch loader (GraphQL.DataLoader is not available to us, ADR 0005). Resolvers call <see cref="Load"/> and
/// return the pending result; GraphQL.NET's execution strategy awaits pending results only after it has
/// visited every sibling field, so the first await fetches all keys queued by then in one database round trip.
/// One instance lives per request (see <see cref="RequestContext.Loader{T}"/>) and caches what it fetched.
/// </summary>
public abstract class BatchLoader<TKey, TValue> : IRequestBound
    where TKey : notnull
{
    private readonly Lock _gate = new();
    private RequestContext? _request;

    /// <summary>The request this loader serves; set by the request when it creates the loader.</summary>
    protected RequestContext Request => _request ?? throw new InvalidOperationException($"{GetType().Name} was created outside a request.");

    void IRequestBound.Bind(RequestContext request) => _request = request;

    /// <summary>
    /// The caller, for loaders whose rows depend on who asks (row visibility; <see cref="RequestContext.RowsViewerAsync"/>:
    /// an administrator's person is not looked up); loaded once per request. A loader used
    /// outside a request (the benchmark floor) sees what an anonymous caller sees, never more.
    /// </summary>
    protected Task<Features.Access.Viewer> ViewerAsync(CancellationToken cancellationToken) =>
        _request?.RowsViewerAsync(cancellationToken) ?? Task.FromResult(Features.Access.Viewer.Anonymous);
    private readonly Dictionary<TKey, Task<TValue?>> _results = [];
    private Dictionary<TKey, TaskCompletionSource<TValue?>> _pending = [];

    /// <summary>Fetches the values for a set of distinct keys; missing keys are simply absent.</summary>
    protected abstract Task<IReadOnlyDictionary<TKey, TValue>> FetchAsync(IReadOnlyCollection<TKey> keys, CancellationToken cancellationToken);

    public IDataLoaderResult<TValue?> Load(TKey key)
    {
        lock (_gate)
        {
            if (!_results.TryGetValue(key, out var task))
            {
                var source = new TaskCompletionSource<TValue?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending[key] = source;
                task = source.Task;
                _results[key] = task;
            }

            return new Pending(this, task);
        }
    }

    private async Task DispatchAsync(CancellationToken cancellationToken)
    {
        Dictionary<TKey, TaskCompletionSource<TValue?>> batch;
        lock (_gate)
        {
            if (_pending.Count == 0)
            {
                return;
            }

            batch = _pending;
            _pending = [];
        }

        try
        {
            var values = await FetchAsync(batch.Keys, cancellationToken);
            foreach (var (key, source) in batch)
            {
                source.TrySetResult(values.TryGetValue(key, out var value) ? value : default);
            }
        }
        catch (Exception ex)
        {
            foreach (var source in batch.Values)
            {
                source.TrySetException(ex);
            }
        }
    }

    private sealed class Pending(BatchLoader<TKey, TValue> loader, Task<TValue?> task) : IDataLoaderResult<TValue?>
    {
        public async Task<TValue?> GetResultAsync(CancellationToken cancellationToken = default)
        {
            if (!task.IsCompleted)
            {
                await loader.DispatchAsync(cancellationToken);
            }

            return await task;
        }

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
            await GetResultAsync(cancellationToken);
    }
}

/// <summary>A per-request object that needs the request it serves (loaders that filter rows for the caller).</summary>
public interface IRequestBound
{
    void Bind(RequestContext request);
}

/// <summary>A loaded value mapped onward (for example a list of rows to a connection) without losing the batching.</summary>
public sealed class MappedLoaderResult<TIn, TOut>(IDataLoaderResult<TIn> inner, Func<TIn, TOut> map) : IDataLoaderResult<TOut>
{
    public async Task<TOut> GetResultAsync(CancellationToken cancellationToken = default) =>
        map(await inner.GetResultAsync(cancellationToken));

    async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellationToken) =>
        await GetResultAsync(cancellationToken);
}

public static class LoaderResultExtensions
{
    public static IDataLoaderResult<TOut> Then<TIn, TOut>(this IDataLoaderResult<TIn> result, Func<TIn, TOut> map) =>
        new MappedLoaderResult<TIn, TOut>(result, map);
}
