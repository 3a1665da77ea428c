using System.Globalization;
using System.Numerics;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// The one place where stored cents become euros and back. Amounts are stored as whole cents (<see cref="long"/>):
/// SQLite cannot SUM decimals, and whole numbers add up exactly on every engine. On the wire an amount is a JSON string
/// with exactly two decimals ("160000.00", "0.30"), written from a <see cref="decimal"/>, never a JSON number:
/// JavaScript reads every JSON number as a binary double, so 160000.00 would arrive as 160000 and sums would round
/// (ADR 0024). Input is the same string, or a whole number of euros (exact in every JSON reader). A number with a
/// fraction is refused, in a document literal as in a variable: GraphQL.NET's JSON reader hands such a variable over as
/// a binary double, so accepting it would let a float decide the amount; refusing both keeps literals and variables
/// alike. A third decimal is refused instead of rounded away.
/// </summary>
public sealed class MoneyGraphType : ScalarGraphType
{
    public const string SpecifiedBy = "https://www.w3.org/TR/xmlschema11-2/#decimal";

    // The XML Schema decimal lexical form: an optional sign, digits, an optional point; no exponent, no blanks.
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint;

    public MoneyGraphType()
    {
        Name = "Money";
        Description = "An amount of money in euros, exact to the cent: a string with exactly two decimals (\"160000.00\", \"0.30\", "
            + "\"-2.50\"), never a JSON number, so no JavaScript float rounds it; stored as whole cents, so sums are exact. "
            + "Format: the XML Schema decimal (digits, an optional sign and point; no exponent). As input: such a string with at "
            + "most two decimals, or a whole number of euros (5000); a third decimal, or a number with a fraction (12.5 instead of \"12.50\"), is refused, not rounded.";
        this.SpecifiedBy(SpecifiedBy);
    }

    /// <summary>Stored cents as euros, always with two decimals (cents × 0.01 keeps scale 2: 100 → 1.00).</summary>
    public static decimal ToEuros(long cents) => cents * 0.01m;

    public static decimal? ToEuros(long? cents) => cents is { } value ? ToEuros(value) : null;

    /// <summary>Euros as whole cents; throws <see cref="FormatException"/> for a fraction of a cent and <see cref="OverflowException"/> beyond the range.</summary>
    public static long ToCents(decimal euros)
    {
        var cents = euros * 100m;
        if (cents != decimal.Truncate(cents))
        {
            throw new FormatException($"{euros.ToString(CultureInfo.InvariantCulture)} has more than two decimals; Money is exact to the cent.");
        }

        return decimal.ToInt64(cents);
    }

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue text => Parse(text.Value.Span),
        GraphQLIntValue number => Parse(number.Value.Span),
        GraphQLFloatValue => throw FractionRefused(),
        _ => ThrowLiteralConversionError(value),
    };

    public override bool CanParseLiteral(GraphQLValue value) => Parses(() => ParseLiteral(value));

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        string s => Parse(s.AsSpan()),
        int i => Exact(i),
        long l => Exact(l),
        decimal d => Exact(d),

        // A whole number written with a point (1000.00) reaches us as a double; below 2^53 a double holds it exactly.
        double d when d == Math.Floor(d) && Math.Abs(d) < 9007199254740992d => Exact((decimal)d),
        double or float => throw FractionRefused(),
        BigInteger => throw new OverflowException("Money is out of range."),
        _ => ThrowValueConversionError(value),
    };

    public override bool CanParseValue(object? value) => Parses(() => ParseValue(value));

    /// <summary>Resolvers return euros as a decimal (from <see cref="ToEuros(long)"/>), written as its invariant text; anything else is a bug.</summary>
    public override object? Serialize(object? value) => value switch
    {
        null => null,
        decimal d => Exact(d).ToString(CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    private static decimal Parse(ReadOnlySpan<char> text) =>
        decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var euros)
            ? Exact(euros)
            : throw new FormatException("Money must be a number of euros written as a string, e.g. \"12345.67\".");

    private static FormatException FractionRefused() =>
        new("Money with cents must be a string, e.g. \"12345.67\": a JSON number with a fraction is read as a binary float.");

    private static bool Parses(Func<object?> parse)
    {
        try
        {
            _ = parse();
            return true;
        }
        catch (Exception ex) when (ex is FormatException or OverflowException or InvalidOperationException)
        {
            return false;
        }
    }

    // Normalises to two decimals (1 → 1.00) and refuses a fraction of a cent or an amount beyond the stored range.
    private static decimal Exact(decimal euros) => ToEuros(ToCents(euros));
}
