namespace Infrastructuur.Api.GraphQL.Limits;

/// <summary>Request limits (docs/security.md), bound from "GraphQL:Limits". Every one is checked before execution.</summary>
public sealed class LimitsOptions
{
    public const string Section = "GraphQL:Limits";

    /// <summary>Turns every limit off; for measuring what the limits cost, never for production.</summary>
    public bool Enabled { get; set; } = true;

    public int MaxTokens { get; set; } = 1_000;

    public int MaxCharacters { get; set; } = 15_000;

    public int MaxDepthAnonymous { get; set; } = 8;

    public int MaxDepthAuthenticated { get; set; } = 12;

    public int MaxAliases { get; set; } = 15;

    public int MaxDirectives { get; set; } = 20;

    public int MaxIntrospectionNesting { get; set; } = 3;

    /// <summary>How many introspection objects cost as much as one object from the database (introspection is answered from memory).</summary>
    public int IntrospectionObjectsPerCost { get; set; } = 10;

    public int MaxCostAnonymous { get; set; } = 5_000;

    public int MaxCostAuthenticated { get; set; } = 20_000;

    /// <summary>The page size assumed for a list field without first/last (small child lists).</summary>
    public int AssumedListSize { get; set; } = 5;

    public int MaxValidationErrors { get; set; } = 5;

    public int TimeoutSeconds { get; set; } = 10;

    /// <summary>Largest response body, in bytes: a larger answer is replaced by a RESPONSE_TOO_LARGE error, never buffered beyond this.</summary>
    public int MaxResponseBytes { get; set; } = 8 * 1024 * 1024;
}
