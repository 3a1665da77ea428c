using System.Diagnostics.CodeAnalysis;

namespace Infrastructuur.Api.Features.Shared;

/// <summary>
/// A Dutch postcode in its canonical form "1234 AB": four digits not starting with 0, a space, two capital letters,
/// never SA, SD or SS (PostNL does not issue them). An invalid postcode cannot be constructed, so none can be stored.
/// </summary>
public sealed record Postcode
{
    private static readonly string[] Unissued = ["SA", "SD", "SS"];

    private Postcode(string value) => Value = value;

    /// <summary>The canonical form, e.g. "3024 AB".</summary>
    public string Value { get; }

    /// <summary>Reads "3024ab", "3024 AB" or "3024  ab" as "3024 AB"; false for anything that is not a Dutch postcode.</summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Postcode? postcode)
    {
        postcode = null;
        var compact = string.Concat((text ?? string.Empty).Where(c => !char.IsWhiteSpace(c))).ToUpperInvariant();
        if (compact.Length != 6 || compact[0] is < '1' or > '9' || !compact[1..4].All(char.IsAsciiDigit) || !compact[4..].All(char.IsAsciiLetterUpper))
        {
            return false;
        }

        var letters = compact[4..];
        if (Unissued.Contains(letters, StringComparer.Ordinal))
        {
            return false;
        }

        postcode = new Postcode($"{compact[..4]} {letters}");
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but an invalid postcode is an <see cref="ArgumentException"/>.</summary>
    public static Postcode Parse(string text) =>
        TryParse(text, out var postcode) ? postcode : throw new ArgumentException($"'{text}' is not a Dutch postcode (format 1234 AB).", nameof(text));

    public override string ToString() => Value;
}
