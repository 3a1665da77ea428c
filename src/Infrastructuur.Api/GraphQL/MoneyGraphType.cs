using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// The one place where stored cents become euros and back. Amounts are stored as whole cents (<see cref="long"/>):
/// SQLite cannot SUM decimals, and whole numbers add up exactly on every engine. On the wire an amount is a JSON
/// number written from a <see cref="decimal"/> with exactly two decimals (12345.67, 0.30), never from a binary
/// double, so what the server summed is what the client reads. We chose our own scalar over GraphQL.NET's Decimal
/// because Decimal accepts any precision: Money refuses a third decimal instead of rounding it away silently.
/// </summary>
public sealed class MoneyGraphType : ScalarGraphType
{
    private const NumberStyles Styles = NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent;

    public MoneyGraphType()
    {
        Name = "Money";
        Description = "An amount of money in euros, exact to the cent. Written as a JSON number with two decimals "
            + "from an exact decimal, never a binary float (e.g. 12345.67, 0.30); stored as whole cents, so sums are exact. "
            + "As input: a number or a numeric string with at most two decimals; a third decimal is refused, not rounded.";
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
        GraphQLIntValue number => Parse(number.Value.Span),
        GraphQLFloatValue number => Parse(number.Value.Span),
        GraphQLStringValue text => Parse(text.Value.Span),
        _ => ThrowLiteralConversionError(value),
    };

    public override bool CanParseLiteral(GraphQLValue value) => Parses(() => ParseLiteral(value));

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        decimal d => Exact(d),
        int i => (decimal)i,
        long l => Exact(l),

        // JSON readers hand over numbers such as 12345.67 as doubles; the decimal conversion rounds to 15 significant
        // digits, which recovers the written value for every amount up to a trillion euros. Exact() then checks the cents.
        double d when double.IsFinite(d) => Exact((decimal)d),
        string s => Parse(s.AsSpan()),
        _ => ThrowValueConversionError(value),
    };

    public override bool CanParseValue(object? value) => Parses(() => ParseValue(value));

    /// <summary>Resolvers return euros as a decimal (from <see cref="ToEuros(long)"/>); anything else is a bug.</summary>
    public override object? Serialize(object? value) => value switch
    {
        null => null,
        decimal d => Exact(d),
        _ => ThrowSerializationError(value),
    };

    private static decimal Parse(ReadOnlySpan<char> text) =>
        decimal.TryParse(text, Styles, CultureInfo.InvariantCulture, out var euros)
            ? Exact(euros)
            : throw new FormatException("Money must be a number of euros, e.g. 12345.67.");

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
