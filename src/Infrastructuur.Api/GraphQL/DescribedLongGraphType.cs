using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// A 64-bit whole number as a string of digits ("9007199254740993"): JavaScript holds whole numbers exactly only up to
/// 2^53, so a JSON number beyond it would arrive changed (ADR 0024). As the Long scalar specification says, input is a
/// string only.
/// </summary>
public sealed class DescribedLongGraphType : ScalarGraphType
{
    public DescribedLongGraphType()
    {
        Name = "Long";
        Description = "A 64-bit whole number (−9223372036854775808 to 9223372036854775807) written as a string of base-10 digits "
            + "(\"1250\", \"9007199254740993\"), never a JSON number, so values above 2^53 reach JavaScript unchanged (e.g. summed capacities and reach). "
            + "As input: such a string.";
        this.SpecifiedBy("https://scalars.graphql.org/jakobmerrild/long.html");
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse(text.Value.Span),
        _ => ThrowLiteralConversionError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string text => Parse(text.AsSpan()),
        _ => ThrowValueConversionError(value),
    };

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        long l => l.ToString(CultureInfo.InvariantCulture),
        int i => ((long)i).ToString(CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    // Base-10 digits with an optional minus: no plus, blanks, point or exponent.
    private static long Parse(ReadOnlySpan<char> text) =>
        text.Length > 0 && (char.IsAsciiDigit(text[0]) || (text[0] == '-' && text.Length > 1))
        && long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var parsed)
            ? parsed
            : throw new FormatException("Long must be a string of base-10 digits, e.g. \"9007199254740993\".");
}
