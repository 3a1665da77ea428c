using System.Text.RegularExpressions;
using GraphQL.Types;
using Infrastructuur.Api.GraphQL;
using Infrastructuur.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Infrastructuur.Tests.Foundation;

/// <summary>
/// docs/schema-conventions.md, held mechanically: walks the schema the app serves and names every type, field, argument
/// or input field that breaks a rule the document states. Descriptions on every element are held by SchemaContractTests.
/// </summary>
public sealed partial class SchemaConventionsTests(SqliteAppFixture fixture) : IClassFixture<SqliteAppFixture>
{
    /// <summary>
    /// What the schema breaks on purpose, each with the reason; when an exception disappears the list must lose its line,
    /// or the test fails.
    /// </summary>
    private static readonly Dictionary<string, string> Allowed = new(StringComparer.Ordinal)
    {
        ["object-references: AccessLogEntry.requestId"] = "deliberate: the request's correlation ID (as in the technical log), not a reference to an object",
        ["object-references: NetworkEdge.from"] = "deliberate: an edge names nodes listed in the same answer by ID, so a graph library joins them without repeating each node",
        ["object-references: NetworkEdge.to"] = "deliberate: as NetworkEdge.from",
        ["custom-scalars: _Any"] = "named and defined by the Apollo Federation subgraph spec (ADR 0027): a gateway's entity representation, no format of ours",
        ["names: _Any"] = "named by the Apollo Federation subgraph spec (ADR 0027)",
        ["names: _Entity"] = "named by the Apollo Federation subgraph spec (ADR 0027)",
        ["names: _Service"] = "named by the Apollo Federation subgraph spec (ADR 0027)",
        ["names: Query._entities"] = "named by the Apollo Federation subgraph spec (ADR 0027)",
        ["names: Query._service"] = "named by the Apollo Federation subgraph spec (ADR 0027)",
        ["root-lists: Query._entities"] = "the Apollo Federation subgraph spec's key look-up, like nodes(ids:) (ADR 0027)",
    };

    private static readonly string[] BuiltInScalars = ["String", "Int", "Float", "Boolean", "ID"];

    /// <summary>The custom scalars the conventions name; a new one belongs in the document first.</summary>
    private static readonly string[] CustomScalars = ["Date", "DateTime", "LocalTime", "Long", "Money"];

    [Fact]
    public void The_served_schema_keeps_the_conventions_except_the_listed_exceptions()
    {
        var schema = fixture.App.Services.GetRequiredService<ISchema>();
        schema.Initialize();

        var found = Violations(schema).Distinct().Order(StringComparer.Ordinal).ToList();

        var unexpected = found.Where(v => !Allowed.ContainsKey(v)).ToList();
        var gone = Allowed.Keys.Where(k => !found.Contains(k)).Order(StringComparer.Ordinal).ToList();
        Assert.True(unexpected.Count == 0, "Breaks docs/schema-conventions.md:\n" + string.Join('\n', unexpected));
        Assert.True(gone.Count == 0, "Allowed exceptions that no longer occur (remove them from the list):\n" + string.Join('\n', gone));
    }

    /// <summary>The checker itself: a small schema that breaks every rule is caught by every rule.</summary>
    [Fact]
    public void Each_rule_catches_a_schema_that_breaks_it()
    {
        var bad = Schema.For(
            """
            scalar Date
            interface Node { id: ID! }
            type Thing { id: ID! title: String amount: Float since: Date ownerId: ID tags: [Tag!]! disbursed: Float }
            type Tag implements Node { id: ID! name: String }
            type Other implements Node { id: ID! tags: TagConnection! endedOn: Date }
            type TagConnection { nodes: [Tag!]! }
            union A = Thing | Tag
            union B = Tag | Thing
            input thing_filter { x: Int }
            enum Colour { red }
            type MakePayload { thing: Thing }
            type Query { things(filterBy: thing_filter): [Tag!]! other: Other a: A b: B colour: Colour }
            type Mutation { make(name: String): MakePayload }
            """,
            builder =>
            {
                foreach (var name in new[] { "Thing", "Tag", "Other" })
                {
                    builder.Types.For(name).IsTypeOfFunc = _ => true;
                }
            });
        bad.Initialize();

        var rules = Violations(bad).Select(v => v[..v.IndexOf(':', StringComparison.Ordinal)]).ToHashSet();

        Assert.Equal(
            ["amount-names", "connection-shape", "custom-scalars", "day-names", "filters", "input-names", "money", "mutation-input", "mutation-payload", "name-not-title", "names", "node-ids", "object-references", "one-shape-per-list", "root-lists", "span-ends", "union-shared-members"],
            rules.Order(StringComparer.Ordinal));
    }

