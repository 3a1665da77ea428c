using System.Security.Cryptography;
using System.Text;

namespace Infrastructuur.Api.Features.Hsds;

/// <summary>
/// HSDS wants a UUID on every object. Our records have UUID keys and keep them; the objects HSDS splits off a record
/// (an activity's location, address, schedule, cost option, its service_at_location) get the record's UUID with a fixed
/// mask per kind XORed in: stable, distinct per kind, and reversible, so /hsds/service_at_locations/{id} finds its
/// activity without a table of its own. Links (an attribute, a service area, a language) hash the two keys they join.
/// The two taxonomies are fixed and have fixed UUIDs.
/// </summary>
public static class HsdsIds
{
    /// <summary>The taxonomy of our themes (Theme rows).</summary>
    public static readonly Guid ThemesTaxonomy = new("6d1b8a62-3c1f-4a0e-9f5b-2e7c41d0a001");

    /// <summary>The taxonomy of our target groups (TargetGroup rows).</summary>
    public static readonly Guid TargetGroupsTaxonomy = new("6d1b8a62-3c1f-4a0e-9f5b-2e7c41d0a002");

    public enum Part
    {
        ServiceAtLocation = 1,
        Location,
        Address,
        Schedule,
        CostOption,
    }

    /// <summary>The ID of the <paramref name="part"/> HSDS splits off the record <paramref name="id"/>.</summary>
    public static Guid Of(Guid id, Part part) => Xor(id, part);

    /// <summary>The record an ID made by <see cref="Of"/> came from.</summary>
    public static Guid RecordOf(Guid partId, Part part) => Xor(partId, part);

    /// <summary>A name-based UUID (RFC 9562 version 8 layout, from SHA-256) for the link between two records, or a record and a value.</summary>
    public static Guid Link(string kind, Guid from, string to)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"hsds|{kind}|{from:D}|{to}"));
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }

    public static Guid Link(string kind, Guid from, Guid to) => Link(kind, from, to.ToString("D"));

    // The mask leaves the version and variant bits alone, so the ID stays a UUID of the record's own version (7).
    private static Guid Xor(Guid id, Part part)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes, bigEndian: true, out _);
        bytes[15] ^= (byte)part;
        bytes[0] ^= 0x5A;
        bytes[3] ^= (byte)((int)part * 0x1D);
        return new Guid(bytes, bigEndian: true);
    }
}
