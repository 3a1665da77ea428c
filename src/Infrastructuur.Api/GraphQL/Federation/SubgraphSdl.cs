using GraphQL;
using GraphQL.Builders;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Visitors;

namespace Infrastructuur.Api.GraphQL.Federation;

/// <summary>
/// The schema as an Apollo Federation v2 subgraph (<c>_service { sdl }</c>, ADR 0027): the schema every client sees,
/// without the federation fields themselves, with <c>@link</c> to the federation spec, <c>@key</c> on every entity
/// (its global ID and its natural keys), <c>@shareable</c> and <c>@inaccessible</c> as declared next to the types, and
/// the definitions of the directives and scalars it imports, so the text is a valid schema on its own.
/// </summary>
public static class SubgraphSdl
{
    /// <summary>The federation version we link, read by @apollo/composition 2.9 and later; the directives we use are all 2.0's.</summary>
    public const string FederationUrl = "https://specs.apollo.dev/federation/v2.9";

    private const string ShareableKey = "infrastructuur:federation-shareable";
    private const string InaccessibleKey = "infrastructuur:federation-inaccessible";

    // Imported without a prefix; their definitions follow the spec of the linked version.
    private const string Header = $$"""
        extend schema @link(url: "{{FederationUrl}}", import: ["@key", "@shareable", "@inaccessible", "FieldSet"])

        directive @link(url: String!, as: String, for: link__Purpose, import: [link__Import]) repeatable on SCHEMA

        directive @key(fields: FieldSet!, resolvable: Boolean = true) repeatable on OBJECT | INTERFACE

        directive @shareable repeatable on OBJECT | FIELD_DEFINITION

        directive @inaccessible on FIELD_DEFINITION | OBJECT | INTERFACE | UNION | ARGUMENT_DEFINITION | SCALAR | ENUM | ENUM_VALUE | INPUT_OBJECT | INPUT_FIELD_DEFINITION

        scalar FieldSet

        scalar link__Import

        enum link__Purpose { SECURITY EXECUTION }
        """;

    /// <summary>The federation's own types in the executable schema: for gateways, shown to no client (ADR 0027).</summary>
    public static readonly IReadOnlySet<string> FederationTypes = new HashSet<string>(StringComparer.Ordinal) { "_Service", "_Any", "_Entity" };

    /// <summary>The federation's own fields of Query: for gateways, shown to no client (ADR 0027).</summary>
    public static readonly IReadOnlySet<string> FederationFields = new HashSet<string>(StringComparer.Ordinal) { "_service", "_entities" };

    /// <summary>
    /// Takes the federation's own elements out of a printed schema: clients see the schema without them, and a composer
    /// adds its own definitions of them to the SDL.
    /// </summary>
    public static GraphQLDocument WithoutFederation(GraphQLDocument document)
    {
        document.Definitions.RemoveAll(d => d is GraphQLTypeDefinition t && FederationTypes.Contains(t.Name.StringValue));
        foreach (var type in document.Definitions.OfType<GraphQLObjectTypeDefinition>())
        {
            type.Fields?.Items.RemoveAll(f => FederationFields.Contains(f.Name.StringValue));
        }

        return document;
    }

    /// <summary>Marks a type whose every field other subgraphs may resolve too (Relay's PageInfo).</summary>
    public static void Shareable(this IComplexGraphType type) => type.Metadata[ShareableKey] = true;

