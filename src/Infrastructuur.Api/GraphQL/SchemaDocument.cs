using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;

namespace Infrastructuur.Api.GraphQL;

/// <summary>The SDL printed from the live schema: served at GET /graphql?sdl and compared with schema/schema.graphql by a test.</summary>
public sealed class SchemaDocument(ISchema schema)
{
    private readonly Lazy<string> _text = new(() => Print(schema));

    public string Text => _text.Value;

    public static string Print(ISchema schema)
    {
        schema.Initialize();
        var text = schema.Print(new PrintOptions { IncludeDescriptions = true, IncludeDeprecationReasons = true });
        return text.ReplaceLineEndings("\n").TrimEnd() + "\n";
    }
}
