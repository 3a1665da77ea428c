using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;

namespace Infrastructuur.Api.GraphQL.Limits;

/// <summary>What a request would cost, measured on the parsed document before GraphQL.NET validates or runs it.</summary>
public readonly record struct QueryMeasure(double Cost, int Depth, long Aliases, long Directives, int IntrospectionNesting, long SchemaFields = 0);

/// <summary>
/// A field's estimated cost declared next to the field (metadata <see cref="QueryAnalyzer.CostKey"/>), for fields whose
/// work the generic rule cannot see: given the field's arguments as the request sends them (variables resolved; null
/// when unknown) and the cost the generic rule gives it (its children included), returns the cost to count.
/// </summary>
public delegate double FieldCost(Func<string, object?> argument, double cost);

/// <summary>
/// Measures depth (leaf counted, introspection excluded, an edge's node not counted apart from its edge), aliases
/// (__typename free), directives, introspection list nesting (fields/args/interfaces/possibleTypes/inputFields on one
/// path), the number of <c>__schema</c> fields and estimated cost (every object 1, an edge and its node one, multiplied
/// by the page size of each enclosing list, or by a smaller <see cref="ListBound"/> the data sets (ADR 0020), with page
/// sizes and lists of keys taken from the values the request runs with: variables sent, else their defaults;
/// introspection by the objects it returns, see <see cref="IntrospectionCost"/>). Fragments are measured once and reused, so a "fragment
/// bomb" that expands exponentially costs linear time here; a fragment cycle is reported instead of followed.
/// </summary>
public sealed class QueryAnalyzer(ISchema schema, LimitsOptions options, IReadOnlyDictionary<ListBound, int>? bounds = null)
{
    /// <summary>The field metadata key of a <see cref="FieldCost"/>.</summary>
    public const string CostKey = "cost";

    /// <summary>The field metadata key of a <see cref="ListBound"/>.</summary>
    public const string BoundKey = "list-bound";

    // The lists of one type that lead on to further types. type and ofType return one type each, so they multiply
    // nothing; they are priced by IntrospectionCost like every other object.
    private static readonly HashSet<string> IntrospectionLists = new(StringComparer.Ordinal) { "fields", "args", "interfaces", "possibleTypes", "inputFields" };

    /// <summary>Counts lexical tokens up to <paramref name="limit"/> + 1, before any parsing.</summary>
    public static int CountTokens(string text, int limit)
    {
        var count = 0;
        var position = 0;
        ROM source = text;
        try
        {
            while (count <= limit)
            {
                var token = Lexer.Lex(source, position);
                if (token.Kind == TokenKind.EOF)
                {
                    break;
                }

                count++;
                position = token.End;
            }
        }
        catch (GraphQLParser.Exceptions.GraphQLSyntaxErrorException)
        {
            // The parser reports the syntax error; counting stops here.
        }

        return count;
    }

    /// <summary>True once <see cref="Measure"/> priced a page of a field that declares a <see cref="ListBound"/>.</summary>
    public bool PricedByBound { get; private set; }

    public QueryMeasure Measure(GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables)
    {
        var walker = new Walker(schema, options, document, operation, variables, bounds);
        var root = operation.Operation switch
        {
            OperationType.Mutation => schema.Mutation,
            OperationType.Subscription => schema.Subscription,
            _ => schema.Query,
        };
        var measure = walker.SelectionSet(operation.SelectionSet, root, inIntrospection: false);
        PricedByBound |= walker.PricedByBound;
        return measure with { Directives = measure.Directives + (operation.Directives?.Count ?? 0) + (operation.Variables?.Items.Sum(v => v.Directives?.Count ?? 0) ?? 0) };
    }

