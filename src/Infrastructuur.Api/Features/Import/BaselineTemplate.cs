using System.Globalization;
using Infrastructuur.Api.Data;

namespace Infrastructuur.Api.Features.Import;

/// <summary>The columns of the baseline template, in the order an export writes them (docs/import/baseline-template.md).</summary>
public enum BaselineColumn
{
    Id,
    Organisation,
    Kvk,
    OrganisationKind,
    Email,
    Website,
    Activity,
    Description,
    Status,
    Themes,
    TargetGroups,
    MinimumAge,
    MaximumAge,
    Neighbourhoods,
    Schedule,
    StartsOn,
    EndsOn,
    Weekday,
    StartTime,
    EndTime,
    Street,
    HouseNumber,
    Postcode,
    Place,
    Capacity,
    Cost,
    CostDescription,
    Languages,
}

/// <summary>
/// The template's column names in English and Dutch. A header is matched case- and accent-insensitively, spaces, dashes
/// and underscores ignored, so "Doelgroepen", "target groups" and "target_groups" all name one column.
/// </summary>
public static class BaselineTemplate
{
    public static readonly IReadOnlyList<(BaselineColumn Column, string English, string Dutch)> Columns =
    [
        (BaselineColumn.Id, "id", "id"),
        (BaselineColumn.Organisation, "organisation", "organisatie"),
        (BaselineColumn.Kvk, "kvk", "kvk_nummer"),
        (BaselineColumn.OrganisationKind, "organisation_kind", "soort_organisatie"),
        (BaselineColumn.Email, "email", "e-mail"),
        (BaselineColumn.Website, "website", "website"),
        (BaselineColumn.Activity, "activity", "activiteit"),
        (BaselineColumn.Description, "description", "omschrijving"),
        (BaselineColumn.Status, "status", "status"),
        (BaselineColumn.Themes, "themes", "themas"),
        (BaselineColumn.TargetGroups, "target_groups", "doelgroepen"),
        (BaselineColumn.MinimumAge, "minimum_age", "minimumleeftijd"),
        (BaselineColumn.MaximumAge, "maximum_age", "maximumleeftijd"),
        (BaselineColumn.Neighbourhoods, "neighbourhoods", "buurten"),
        (BaselineColumn.Schedule, "schedule", "planning"),
        (BaselineColumn.StartsOn, "starts_on", "begindatum"),
        (BaselineColumn.EndsOn, "ends_on", "einddatum"),
        (BaselineColumn.Weekday, "weekday", "weekdag"),
        (BaselineColumn.StartTime, "start_time", "begintijd"),
        (BaselineColumn.EndTime, "end_time", "eindtijd"),
        (BaselineColumn.Street, "street", "straat"),
        (BaselineColumn.HouseNumber, "house_number", "huisnummer"),
        (BaselineColumn.Postcode, "postcode", "postcode"),
        (BaselineColumn.Place, "place", "plaats"),
        (BaselineColumn.Capacity, "capacity", "capaciteit"),
        (BaselineColumn.Cost, "cost", "kosten"),
        (BaselineColumn.CostDescription, "cost_description", "toelichting_kosten"),
        (BaselineColumn.Languages, "languages", "talen"),
    ];

    /// <summary>Between values in one cell (themes, target groups, neighbourhoods, languages).</summary>
    public const char ListSeparator = ';';

    private static readonly Dictionary<string, BaselineColumn> ByHeader = Columns
        .SelectMany(c => new[] { (Key(c.English), c.Column), (Key(c.Dutch), c.Column) })
        .DistinctBy(h => h.Item1)
        .ToDictionary(h => h.Item1, h => h.Column);

    public static string Header(BaselineColumn column, bool dutch) => dutch ? Columns[(int)column].Dutch : Columns[(int)column].English;

    /// <summary>The column a header names, or null for a column the template does not know.</summary>
    public static BaselineColumn? Find(string header) => ByHeader.TryGetValue(Key(header), out var column) ? column : null;

    private static string Key(string header) =>
        new(TextKey.Fold(header).Where(c => c is not (' ' or '_' or '-' or '.')).ToArray());

    /// <summary>The values of a list cell, trimmed, empty ones dropped.</summary>
    public static string[] List(string? cell) =>
        cell is null ? [] : cell.Split(ListSeparator, StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

    public static string Join(IEnumerable<string> values) => string.Join(ListSeparator + " ", values);

    public static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
}

/// <summary>One data row of an import: its cells by column (null when empty or absent), where it came from, and its row number.</summary>
public sealed class BaselineRow(string file, int row)
{
    private static readonly string?[] Released = new string?[BaselineTemplate.Columns.Count];

    private string?[] _cells = new string?[BaselineTemplate.Columns.Count];

    public string File { get; } = file;

    /// <summary>The row number as a spreadsheet shows it (the header is row 1).</summary>
    public int Row { get; } = row;

    /// <summary>Rows from an HSDS package have no required regions: HSDS service areas are free text more often than codes.</summary>
    public bool RegionsOptional { get; init; }

    /// <summary>Rows from an HSDS package carry taxonomy codes of any taxonomy: terms we do not know are warnings, not errors.</summary>
    public bool HsdsTerms { get; set; }

    public string? this[BaselineColumn column]
    {
        get => _cells[(int)column];
        set => (ReferenceEquals(_cells, Released) ? throw new InvalidOperationException("The row's cells were released.") : _cells)[(int)column] = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
    }

    public bool IsEmpty => _cells.All(c => c is null);

    /// <summary>Drops the cells once they are parsed, so a large file is not held twice; every cell reads as empty after.</summary>
    public void Release() => _cells = Released;
}
