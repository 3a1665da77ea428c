using System.Threading.RateLimiting;

namespace Infrastructuur.Api.GraphQL.Limits;

/// <summary>Per-caller budgets (docs/security.md), bound from "GraphQL:RateLimits". Windows are one minute.</summary>
public sealed class RateLimitOptions
{
    public const string Section = "GraphQL:RateLimits";

    public bool Enabled { get; set; } = true;

    public int RequestsPerMinuteAnonymous { get; set; } = 120;

    public int RequestsPerMinuteAuthenticated { get; set; } = 600;

    public int MutationsPerMinute { get; set; } = 30;

    /// <summary>The tighter budget of mutations open to anonymous callers (raiseSignal), counted per root field.</summary>
    public int OpenMutationsPerMinute { get; set; } = 5;

    public int CostPerMinuteAnonymous { get; set; } = 60_000;

    public int CostPerMinuteAuthenticated { get; set; } = 240_000;

    /// <summary>
    /// Trusted clients (a server-rendered front end answering many residents from one address): a request carrying one
    /// of their keys in <see cref="TrustedClient.Header"/> and no bearer token spends the client's own budgets instead
    /// of its address's. Keys are configured as SHA-256 hashes, never in plain text.
    /// </summary>
    public List<TrustedClient> TrustedClients { get; set; } = [];
}

/// <summary>One trusted client and its budgets per minute (defaults: ten times an anonymous caller's).</summary>
public sealed class TrustedClient
{
    /// <summary>The request header that carries a trusted client's key.</summary>
    public const string Header = "X-Client-Key";

    /// <summary>A name for budgets and logs, e.g. "whats-on-ssr".</summary>
    public string Name { get; set; } = "";

    /// <summary>The lowercase hex SHA-256 of the key (e.g. <c>printf %s "$KEY" | sha256sum</c>).</summary>
    public string KeySha256 { get; set; } = "";

    public int RequestsPerMinute { get; set; } = 1_200;

    public int CostPerMinute { get; set; } = 600_000;

    public int MutationsPerMinute { get; set; } = 300;

    public int OpenMutationsPerMinute { get; set; } = 50;

    public static bool IsValid(TrustedClient client) =>
        !string.IsNullOrWhiteSpace(client.Name) && client.KeySha256.Length == 64 && client.KeySha256.All(Uri.IsHexDigit)
        && client.RequestsPerMinute > 0 && client.CostPerMinute > 0 && client.MutationsPerMinute > 0 && client.OpenMutationsPerMinute > 0;
}

/// <summary>
/// Request, mutation and cost budgets per caller: the token subject, else a trusted client's key, else the client
/// address. One caller running out never touches another caller's budget. A refusal is 429 with Retry-After (ASP.NET's
/// limiter would say 503).
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly PartitionedRateLimiter<string> _mutations;
    private readonly PartitionedRateLimiter<string> _cost;
    private readonly PartitionedRateLimiter<string> _open;
    private readonly Dictionary<string, TrustedClient> _clients;
    private readonly (byte[] Hash, TrustedClient Client)[] _keys;

    public RateLimits(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        _keys = [.. _options.TrustedClients.Where(TrustedClient.IsValid).Select(c => (Convert.FromHexString(c.KeySha256), c))];
        _clients = _keys.DistinctBy(k => k.Client.Name).ToDictionary(k => $"client:{k.Client.Name}", k => k.Client, StringComparer.Ordinal);
        _requests = Create(key => Client(key)?.RequestsPerMinute ?? (key.StartsWith("sub:", StringComparison.Ordinal) ? _options.RequestsPerMinuteAuthenticated : _options.RequestsPerMinuteAnonymous));
        _mutations = Create(key => Client(key)?.MutationsPerMinute ?? _options.MutationsPerMinute);
        _open = Create(key => Client(key)?.OpenMutationsPerMinute ?? _options.OpenMutationsPerMinute);
        _cost = Create(key => Client(key)?.CostPerMinute ?? (key.StartsWith("sub:", StringComparison.Ordinal) ? _options.CostPerMinuteAuthenticated : _options.CostPerMinuteAnonymous));
    }

    /// <summary>A caller's budget key and whether it presented a client key that matches no trusted client (a 401).</summary>
    public (string Caller, bool BadClientKey) CallerOf(HttpContext http)
    {
        var presented = http.Request.Headers[TrustedClient.Header];
        var client = presented.Count == 0 ? null : Match(presented.ToString());
        var caller = Hosting.AuthenticationSetup.Subject(http.User) is { } subject ? $"sub:{subject}"
            : client is not null ? $"client:{client.Name}"
            : $"ip:{http.Connection.RemoteIpAddress}";
        return (caller, presented.Count > 0 && client is null);
    }

    /// <summary>The budget key of a caller whose client key, if any, was already accepted.</summary>
    public string CallerKey(HttpContext http) => CallerOf(http).Caller;

    private TrustedClient? Client(string key) => key.StartsWith("client:", StringComparison.Ordinal) ? _clients.GetValueOrDefault(key) : null;

    // Every configured hash is compared in constant time, so the answer's timing says nothing about which one is near.
    private TrustedClient? Match(string key)
    {
        Span<byte> hash = stackalloc byte[32];
        System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(key), hash);
        TrustedClient? found = null;
        foreach (var (expected, client) in _keys)
        {
            if (System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(expected, hash))
            {
                found = client;
            }
        }

        return found;
    }

    /// <summary>Null when allowed; otherwise how long to wait.</summary>
    public TimeSpan? TryRequest(string caller) => Acquire(_requests, caller, 1);

    public TimeSpan? TryMutation(string caller) => Acquire(_mutations, caller, 1);

    /// <summary>For <paramref name="fields"/> calls of mutations marked rate-limited in one request.</summary>
    public TimeSpan? TryOpenMutations(string caller, int fields) => fields == 0 ? null : Acquire(_open, caller, fields);

    public TimeSpan? TryCost(string caller, double cost) => Acquire(_cost, caller, (int)Math.Clamp(Math.Ceiling(cost), 1, int.MaxValue));

    private TimeSpan? Acquire(PartitionedRateLimiter<string> limiter, string caller, int permits)
    {
        if (!_options.Enabled)
        {
            return null;
        }

        RateLimitLease lease;
        try
        {
            lease = limiter.AttemptAcquire(caller, permits);
        }
        catch (ArgumentOutOfRangeException)
        {
            return TimeSpan.FromMinutes(1); // asks for more than a whole window's budget
        }

        using var _ = lease;
        if (lease.IsAcquired)
        {
            return null;
        }

        return lease.TryGetMetadata(MetadataName.RetryAfter, out var retry) ? retry : TimeSpan.FromMinutes(1);
    }

    private static PartitionedRateLimiter<string> Create(Func<string, int> limit) =>
        PartitionedRateLimiter.Create<string, string>(caller => RateLimitPartition.GetFixedWindowLimiter(caller, key => new FixedWindowRateLimiterOptions
        {
            PermitLimit = Math.Max(limit(key), 1),
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));

    public void Dispose()
    {
        _requests.Dispose();
        _mutations.Dispose();
        _open.Dispose();
        _cost.Dispose();
    }
}
