using GraphQL.Types;
using GraphQLParser.AST;

namespace Infrastructuur.Api.GraphQL.Limits;

/// <summary>
/// The number of objects an introspection selection returns, counted on the schema itself. The schema is fixed at
/// start-up, so this is exact rather than estimated: every list multiplies by its real length (all types, that type's
/// fields, that field's arguments …) and <c>ofType</c> stops where the type has no wrapper. Each pair of selection set
/// and schema element is counted once, so a document that nests introspection deeply costs linear time to price.
/// </summary>
internal sealed class IntrospectionCost(ISchema schema, GraphQLDocument document)
{
    private readonly Dictionary<(GraphQLSelectionSet, object), double> _known = [];
    private readonly HashSet<string> _visiting = new(StringComparer.Ordinal);

    /// <summary>Objects returned by a root <c>__schema</c> or <c>__type(name:)</c> field, the field's own object included.</summary>
    public double Of(GraphQLField root, Func<GraphQLValue, object?> valueOf)
    {
        if (root.Name.StringValue == "__schema")
        {
            return 1 + Count(root.SelectionSet, schema);
        }

        // __type(name:): the named type, or the most expensive type when the name is not known before execution.
        var name = root.Arguments?.Items.FirstOrDefault(a => a.Name.StringValue == "name") is { } argument ? valueOf(argument.Value) as string : null;
        if (name is not null)
        {
            return schema.AllTypes[name] is { } type ? 1 + Count(root.SelectionSet, type) : 0;
        }

        return schema.AllTypes.Select(t => 1 + Count(root.SelectionSet, t)).DefaultIfEmpty(0).Max();
    }

    private double Count(GraphQLSelectionSet? set, object element)
    {
        if (set is null)
        {
            return 0;
        }

        if (_known.TryGetValue((set, element), out var known))
        {
            return known;
        }

        double total = 0;
        foreach (var selection in set.Selections)
        {
            total += selection switch
            {
                GraphQLField field when field.SelectionSet is not null => Children(element, field.Name.StringValue).Sum(child => 1 + Count(field.SelectionSet, child)),
                GraphQLInlineFragment inline when Matches(inline.TypeCondition, element) => Count(inline.SelectionSet, element),
                GraphQLFragmentSpread spread => Spread(spread, element),
                _ => 0,
            };
        }

        _known[(set, element)] = total;
        return total;
    }

    private double Spread(GraphQLFragmentSpread spread, object element)
    {
        var name = spread.FragmentName.Name.StringValue;
        var fragment = document.Definitions.OfType<GraphQLFragmentDefinition>().FirstOrDefault(f => f.FragmentName.Name.StringValue == name);
        if (fragment is null || !Matches(fragment.TypeCondition, element))
        {
            return 0;
        }

        if (!_visiting.Add(name))
        {
            throw new LimitExceededException(ErrorCodes.ValidationFailed, $"Fragment '{name}' spreads itself (a cycle).", 0);
        }

        var count = Count(fragment.SelectionSet, element);
        _visiting.Remove(name);
        return count;
    }

    // What each introspection field returns, as in GraphQL.NET's introspection types, less what the schema's filter
    // hides from introspection (by default __Directive.isRepeatable). An input value's cost is only its type, so
    // arguments and input fields are represented by their type.
    private IEnumerable<object> Children(object element, string field) => (element, field) switch
    {
        (ISchema s, "types") => s.AllTypes.Where(t => Shown(s.Filter.AllowType(t))),
        (ISchema s, "queryType") => [s.Query],
        (ISchema s, "mutationType") => s.Mutation is { } m ? [m] : [],
        (ISchema s, "subscriptionType") => s.Subscription is { } sub ? [sub] : [],
        (ISchema s, "directives") => s.Directives.Where(d => Shown(s.Filter.AllowDirective(d))),
        (IGraphType t, "ofType") => t switch
        {
            NonNullGraphType nn when nn.ResolvedType is { } inner => [inner],
            ListGraphType list when list.ResolvedType is { } inner => [inner],
            _ => [],
        },
        (IObjectGraphType or IInterfaceGraphType, "fields") => ((IComplexGraphType)element).Fields.Where(f => Shown(schema.Filter.AllowField((IGraphType)element, f))).Select(f => new FieldElement(f)),
        (IInputObjectGraphType input, "inputFields") => input.Fields.Select(f => new InputValueElement(f.ResolvedType)),
        (IImplementInterfaces t, "interfaces") => t.ResolvedInterfaces,
        (IAbstractGraphType t, "possibleTypes") => t.PossibleTypes,
        (EnumerationGraphType e, "enumValues") => e.Values.Select(_ => EnumValueElement.Instance),
        (FieldElement f, "args") => f.Field.Arguments?.Select(a => new InputValueElement(a.ResolvedType)) ?? [],
        (FieldElement f, "type") => f.Field.ResolvedType is { } type ? [type] : [],
        (InputValueElement v, "type") => v.Type is { } type ? [type] : [],
        (Directive d, "args") => d.Arguments?.Select(a => new InputValueElement(a.ResolvedType)) ?? [],
        _ => [],
    };

    // The default filter answers at once; a filter that would have to wait counts the element, so the price never drops.
    private static bool Shown(Task<bool> allowed) => !allowed.IsCompletedSuccessfully || allowed.Result;

    private static bool Matches(GraphQLTypeCondition? condition, object element) =>
        condition is null || condition.Type.Name.StringValue == element switch
        {
            ISchema => "__Schema",
            IGraphType => "__Type",
            FieldElement => "__Field",
            InputValueElement => "__InputValue",
            EnumValueElement => "__EnumValue",
            Directive => "__Directive",
            _ => null,
        };

    private sealed record FieldElement(FieldType Field);

    private sealed record InputValueElement(IGraphType? Type);

    private sealed record EnumValueElement
    {
        public static readonly EnumValueElement Instance = new();
    }
}
