namespace Infrastructuur.Api.GraphQL;

/// <summary>Transport settings, bound from the "GraphQL" configuration section.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest accepted request body, in bytes (docs/security.md: 64 KiB → 413).</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Serve the GraphiQL IDE at GET /graphql for browsers.</summary>
    public bool EnableIde { get; set; } = true;
}
