using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Infrastructuur.Api.GraphQL;

/// <summary>Automatic persisted queries, bound from "GraphQL:AutomaticPersistedQueries".</summary>
public sealed class AutomaticPersistedQueriesOptions
{
    public const string Section = "GraphQL:AutomaticPersistedQueries";

    public bool Enabled { get; set; } = true;

    /// <summary>The characters of query text kept at most (about twice as many bytes); the least recently used go first.</summary>
    public long MaxCachedCharacters { get; set; } = 4_000_000;
}

/// <summary>
/// Apollo's automatic persisted queries: a client sends <c>extensions.persistedQuery.sha256Hash</c> (hex of the UTF-8
/// text) without the text; on a miss it is told PERSISTED_QUERY_NOT_FOUND and sends the text with the hash once, which
/// is kept here. The cache is per instance and bounded: a miss on another instance costs the client one round trip more.
/// Registered documents (<see cref="PersistedOperations"/>) are found by their hash too, on every instance.
/// </summary>
public sealed class AutomaticPersistedQueries(IOptions<AutomaticPersistedQueriesOptions> options) : IDisposable
{
    private readonly MemoryCache _texts = new(new MemoryCacheOptions { SizeLimit = options.Value.MaxCachedCharacters });

    public bool Enabled => options.Value.Enabled;

    public string? Find(string hash) => _texts.TryGetValue(hash, out string? text) ? text : null;

    /// <summary>Keeps a text that parsed and passed the limits under its (checked) hash.</summary>
    public void Store(string hash, string text) =>
        _texts.Set(hash, text, new MemoryCacheEntryOptions { Size = Math.Max(1, text.Length), SlidingExpiration = TimeSpan.FromDays(1) });

    public void Dispose() => _texts.Dispose();
}
