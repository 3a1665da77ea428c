using System.Globalization;
using System.Text.Json.Nodes;

namespace Infrastructuur.Tests.Infrastructure;

/// <summary>Numbers as the API writes the exact ones: Money, Decimal and Long are JSON strings, never JSON numbers (ADR 0024).</summary>
public static class WireNumbers
{
    /// <summary>A Money or Decimal value; throws when the API wrote a JSON number instead of a string.</summary>
    public static decimal Exact(this JsonNode? value) =>
        decimal.Parse(value!.GetValue<string>(), NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture);

    /// <summary>An amount as a client sends Money: the decimal's invariant text ("12.50"), never a JSON number.</summary>
    public static string Text(decimal euros) => euros.ToString(CultureInfo.InvariantCulture);

    /// <summary>A Long value; throws when the API wrote a JSON number instead of a string.</summary>
    public static long Long(this JsonNode? value) =>
        long.Parse(value!.GetValue<string>(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
}
