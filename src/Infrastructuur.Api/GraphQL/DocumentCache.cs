using GraphQL.Validation;
using GraphQL.Validation.Rules;
using GraphQLParser.AST;
using Microsoft.Extensions.Caching.Memory;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Parsed documents by their text, and whether each passed validation once. Front ends send the same few documents
/// again and again: a repeated one is not parsed again, and of GraphQL's validation rules it runs only the one that
/// depends on the request's values (each field's argument checks, such as page sizes); variables are still coerced.
/// The rules GraphQL.NET runs on a new document depend on the document and the schema alone. Reusing the document also
/// lets the data path keep its shapes per field (<see cref="Shape"/>). Bounded by the total length of the texts kept.
/// A document whose checked fields (those with argument checks) take no variables gets the same answer from the check
/// every time, so once it passed, it runs no rule at all: walking the document for nothing cost about a tenth of a
/// by-ID request's CPU.
/// </summary>
public sealed class DocumentCache : IDisposable
{
    /// <summary>The total length of the document texts kept, in characters.</summary>
    public const long MaxCharacters = 4_000_000;

    /// <summary>
    /// Field metadata: the names of the arguments the field's argument check reads (a paging check reads the page's,
    /// not a filter's). A checked field without it counts as reading them all.
    /// </summary>
    public const string CheckedArguments = "infrastructuur:checked-arguments";

    /// <summary>What a document that validated once still needs on each request.</summary>
    public static readonly IValidationRule[] RepeatedRules = [FieldArgumentsAreValidRule.Instance];

    private readonly MemoryCache _documents = new(new MemoryCacheOptions { SizeLimit = MaxCharacters });

    /// <summary>The parsed document for <paramref name="query"/>, parsing it on first sight (syntax errors throw and are not kept).</summary>
    public Entry Get(string query)
    {
        if (_documents.TryGetValue(query, out Entry? entry) && entry is not null)
        {
            return entry;
        }

        entry = new Entry(GraphQLParser.Parser.Parse(query));
        _documents.Set(query, entry, new MemoryCacheEntryOptions { Size = Math.Max(1, query.Length) });
        return entry;
    }

    public void Dispose() => _documents.Dispose();

    public sealed class Entry(GraphQLDocument document)
    {
        public GraphQLDocument Document { get; } = document;

        private volatile bool _validated;

        private volatile bool _argumentsFromVariables;

        /// <summary>Set once the document passed every validation rule (it executed).</summary>
        public bool Validated { get => _validated; set => _validated = value; }

        /// <summary>The rules this request must run: all of them (and the probe) until the document validated once.</summary>
        public IEnumerable<IValidationRule> Rules =>
            !Validated ? [.. DocumentValidator.CoreRules, new VariableArgumentsProbe(this)]
            : _argumentsFromVariables ? RepeatedRules
            : [];

        /// <summary>Notes whether a field that checks its arguments gets any of them from a variable.</summary>
        private sealed class VariableArgumentsProbe(Entry entry) : ValidationRuleBase
        {
            public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context) =>
                new(new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
                {
                    if (ctx.TypeInfo.GetFieldDef() is not { ValidateArguments: not null } definition || field.Arguments is not { } arguments)
                    {
                        return;
                    }

                    var read = definition.GetMetadata<string[]?>(CheckedArguments);
                    if (arguments.Items.Any(a => HasVariable(a.Value) && (read is null || read.Contains(a.Name.StringValue))))
                    {
                        entry._argumentsFromVariables = true;
                    }
                }));

            private static bool HasVariable(GraphQLValue value) => value switch
            {
                GraphQLVariable => true,
                GraphQLListValue list => list.Values?.Any(HasVariable) == true,
                GraphQLObjectValue obj => obj.Fields?.Any(f => HasVariable(f.Value)) == true,
                _ => false,
            };
        }
    }
}
