using GraphQL;
using GraphQL.Types;
using GraphQLParser.AST;
using Infrastructuur.Api.Features.Shared.Mutations;

namespace Infrastructuur.Api.GraphQL.Limits;

/// <summary>
/// How many calls of mutations marked rate-limited (open to anonymous callers, such as raiseSignal) one operation
/// makes, counting aliases, inline fragments and fragment spreads at the root, so none of them is a way around the budget.
/// </summary>
public static class RateLimitedFields
{
    public static int Count(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
    {
        if (schema.Mutation is not { } mutation)
        {
            return 0;
        }

        var marked = mutation.Fields.Where(f => f.GetMetadata<bool>(MutationFields.RateLimitedMetadataKey)).Select(f => f.Name).ToHashSet(StringComparer.Ordinal);
        return marked.Count == 0 ? 0 : Count(operation.SelectionSet, document, marked, []);
    }

    private static int Count(GraphQLSelectionSet set, GraphQLDocument document, HashSet<string> marked, HashSet<string> visited) =>
        set.Selections.Sum(selection => selection switch
        {
            GraphQLField field => marked.Contains(field.Name.StringValue) ? 1 : 0,
            GraphQLInlineFragment inline => Count(inline.SelectionSet, document, marked, visited),
            GraphQLFragmentSpread spread when visited.Add(spread.FragmentName.Name.StringValue) =>
                document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name == spread.FragmentName.Name) is { } fragment
                    ? Count(fragment.SelectionSet, document, marked, visited)
                    : 0,
            _ => 0,
        });
}