    /// <summary>Every rule of docs/schema-conventions.md that a program can check, as "rule: element" lines.</summary>
    internal static IEnumerable<string> Violations(ISchema schema)
    {
        var types = schema.AllTypes.Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal)).ToList();
        var node = schema.AllTypes["Node"] as IInterfaceGraphType;
        bool IsNode(IGraphType t) =>
            t == node
            || (t is IObjectGraphType o && node is not null && o.ResolvedInterfaces.Contains(node))
            || (t is UnionGraphType u && u.PossibleTypes.All(IsNode));

        // Names: types PascalCase, fields and arguments camelCase, enum values SCREAMING_SNAKE_CASE.
        foreach (var type in types)
        {
            if (!PascalCase().IsMatch(type.Name))
            {
                yield return $"names: {type.Name}";
            }

            if (type is EnumerationGraphType enumeration)
            {
                foreach (var value in enumeration.Values.Where(v => !ScreamingSnake().IsMatch(v.Name)))
                {
                    yield return $"names: {type.Name}.{value.Name}";
                }
            }

            foreach (var (field, argument) in FieldsAndArguments(type))
            {
                var name = argument?.Name ?? field.Name;
                if (!CamelCase().IsMatch(name))
                {
                    yield return $"names: {Path(type, field, argument)}";
                }
            }
        }

        // Scalars: only the documented custom scalars, each naming its specification with @specifiedBy.
        foreach (var scalar in types.OfType<ScalarGraphType>().Where(s => s is not EnumerationGraphType && !BuiltInScalars.Contains(s.Name)))
        {
            if (!CustomScalars.Contains(scalar.Name) || SpecifiedByDirective.UrlOf(scalar) is null)
            {
                yield return $"custom-scalars: {scalar.Name}";
            }
        }

        foreach (var type in types.OfType<IComplexGraphType>())
        {
            var output = type is not IInputObjectGraphType;

            // IDs: an object with an ID is a Node; on output types only `id` is an ID (references are objects).
            if (type is IObjectGraphType obj && obj.GetField("id") is { } id && id.ResolvedType is NonNullGraphType { ResolvedType: IdGraphType } && !IsNode(obj))
            {
                yield return $"node-ids: {type.Name}";
            }

            foreach (var field in type.Fields)
            {
                var named = Named(field.ResolvedType!);
                if (output && named is IdGraphType && field.Name != "id")
                {
                    yield return $"object-references: {type.Name}.{field.Name}";
                }

                // Labels: what an object is called is its `name`.
                if (output && field.Name == "title" && type is IObjectGraphType)
                {
                    yield return $"name-not-title: {type.Name}.{field.Name}";
                }

                // Lists of Nodes at the root are connections (nodes(ids:) looks keys up and is not a list to page).
                if (output && type == schema.Query && IsList(field.ResolvedType!) && IsNode(named) && field.Name != "nodes")
                {
                    yield return $"root-lists: Query.{field.Name}";
                }

                // A connection field pages both ways.
                if (output && named.Name.EndsWith("Connection", StringComparison.Ordinal)
                    && !new[] { "first", "after", "last", "before" }.All(a => field.Arguments?.Find(a) is not null))
                {
                    yield return $"connection-shape: {type.Name}.{field.Name}";
                }
            }

            foreach (var (field, argument) in FieldsAndArguments(type))
            {
                var name = argument?.Name ?? field.Name;
                var typeOf = (argument?.ResolvedType ?? field.ResolvedType)!;
                var named = Named(typeOf);
                var path = Path(type, field, argument);
                var asInput = !output || argument is not null;

                // Money: a leaf that holds euros is Money, and a sum named for what happened to it says amount (amountAwarded).
                if (MoneyName().IsMatch(name) && named is ScalarGraphType && named.Name != "Money")
                {
                    yield return $"money: {path}";
                }

                if (named is ScalarGraphType && BareAmount().IsMatch(name))
                {
                    yield return $"amount-names: {path}";
                }

                // Days: a Date is `on` or `…On`; `from`/`to` only where a caller asks for a period (inputs, arguments).
                if (named.Name == "Date" && !(name == "on" || DayName().IsMatch(name) || (asInput && name is "from" or "to")))
                {
                    yield return $"day-names: {path}";
                }

                // Spans: the last day is `endsOn` (qualified: `plannedEndsOn`), never `until`, `leftOn` or `…End`.
                if (named.Name == "Date" && SpanEnd().IsMatch(name) && !name.EndsWith("ndsOn", StringComparison.Ordinal))
                {
                    yield return $"span-ends: {path}";
                }

                // Filters: `filterBy` takes a `…Filter`, a `…Filter` is only ever `filterBy`; `orderBy` and `…Order` alike.
                if (argument is not null
                    && ((name == "filterBy") != named.Name.EndsWith("Filter", StringComparison.Ordinal) || (name == "orderBy") != named.Name.EndsWith("Order", StringComparison.Ordinal)))
                {
                    yield return $"filters: {path}";
                }
            }
        }

        // Lists versus connections: below the root, one field name returning one kind of item has one shape on every type
        // (a connection's own page and a payload's list of what the mutation wrote aside).
        var shapes = types.OfType<IObjectGraphType>()
            .Where(t => t != schema.Query && !t.Name.EndsWith("Payload", StringComparison.Ordinal) && !t.Name.EndsWith("Connection", StringComparison.Ordinal))
            .SelectMany(t => t.Fields.Select(f => (Field: f.Name, Item: ItemOf(f.ResolvedType!), Connection: Named(f.ResolvedType!).Name.EndsWith("Connection", StringComparison.Ordinal), List: IsList(f.ResolvedType!))))
            .Where(f => f.Item is not null && (f.Connection || f.List))
            .GroupBy(f => (f.Field, f.Item!.Name));
        foreach (var shape in shapes.Where(g => g.Select(f => f.Connection).Distinct().Count() > 1))
        {
            yield return $"one-shape-per-list: {shape.Key.Field}";
        }

        // Unions: two unions of the same members are one idea written twice; an interface says it once.
        var unions = types.OfType<UnionGraphType>().ToList();
        foreach (var union in unions.Where(u => unions.Any(o => o != u && Members(o) == Members(u))))
        {
            yield return $"union-shared-members: {union.Name}";
        }

        // Inputs: `…Input` (mutations and their parts), `…Filter`, `…Order`, `…Scope`, `…Range`.
        foreach (var input in types.OfType<IInputObjectGraphType>().Where(i => !InputName().IsMatch(i.Name)))
        {
            yield return $"input-names: {input.Name}";
        }

        // Mutations: one argument `input: <Name>Input!`, a `<Name>Payload` carrying `userErrors: [UserError!]!`.
        foreach (var mutation in schema.Mutation?.Fields ?? [])
        {
            var stem = char.ToUpperInvariant(mutation.Name[0]) + mutation.Name[1..];
            if (mutation.Arguments is not { Count: 1 } arguments || arguments[0].Name != "input"
                || arguments[0].ResolvedType is not NonNullGraphType { ResolvedType: IInputObjectGraphType input } || input.Name != stem + "Input")
            {
                yield return $"mutation-input: Mutation.{mutation.Name}";
            }

            if (Named(mutation.ResolvedType!) is not IObjectGraphType payload || payload.Name != stem + "Payload"
                || payload.GetField("userErrors")?.ResolvedType?.ToString() != "[UserError!]!")
            {
                yield return $"mutation-payload: Mutation.{mutation.Name}";
            }
        }

        // Connections: edges, nodes, pageInfo and totalCount.
        foreach (var connection in types.OfType<IObjectGraphType>().Where(t => t.Name.EndsWith("Connection", StringComparison.Ordinal)))
        {
            if (!new[] { "edges", "nodes", "pageInfo", "totalCount" }.All(f => connection.HasField(f)))
            {
                yield return $"connection-shape: {connection.Name}";
            }
        }

        string Members(UnionGraphType union) => string.Join('|', union.PossibleTypes.Select(t => t.Name).Order(StringComparer.Ordinal));

        IGraphType? ItemOf(IGraphType type)
        {
            var named = Named(type);
            if (IsList(type))
            {
                return named;
            }

            return named is IObjectGraphType connection && connection.Name.EndsWith("Connection", StringComparison.Ordinal) && connection.GetField("nodes") is { } nodes
                ? Named(nodes.ResolvedType!)
                : null;
        }
    }

    private static IEnumerable<(FieldType Field, QueryArgument? Argument)> FieldsAndArguments(IGraphType type)
    {
        if (type is not IComplexGraphType complex)
        {
            yield break;
        }

        foreach (var field in complex.Fields)
        {
            yield return (field, null);
            foreach (var argument in field.Arguments ?? [])
            {
                yield return (field, argument);
            }
        }
    }

    private static string Path(IGraphType type, FieldType field, QueryArgument? argument) =>
        argument is null ? $"{type.Name}.{field.Name}" : $"{type.Name}.{field.Name}({argument.Name})";

    private static IGraphType Named(IGraphType type) => type is IProvideResolvedType wrapper ? Named(wrapper.ResolvedType!) : type;

    private static bool IsList(IGraphType type) => type is ListGraphType || (type is NonNullGraphType { ResolvedType: ListGraphType });

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*$")]
    private static partial Regex PascalCase();

    [GeneratedRegex("^[a-z][A-Za-z0-9]*$")]
    private static partial Regex CamelCase();

    [GeneratedRegex("^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$")]
    private static partial Regex ScreamingSnake();

    [GeneratedRegex("^(amount|fee|profit|awarded|disbursed|reinvested|nominalValue)$|Amount|Awarded$|Disbursed$|Reinvested$|Capital$")]
    private static partial Regex MoneyName();

    [GeneratedRegex("^(?![A-Za-z]*[Aa]mount)[A-Za-z]*(awarded|Awarded|disbursed|Disbursed|reinvested|Reinvested|allocated|Allocated|budgeted|Budgeted)$")]
    private static partial Regex BareAmount();

    [GeneratedRegex("^[a-z][A-Za-z]*On$")]
    private static partial Regex DayName();

    [GeneratedRegex("(?i)(until|left(on)?|end(ed)?(on)?|ends(on)?)$")]
    private static partial Regex SpanEnd();

    [GeneratedRegex("^[A-Z][A-Za-z0-9]*(Input|Filter|Order|Scope|Range)$")]
    private static partial Regex InputName();
}
