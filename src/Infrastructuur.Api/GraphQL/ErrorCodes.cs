namespace Infrastructuur.Api.GraphQL;

/// <summary>The fixed list of top-level error codes (docs/security.md, "Errors"). Nothing else ever reaches a client.</summary>
public static class ErrorCodes
{
    public const string BadRequest = "BAD_REQUEST";
    public const string ParseFailed = "GRAPHQL_PARSE_FAILED";
    public const string ValidationFailed = "GRAPHQL_VALIDATION_FAILED";
    public const string MaxTokensExceeded = "MAX_TOKENS_EXCEEDED";
    public const string MaxDepthExceeded = "MAX_DEPTH_EXCEEDED";
    public const string MaxAliasesExceeded = "MAX_ALIASES_EXCEEDED";
    public const string MaxDirectivesExceeded = "MAX_DIRECTIVES_EXCEEDED";
    public const string IntrospectionTooDeep = "INTROSPECTION_TOO_DEEP";
    public const string CostLimitExceeded = "COST_LIMIT_EXCEEDED";
    public const string Unauthenticated = "UNAUTHENTICATED";
    public const string Forbidden = "FORBIDDEN";
    public const string NotFound = "NOT_FOUND";
    public const string Conflict = "CONFLICT";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string RateLimited = "RATE_LIMITED";
    public const string Timeout = "TIMEOUT";
    public const string ResponseTooLarge = "RESPONSE_TOO_LARGE";
    public const string Internal = "INTERNAL";
    public const string PersistedQueryNotFound = "PERSISTED_QUERY_NOT_FOUND";

    public static readonly IReadOnlySet<string> All = new HashSet<string>(StringComparer.Ordinal)
    {
        BadRequest, ParseFailed, ValidationFailed, MaxTokensExceeded, MaxDepthExceeded, MaxAliasesExceeded,
        MaxDirectivesExceeded, IntrospectionTooDeep, CostLimitExceeded, Unauthenticated, Forbidden, NotFound,
        Conflict, IdempotencyKeyReused, RateLimited, Timeout, ResponseTooLarge, Internal, PersistedQueryNotFound,
    };
}
