namespace Infrastructuur.Api.GraphQL;

/// <summary>Transport settings, bound from the "GraphQL" configuration section.</summary>
public sealed class GraphQLHttpOptions
{
    public const string Section = "GraphQL";

    /// <summary>Largest accepted request body, in bytes (docs/security.md: 64 KiB → 413).</summary>
    public int MaxBodyBytes { get; set; } = 64 * 1024;

    /// <summary>
    /// How long a shared cache (a CDN, a front end's proxy) may keep an anonymous GET query's answer without errors
    /// (<c>Cache-Control: public, max-age</c>); 0 turns it off. Signed-in answers and mutations are never stored.
    /// </summary>
    public int AnonymousGetMaxAgeSeconds { get; set; } = 30;

    /// <summary>Serve the GraphiQL IDE at GET /graphql for browsers.</summary>
    public bool EnableIde { get; set; } = true;
}
