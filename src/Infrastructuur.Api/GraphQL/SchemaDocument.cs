using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.Visitors;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// The SDL printed from the live schema: served at GET /graphql?sdl and compared with schema/schema.graphql by a test.
/// Federation's fields and types are left out, as introspection leaves them out (<see cref="Federation.FederationSchemaFilter"/>).
/// </summary>
public sealed class SchemaDocument(ISchema schema)
{
    private readonly Lazy<string> _text = new(() => Print(schema));

    public string Text => _text.Value;

    public static string Print(ISchema schema)
    {
        schema.Initialize();

        // What schema.Print does with these options, less the federation's own elements (ADR 0027).
        using var writer = new StringWriter();
        new SDLPrinter(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true })
            .PrintAsync(Federation.SubgraphSdl.WithoutFederation(schema.ToAST()), writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString().ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}
