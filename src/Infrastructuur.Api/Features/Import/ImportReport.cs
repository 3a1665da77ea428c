using System.Globalization;
using System.Text.Json.Serialization;

namespace Infrastructuur.Api.Features.Import;

/// <summary>The stable codes of import problems; clients and scripts switch on these, never on messages.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ImportProblemCode>))]
public enum ImportProblemCode
{
    UnreadableFile,
    UnknownColumn,
    MissingColumn,
    Required,
    UnknownTheme,
    UnknownTargetGroup,
    UnknownNeighbourhood,
    BadDate,
    BadTime,
    BadNumber,
    BadValue,
    DateOrder,
    DuplicateRow,
    ConflictingOrganisation,
    OtherMunicipality,
    TooLong,
    NotImported,
}

/// <summary>One problem with one cell (or row, or file): where, what, and whether it stops the import.</summary>
public sealed record ImportProblem(
    string File,
    int? Row,
    string? Column,
    ImportProblemCode Code,
    string Message,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)] bool Warning = false);

/// <summary>What an import did or, with problems or in a dry run, would have done.</summary>
public sealed class ImportReport
{
    public required string File { get; init; }

    public required string Municipality { get; init; }

    public bool DryRun { get; init; }

    /// <summary>True when the changes were saved: no dry run and no problem that is not a warning.</summary>
    public bool Written { get; set; }

    public int Rows { get; set; }

    public int Created { get; set; }

    public int Updated { get; set; }

    public int Unchanged { get; set; }

    public int Ended { get; set; }

    public int OrganisationsCreated { get; set; }

    public int OrganisationsUpdated { get; set; }

    public List<ImportProblem> Problems { get; } = [];

    [JsonIgnore]
    public bool HasErrors => Problems.Any(p => !p.Warning);

    [JsonIgnore]
    public CultureInfo Culture { get; init; } = CultureInfo.InvariantCulture;

    public void Fail(BaselineRow? row, BaselineColumn? column, ImportProblemCode code, params object[] args) =>
        Add(row?.File ?? File, row?.Row, column, code, false, args);

    public void Warn(BaselineRow? row, BaselineColumn? column, ImportProblemCode code, params object[] args) =>
        Add(row?.File ?? File, row?.Row, column, code, true, args);

    public void Add(string file, int? row, BaselineColumn? column, ImportProblemCode code, bool warning, params object[] args) =>
        Problems.Add(new ImportProblem(file, row, column is { } c ? BaselineTemplate.Header(c, Shared.Mutations.Messages.IsDutch(Culture)) : null, code, ImportMessages.For(code, Culture, args), warning));

    /// <summary>A problem named by a raw column (an HSDS field, an unknown header).</summary>
    public void Add(string file, int? row, string? column, ImportProblemCode code, bool warning, params object[] args) =>
        Problems.Add(new ImportProblem(file, row, column, code, ImportMessages.For(code, Culture, args), warning));
}
