using System.IO.Compression;

namespace Infrastructuur.Api.Features.Import;

/// <summary>Reads the rows of one uploaded or named file in any of the three formats.</summary>
public static class BaselineFiles
{
    /// <summary>A file, a folder (HSDS package) or a datapackage.json on disk.</summary>
    public static List<BaselineRow> Read(string path, ImportReport report)
    {
        var name = Path.GetFileName(path.TrimEnd('/'));
        if (Directory.Exists(path))
        {
            return HsdsPackage.Read(path, report);
        }

        switch (BaselineReader.FormatOf(path))
        {
            case BaselineReader.Format.Csv:
                using (var stream = File.OpenRead(path))
                {
                    return BaselineReader.ReadCsv(stream, name, report);
                }

            case BaselineReader.Format.Xlsx:
                using (var stream = File.OpenRead(path))
                {
                    return BaselineReader.ReadXlsx(stream, name, report);
                }

            case BaselineReader.Format.Hsds:
                return HsdsPackage.Read(path, report);
            default:
                report.Add(name, null, (string?)null, ImportProblemCode.UnreadableFile, false, "CSV, XLSX, HSDS");
                return [];
        }
    }

    /// <summary>An uploaded body; <paramref name="stream"/> must be seekable for XLSX and zip.</summary>
    public static List<BaselineRow> Read(Stream stream, BaselineReader.Format format, string name, ImportReport report)
    {
        switch (format)
        {
            case BaselineReader.Format.Csv:
                return BaselineReader.ReadCsv(stream, name, report);
            case BaselineReader.Format.Xlsx:
                return BaselineReader.ReadXlsx(stream, name, report);
            default:
                try
                {
                    using var zip = new ZipArchive(stream, ZipArchiveMode.Read, leaveOpen: true);
                    return HsdsPackage.Read(zip, report);
                }
                catch (InvalidDataException)
                {
                    report.Add(name, null, (string?)null, ImportProblemCode.UnreadableFile, false, "ZIP");
                    return [];
                }
        }
    }
}
