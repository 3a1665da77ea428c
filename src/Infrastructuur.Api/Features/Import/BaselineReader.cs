using System.Globalization;
using CsvHelper;
using MiniExcelLibs;

namespace Infrastructuur.Api.Features.Import;

/// <summary>
/// Reads template rows from CSV (CsvHelper; comma or semicolon, as Dutch Excel writes it) or XLSX (MiniExcel, streamed
/// row by row), mapping headers to template columns. Problems with the file itself go into the report.
/// </summary>
public static class BaselineReader
{
    public enum Format
    {
        Csv,
        Xlsx,
        Hsds,
    }

    /// <summary>The format a file name says; HSDS for a folder, a datapackage.json or a .zip package.</summary>
    public static Format? FormatOf(string name) => Path.GetExtension(name).ToLowerInvariant() switch
    {
        ".csv" or ".txt" => Format.Csv,
        ".xlsx" => Format.Xlsx,
        ".zip" or ".json" => Format.Hsds,
        "" => Format.Hsds,
        _ => null,
    };

    public static List<BaselineRow> ReadCsv(Stream stream, string file, ImportReport report)
    {
        var rows = new List<BaselineRow>();
        try
        {
            // The separator (comma, semicolon as Dutch Excel writes, tab) is detected from the first lines; repeated values
            // (organisations, themes, places) are held once, since every row is kept until it is checked.
            using var csv = CsvReader.Create(stream, new CsvReaderOptions { TrimWhitespace = true, PoolStrings = true }, true);
            var header = csv.Headers.ToArray();
            if (header.Length == 0)
            {
                report.Add(file, null, (string?)null, ImportProblemCode.UnreadableFile, false, "CSV");
                return rows;
            }

            var map = MapHeader(header, file, report);
            var number = 1;
            while (csv.Read())
            {
                number++;
                var row = new BaselineRow(file, number);
                foreach (var (index, column) in map)
                {
                    row[column] = index < csv.FieldCount ? Unescape(csv.GetString(index)) : null;
                }

                if (!row.IsEmpty)
                {
                    rows.Add(row);
                }
            }
        }
        catch (CsvFormatException)
        {
            report.Add(file, null, (string?)null, ImportProblemCode.UnreadableFile, false, "CSV");
        }

        return rows;
    }

    /// <summary>
    /// Undoes the export's guard against formula injection: a cell that would start with = + - @ is written with a leading
    /// apostrophe so a spreadsheet shows it as text, and reads back as the value it was.
    /// </summary>
    public static string Unescape(string value) =>
        value.Length > 1 && value[0] == '\'' && value[1] is '=' or '+' or '-' or '@' or '\t' or '\r' ? value[1..] : value;

    public static List<BaselineRow> ReadXlsx(Stream stream, string file, ImportReport report)
    {
        var rows = new List<BaselineRow>();

        // Repeated values (organisations, themes, places, dates) held once, as CsvHelper pools them for CSV.
        var pool = new Dictionary<string, string>(StringComparer.Ordinal);
        string? Pooled(BaselineColumn column, string? value) =>
            value is null || column is BaselineColumn.Id or BaselineColumn.Activity or BaselineColumn.Description ? value
            : pool.TryGetValue(value, out var held) ? held : pool[value] = value;
        try
        {
            Dictionary<string, BaselineColumn>? map = null;
            var number = 0;
            foreach (IDictionary<string, object?> cells in stream.Query(useHeaderRow: false))
            {
                number++;
                if (map is null)
                {
                    var header = cells.Where(c => c.Value is not null).ToList();
                    var byIndex = MapHeader([.. header.Select(c => Cell(c.Value) ?? string.Empty)], file, report);
                    map = byIndex.ToDictionary(m => header[m.Key].Key, m => m.Value);
                    continue;
                }

                var row = new BaselineRow(file, number);
                foreach (var (letter, column) in map)
                {
                    row[column] = cells.TryGetValue(letter, out var value) ? Pooled(column, Cell(value)) : null;
                }

                if (!row.IsEmpty)
                {
                    rows.Add(row);
                }
            }

            if (map is null)
            {
                report.Add(file, null, (string?)null, ImportProblemCode.UnreadableFile, false, "XLSX");
            }
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or InvalidOperationException or System.Xml.XmlException or NotSupportedException)
        {
            report.Add(file, null, (string?)null, ImportProblemCode.UnreadableFile, false, "XLSX");
        }

        return rows;
    }

    /// <summary>A spreadsheet cell as template text: dates as ISO days, times as HH:mm, numbers in invariant culture.</summary>
    private static string? Cell(object? value) => value switch
    {
        null => null,
        DateTime { TimeOfDay.Ticks: 0 } day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime moment => moment.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture),
        TimeSpan time => time.ToString(@"hh\:mm", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString(),
    };

    private static Dictionary<int, BaselineColumn> MapHeader(string[] header, string file, ImportReport report)
    {
        var map = new Dictionary<int, BaselineColumn>();
        for (var i = 0; i < header.Length; i++)
        {
            if (string.IsNullOrWhiteSpace(header[i]))
            {
                continue;
            }

            if (BaselineTemplate.Find(header[i]) is { } column && !map.ContainsValue(column))
            {
                map[i] = column;
            }
            else
            {
                report.Add(file, 1, header[i], ImportProblemCode.UnknownColumn, true, header[i]);
            }
        }

        foreach (var required in new[] { BaselineColumn.Organisation, BaselineColumn.Activity })
        {
            if (!map.ContainsValue(required))
            {
                report.Add(file, 1, (BaselineColumn?)required, ImportProblemCode.MissingColumn, false, BaselineTemplate.Header(required, Shared.Mutations.Messages.IsDutch(report.Culture)));
            }
        }

        return map;
    }
}