    /// <summary>Marks a field other subgraphs may resolve too (a CBS region's published name).</summary>
    public static FieldBuilder<TSource, TReturn> Shareable<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field)
    {
        field.FieldType.Metadata[ShareableKey] = true;
        return field;
    }

    /// <summary>
    /// Keeps a type out of the supergraph's API: it stays in this API, where its own rules and logs apply. Every field
    /// that returns it is left out with it (and a type left with no field, in turn).
    /// </summary>
    public static void Inaccessible(this IComplexGraphType type) => type.Metadata[InaccessibleKey] = true;

    public static string Print(ISchema schema)
    {
        schema.Initialize();
        var document = WithoutFederation(schema.ToAST());
        var entities = schema.AllTypes["_Entity"] as UnionGraphType ?? throw new InvalidOperationException("The schema has no _Entity union.");
        var keys = entities.PossibleTypes.ToDictionary(t => t.Name, KeysOf, StringComparer.Ordinal);
        var hidden = Hidden(schema);

        foreach (var definition in document.Definitions)
        {
            if (definition is not GraphQLObjectTypeDefinition type)
            {
                continue;
            }

            var name = type.Name.StringValue;
            var graphType = (IComplexGraphType)schema.AllTypes[name]!;
            var applied = new List<string>();
            applied.AddRange(keys.TryGetValue(name, out var fields) ? fields.Select(f => $"@key(fields: \"{f}\")") : []);
            if (graphType.GetMetadata<bool>(ShareableKey))
            {
                applied.Add("@shareable");
            }

            if (hidden.Types.Contains(name))
            {
                applied.Add("@inaccessible");
            }

            Apply(type, applied);
            foreach (var field in type.Fields?.Items ?? [])
            {
                var fieldType = graphType.GetField(field.Name.StringValue)!;
                var onField = new List<string>();
                if (fieldType.GetMetadata<bool>(ShareableKey))
                {
                    onField.Add("@shareable");
                }

                if (hidden.Fields.Contains((name, field.Name.StringValue)))
                {
                    onField.Add("@inaccessible");
                }

                if (onField.Count > 0)
                {
                    field.Directives = Merge(field.Directives, onField);
                }
            }
        }

        document.Definitions.InsertRange(0, Parser.Parse(Header).Definitions);
        using var writer = new StringWriter();
        new SDLPrinter(new PrintOptions()).PrintAsync(document, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString().ReplaceLineEndings("\n").TrimEnd() + "\n";
    }

    /// <summary>An entity's key field sets: its global ID, then its natural keys as declared.</summary>
    private static IReadOnlyList<string> KeysOf(IObjectGraphType type) =>
        [.. type.HasField("id") ? ["id"] : Array.Empty<string>(), .. EntityKeys.NaturalKeysOf(type).Select(k => k.Field)];

    /// <summary>
    /// What the supergraph must not show: the types marked inaccessible, every field returning one of them, the pages of
    /// them, and any type left with no visible field (a composer refuses a type whose every field is hidden), until nothing
    /// changes.
    /// </summary>
    private static (HashSet<string> Types, HashSet<(string Type, string Field)> Fields) Hidden(ISchema schema)
    {
        var types = schema.AllTypes.OfType<IComplexGraphType>().Where(t => t.GetMetadata<bool>(InaccessibleKey)).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var fields = new HashSet<(string, string)>();
        var objects = schema.AllTypes.OfType<IObjectGraphType>().Where(t => !t.Name.StartsWith("__", StringComparison.Ordinal) && !FederationTypes.Contains(t.Name)).ToList();
        bool changed;
        do
        {
            changed = false;
            foreach (var type in objects)
            {
                foreach (var field in type.Fields.Where(f => !FederationFields.Contains(f.Name)))
                {
                    if (types.Contains(field.ResolvedType!.GetNamedType().Name) && fields.Add((type.Name, field.Name)))
                    {
                        changed = true;
                    }
                }

                if (!types.Contains(type.Name) && (PageOfHidden(type, types) || type.Fields.Where(f => !FederationFields.Contains(f.Name)).All(f => fields.Contains((type.Name, f.Name)))))
                {
                    types.Add(type.Name);
                    changed = true;
                }
            }
        }
        while (changed);

        return (types, fields);
    }

    // A connection or edge of a hidden type is hidden with it: its paging fields alone would describe nothing.
    private static bool PageOfHidden(IObjectGraphType type, HashSet<string> hidden) =>
        type.GetType() is { IsGenericType: true } generic
        && (generic.GetGenericTypeDefinition() == typeof(ConnectionType<>) || generic.GetGenericTypeDefinition() == typeof(EdgeType<>))
        && type.Fields.Any(f => f.Name is "node" or "nodes" && hidden.Contains(f.ResolvedType!.GetNamedType().Name));

    private static void Apply(GraphQLObjectTypeDefinition type, List<string> directives)
    {
        if (directives.Count > 0)
        {
            type.Directives = Merge(type.Directives, directives);
        }
    }

    private static GraphQLDirectives Merge(GraphQLDirectives? existing, IEnumerable<string> directives)
    {
        var parsed = (GraphQLObjectTypeDefinition)Parser.Parse($"type T {string.Join(' ', directives)} {{ f: Int }}").Definitions[0];
        if (existing is null)
        {
            return parsed.Directives!;
        }

        existing.Items.AddRange(parsed.Directives!.Items);
        return existing;
    }
}
