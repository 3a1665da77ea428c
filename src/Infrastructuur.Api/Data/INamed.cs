namespace Infrastructuur.Api.Data;

/// <summary>A record with a display name; <see cref="NameKey"/> is derived from it on save (see <see cref="TextKey"/>).</summary>
public interface INamed
{
    string Name { get; }

    string NameKey { get; set; }
}
