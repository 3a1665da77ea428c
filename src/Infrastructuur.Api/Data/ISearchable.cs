namespace Infrastructuur.Api.Data;

/// <summary>
/// A record that the curated <c>text</c> filters search. <see cref="SearchText"/> is the folded form (see <see cref="TextKey"/>)
/// of <see cref="BuildSearchText"/>, kept on save, so matching is case- and accent-insensitive on SQLite and PostgreSQL alike.
/// </summary>
public interface ISearchable
{
    string SearchText { get; set; }

    /// <summary>The text to index, unfolded (for example title and description).</summary>
    string BuildSearchText();
}
