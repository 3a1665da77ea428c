using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Infrastructuur.Api.GraphQL.Limits;

/// <summary>Applies <see cref="LimitsOptions"/> to one request: text first (before parsing), then the parsed document.</summary>
public sealed class RequestLimits(ISchema schema, IOptions<LimitsOptions> options, ListBounds listBounds)
{
    public LimitsOptions Options => options.Value;

    /// <summary>Characters and tokens, counted before the document is parsed.</summary>
    public void CheckText(string query)
    {
        var o = options.Value;
        if (!o.Enabled)
        {
            return;
        }

        if (query.Length > o.MaxCharacters)
        {
            throw new LimitExceededException(ErrorCodes.MaxTokensExceeded, $"The document has {query.Length} characters; at most {o.MaxCharacters} are accepted.", o.MaxCharacters);
        }

        if (QueryAnalyzer.CountTokens(query, o.MaxTokens) > o.MaxTokens)
        {
            throw new LimitExceededException(ErrorCodes.MaxTokensExceeded, $"The document has more than {o.MaxTokens} tokens.", o.MaxTokens);
        }
    }

    /// <summary>Depth, aliases, directives, introspection nesting and cost; returns the estimated cost.</summary>
    public async ValueTask<double> CheckDocumentAsync(GraphQLDocument document, GraphQLOperationDefinition? operation, Inputs? variables, bool authenticated, CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.Enabled || operation is null)
        {
            return 0; // no operation selected: validation reports it
        }

        // The analyzer follows field types, which GraphQL.NET resolves when it initialises the schema: before the first
        // execution they are unknown, and the first request after a start was measured as if every field were a leaf.
        schema.Initialize();

        // Measured with the list bounds held; only a document that pages a bounded list waits for them to be read again
        // when they are stale, so every other request runs no statement here.
        var analyzer = new QueryAnalyzer(schema, o, listBounds.Held);
        var m = analyzer.Measure(document, operation, variables);
        if (analyzer.PricedByBound && !listBounds.Fresh)
        {
            m = new QueryAnalyzer(schema, o, await listBounds.CurrentAsync(cancellationToken)).Measure(document, operation, variables);
        }

        var maxDepth = authenticated ? o.MaxDepthAuthenticated : o.MaxDepthAnonymous;
        var maxCost = authenticated ? o.MaxCostAuthenticated : o.MaxCostAnonymous;
        // One __schema answers everything introspection can; a second (aliased, or in a fragment) only multiplies the answer.
        if (m.SchemaFields > 1)
        {
            throw new LimitExceededException(ErrorCodes.IntrospectionTooDeep, $"The document asks for __schema {m.SchemaFields} times; at most once per document.", 1);
        }

        if (m.IntrospectionNesting > o.MaxIntrospectionNesting)
        {
            throw new LimitExceededException(ErrorCodes.IntrospectionTooDeep, $"Introspection nests fields/args/interfaces/possibleTypes/inputFields {m.IntrospectionNesting} deep; at most {o.MaxIntrospectionNesting}.", o.MaxIntrospectionNesting);
        }

        if (m.Depth > maxDepth)
        {
            throw new LimitExceededException(ErrorCodes.MaxDepthExceeded, $"The query is {m.Depth} levels deep; at most {maxDepth} are accepted{(authenticated ? "" : " without signing in")}.", maxDepth);
        }

        if (m.Aliases > o.MaxAliases)
        {
            throw new LimitExceededException(ErrorCodes.MaxAliasesExceeded, $"The query uses {m.Aliases} aliases; at most {o.MaxAliases}.", o.MaxAliases);
        }

        if (m.Directives > o.MaxDirectives)
        {
            throw new LimitExceededException(ErrorCodes.MaxDirectivesExceeded, $"The query uses {m.Directives} directives; at most {o.MaxDirectives}.", o.MaxDirectives);
        }

        if (m.Cost > maxCost)
        {
            throw new LimitExceededException(ErrorCodes.CostLimitExceeded, $"The query's estimated cost is {m.Cost:0}; at most {maxCost}{(authenticated ? "" : " without signing in")}. Ask for smaller pages or fewer nested lists.", maxCost);
        }

        return m.Cost;
    }
}
