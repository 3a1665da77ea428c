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
}

/// <summary>
/// Request, mutation and cost budgets per caller: the token subject, else the client address. One caller
/// running out never touches another caller's budget. A refusal is 429 with Retry-After (ASP.NET's limiter would say 503).
/// </summary>
public sealed class RateLimits : IDisposable
{
    private readonly RateLimitOptions _options;
    private readonly PartitionedRateLimiter<string> _requests;
    private readonly PartitionedRateLimiter<string> _mutations;
    private readonly PartitionedRateLimiter<string> _cost;
    private readonly PartitionedRateLimiter<string> _open;

    public RateLimits(Microsoft.Extensions.Options.IOptions<RateLimitOptions> options)
    {
        _options = options.Value;
        _requests = Create(key => key.StartsWith("sub:", StringComparison.Ordinal) ? _options.RequestsPerMinuteAuthenticated : _options.RequestsPerMinuteAnonymous);
        _mutations = Create(_ => _options.MutationsPerMinute);
        _open = Create(_ => _options.OpenMutationsPerMinute);
        _cost = Create(key => key.StartsWith("sub:", StringComparison.Ordinal) ? _options.CostPerMinuteAuthenticated : _options.CostPerMinuteAnonymous);
    }

    public static string CallerKey(HttpContext http) =>
        Hosting.AuthenticationSetup.Subject(http.User) is { } subject ? $"sub:{subject}" : $"ip:{http.Connection.RemoteIpAddress}";

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
