using System.Buffers.Text;
using System.Text;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Opaque, URL-safe global IDs that carry their GraphQL type: base64url("Type:uuid"). Clients must not parse
/// them; the type inside lets the server refuse an organisation ID where an initiative ID is expected (ADR 0003).
/// </summary>
public static class GlobalId
{
    private const int MaxLength = 200;

    public static string Encode(string typeName, Guid id) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{typeName}:{id:N}"));

    /// <summary>Decodes an ID, or returns false when it is not one of ours.</summary>
    public static bool TryDecode(string? value, out string typeName, out Guid id)
    {
        typeName = string.Empty;
        id = Guid.Empty;
        if (string.IsNullOrEmpty(value) || value.Length > MaxLength || !Base64Url.IsValid(value))
        {
            return false;
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(value));
        }
        catch (FormatException)
        {
            return false;
        }

        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || !Guid.TryParseExact(text.AsSpan(colon + 1), "N", out id))
        {
            return false;
        }

        typeName = text[..colon];
        return true;
    }

    /// <summary>Decodes an ID that must be of <paramref name="expectedType"/>; throws a clear BAD_REQUEST otherwise.</summary>
    public static Guid Decode(string? value, string expectedType)
    {
        if (!TryDecode(value, out var type, out var id))
        {
            throw ApiException.BadRequest($"'{Truncate(value)}' is not a valid ID.");
        }

        if (!string.Equals(type, expectedType, StringComparison.Ordinal))
        {
            throw ApiException.BadRequest($"Expected an ID of type {expectedType}, but got an ID of type {type}.");
        }

        return id;
    }

    private static string Truncate(string? value) =>
        value is null ? string.Empty : value.Length <= 40 ? value : value[..40] + "…";
}