    public static GraphQLOperationDefinition? SelectOperation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        return operationName is null
            ? operations.Count == 1 ? operations[0] : null
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
    }

    private sealed class Walker(ISchema schema, LimitsOptions options, GraphQLDocument document, GraphQLOperationDefinition operation, Inputs? variables, IReadOnlyDictionary<ListBound, int>? bounds)
    {
        private readonly Dictionary<(string, bool), QueryMeasure> _fragments = [];
        private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);
        private IntrospectionCost? _introspection;

        public bool PricedByBound { get; private set; }

        public QueryMeasure SelectionSet(GraphQLSelectionSet? set, IGraphType? parent, bool inIntrospection)
        {
            double cost = 0;
            int depth = 0, nesting = 0;
            long aliases = 0, directives = 0, schemas = 0;
            foreach (var selection in set?.Selections ?? [])
            {
                var m = selection switch
                {
                    GraphQLField field => Field(field, parent, inIntrospection),
                    GraphQLInlineFragment inline => SelectionSet(inline.SelectionSet, TypeCondition(inline.TypeCondition) ?? parent, inIntrospection) is var i
                        ? i with { Directives = i.Directives + (inline.Directives?.Count ?? 0) } : default,
                    GraphQLFragmentSpread spread => Spread(spread, inIntrospection),
                    _ => default,
                };
                cost += m.Cost;
                depth = Math.Max(depth, m.Depth);
                nesting = Math.Max(nesting, m.IntrospectionNesting);
                aliases += m.Aliases;
                directives += m.Directives;
                schemas += m.SchemaFields;
            }

            return new QueryMeasure(cost, depth, aliases, directives, nesting, schemas);
        }

        private QueryMeasure Field(GraphQLField field, IGraphType? parent, bool inIntrospection)
        {
            var name = field.Name.StringValue;
            var root = !inIntrospection && name is "__schema" or "__type";
            var introspection = inIntrospection || root;
            var definition = (parent?.GetNamedType() as IComplexGraphType)?.GetField(name);
            var child = SelectionSet(field.SelectionSet, definition?.ResolvedType, introspection);
            var aliases = child.Aliases + (field.Alias is not null && name != "__typename" ? 1 : 0);
            var directives = child.Directives + (field.Directives?.Count ?? 0);
            if (introspection)
            {
                // Not counted in depth (the IDE's standard query is deeper than 8); priced by the objects it returns, at
                // a fraction of a database object because the schema is answered from memory.
                var nesting = child.IntrospectionNesting + (IntrospectionLists.Contains(name) ? 1 : 0);
                var price = root ? (_introspection ??= new IntrospectionCost(schema, document)).Of(field, Literal) / Math.Max(options.IntrospectionObjectsPerCost, 1) : 0;
                return new QueryMeasure(price, 0, aliases, directives, nesting, child.SchemaFields + (root && name == "__schema" ? 1 : 0));
            }

            // An edge and its node are one item of the page, as an item of nodes is: the node adds no level and no object.
            if (IsEdgeNode(parent, name))
            {
                return new QueryMeasure(child.Cost, child.Depth, aliases, directives, child.IntrospectionNesting, child.SchemaFields);
            }

            // Scalars are free; every object fetched costs 1, and a page or list multiplies what is fetched below it.
            var cost = field.SelectionSet is null ? 0 : Cost(field, definition, parent, child.Cost);
            if (definition?.GetMetadata<FieldCost?>(CostKey) is { } declared)
            {
                cost = declared(argument => field.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == argument) is { } a ? Value(a.Value) : null, cost);
            }

            return new QueryMeasure(cost, 1 + child.Depth, aliases, directives, child.IntrospectionNesting, child.SchemaFields);
        }

        private static bool IsEdgeNode(IGraphType? parent, string name) =>
            name == "node" && parent?.GetNamedType().GetType() is { IsGenericType: true } type && type.GetGenericTypeDefinition() == typeof(EdgeType<>);

        private QueryMeasure Spread(GraphQLFragmentSpread spread, bool inIntrospection)
        {
            var name = spread.FragmentName.Name.StringValue;
            var own = spread.Directives?.Count ?? 0;
            if (_fragments.TryGetValue((name, inIntrospection), out var known))
            {
                return known with { Directives = known.Directives + own };
            }

            var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name.StringValue == name);
            if (fragment is null)
            {
                return default; // validation reports the unknown fragment
            }

            if (!_visiting.Add(name))
            {
                throw new LimitExceededException(ErrorCodes.ValidationFailed, $"Fragment '{name}' spreads itself (a cycle).", 0);
            }

            var measured = SelectionSet(fragment.SelectionSet, TypeCondition(fragment.TypeCondition), inIntrospection);
            measured = measured with { Directives = measured.Directives + (fragment.Directives?.Count ?? 0) };
            _visiting.Remove(name);
            _fragments[(name, inIntrospection)] = measured;
            return measured with { Directives = measured.Directives + own };
        }

        // A connection costs 1 and multiplies what is below it by its page size (over-large pages are refused by
        // validation, so they count as the maximum here), or by the most items the data allows when the field declares a
        // ListBound; its edges/nodes are that page, not a further list.
        // Any other list of objects counts its length (nodes(ids:), _entities(representations:)) or an assumed size.
        private double Cost(GraphQLField field, FieldType? definition, IGraphType? parent, double children)
        {
            foreach (var argument in field.Arguments?.Items ?? [])
            {
                var argName = argument.Name.StringValue;
                if (argName is "first" or "last" && IntValue(argument.Value) is { } size)
                {
                    var page = Math.Clamp(size, 1, ConnectionArgs.MaxPageSize);
                    if (definition?.GetMetadata<ListBound?>(BoundKey) is { } bound)
                    {
                        PricedByBound = true;
                        page = bounds?.TryGetValue(bound, out var most) == true ? Math.Min(page, Math.Max(most, 1)) : page;
                    }

                    return 1 + (page * children);
                }

                if (argName is "ids" or "representations" && ListLength(argument.Value) is { } length)
                {
                    return Math.Max(length, 1) * (1 + children);
                }
            }

            var inConnectionPage = parent?.GetNamedType().Name.EndsWith("Connection", StringComparison.Ordinal) == true && field.Name.StringValue is "edges" or "nodes";
            return IsList(definition?.ResolvedType) && !inConnectionPage ? options.AssumedListSize * (1 + children) : 1 + children;
        }

        // The value an argument runs with: a literal, the variable's value as sent, else the variable's default.
        private object? Literal(GraphQLValue value) => value switch
        {
            GraphQLVariable v when variables?.TryGetValue(v.Name.StringValue, out var sent) == true => sent,
            GraphQLVariable v => DefaultOf(v) is { } fallback ? Literal(fallback) : null,
            GraphQLIntValue i when long.TryParse(i.Value, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out var n) => n,
            GraphQLStringValue s => s.Value.ToString(),
            GraphQLNullValue => null,
            GraphQLListValue list => list.Values ?? [],
            _ => value,
        };

        private GraphQLValue? DefaultOf(GraphQLVariable variable) =>
            operation.Variables?.Items.FirstOrDefault(d => d.Variable.Name.StringValue == variable.Name.StringValue)?.DefaultValue;

        private long? IntValue(GraphQLValue value) => Literal(value) switch
        {
            int n => n,
            long n => n,
            System.Numerics.BigInteger n => n > long.MaxValue ? long.MaxValue : n < long.MinValue ? long.MinValue : (long)n,
            double d when !double.IsNaN(d) => (long)Math.Clamp(d, long.MinValue, long.MaxValue),
            decimal d => (long)Math.Clamp(d, long.MinValue, long.MaxValue),
            _ => null,
        };

        // An argument's value as plain data (objects as dictionaries, lists as lists, scalars as text or numbers), for a
        // declared FieldCost; a variable runs with its value as sent, else its default, else is null (unknown).
        private object? Value(GraphQLValue value) => value switch
        {
            GraphQLVariable v when variables?.TryGetValue(v.Name.StringValue, out var sent) == true => sent,
            GraphQLVariable v => DefaultOf(v) is { } fallback ? Value(fallback) : null,
            GraphQLStringValue s => s.Value.ToString(),
            GraphQLIntValue i => long.TryParse(i.Value, out var n) ? n : null,
            GraphQLObjectValue o => (o.Fields ?? []).ToDictionary(f => f.Name.StringValue, f => Value(f.Value), StringComparer.Ordinal),
            GraphQLListValue l => (l.Values ?? []).Select(Value).ToList(),
            _ => null,
        };

        // A list's length as the request runs it (lists of keys such as nodes(ids:)); a single value is a list of one.
        private int? ListLength(GraphQLValue value) => Literal(value) switch
        {
            null => null,
            System.Collections.ICollection c => c.Count,
            IEnumerable<GraphQLValue> items => items.Count(),
            _ => 1,
        };

        private static bool IsList(IGraphType? type) => type switch
        {
            NonNullGraphType nn => IsList(nn.ResolvedType),
            ListGraphType => true,
            _ => false,
        };

        private IGraphType? TypeCondition(GraphQLTypeCondition? condition) =>
            condition is null ? null : schema.AllTypes[condition.Type.Name.StringValue];
    }
}

/// <summary>A request over one of the limits: a 400 with a stable code and the limit in extensions.</summary>
public sealed class LimitExceededException(string code, string message, long limit) : Exception(message)
{
    public string Code { get; } = code;

    public long Limit { get; } = limit;
}
