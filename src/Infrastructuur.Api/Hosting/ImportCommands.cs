using System.Diagnostics;
using System.Globalization;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.History;
using Infrastructuur.Api.Features.Import;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// <c>import baseline FILE --municipality GM1930 [--dry-run] [--end-missing] [--language nl|en]</c> and
/// <c>export baseline --municipality GM1930 FILE [--language nl|en]</c>: the command-line entrance to the same import
/// code as the upload, with a progress bar and a summary. Exit codes: 0 done, 1 the file has errors (nothing written),
/// 2 usage. The rest of the command line configures the app as usual (e.g. <c>--Database:Provider Postgres</c>).
/// </summary>
public static class ImportCommands
{
    private const string Usage = "usage: import baseline FILE --municipality GMxxxx [--dry-run] [--end-missing] [--language nl|en]\n       export baseline --municipality GMxxxx FILE [--language nl|en]";

    public static async Task<int?> RunAsync(string[] args, TextWriter? output = null)
    {
        if (args is not [("import" or "export") and var verb, "baseline", .. var rest])
        {
            return null;
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output ?? Console.Out) });
        string? file = null;
        string? code = null;
        var dryRun = false;
        var endMissing = false;
        var dutch = false;
        var appArgs = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--municipality" when i + 1 < rest.Length:
                    code = rest[++i].Trim().ToUpperInvariant();
                    break;
                case "--language" when i + 1 < rest.Length:
                    dutch = rest[++i].StartsWith("nl", StringComparison.OrdinalIgnoreCase);
                    break;
                case "--dry-run" when verb == "import":
                    dryRun = true;
                    break;
                case "--end-missing" when verb == "import":
                    endMissing = true;
                    break;
                case var arg when file is null && !arg.StartsWith("--", StringComparison.Ordinal):
                    file = arg;
                    break;
                case var arg when arg.StartsWith("--", StringComparison.Ordinal) && i + 1 < rest.Length:
                    appArgs.Add(arg);
                    appArgs.Add(rest[++i]);
                    break;
                default:
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
            }
        }

        if (file is null || code is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }

        var builder = WebApplication.CreateBuilder([.. appArgs]);
        builder.Services.AddInfrastructuurDatabase(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        await app.InitializeDatabaseAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<InfrastructuurDb>>().CreateDbContextAsync();
        var municipality = await db.Municipalities.AsNoTracking().FirstOrDefaultAsync(m => m.CbsCode == code);
        if (municipality is null)
        {
            await Console.Error.WriteLineAsync($"There is no municipality {code}.");
            return 2;
        }

        if (verb == "export")
        {
            var rows = await BaselineExport.RowsAsync(db, municipality.Id, CancellationToken.None);
            await using (var stream = File.Create(file))
            {
                if (BaselineReader.FormatOf(file) == BaselineReader.Format.Xlsx)
                {
                    BaselineExport.WriteXlsx(stream, rows, dutch);
                }
                else
                {
                    BaselineExport.WriteCsv(stream, rows, dutch);
                }
            }

            console.MarkupLine(string.Create(CultureInfo.InvariantCulture, $"Exported {rows.Count:N0} activities of {municipality.Name} ({code}) to {Markup.Escape(file)}."));
            return 0;
        }

        var report = new ImportReport
        {
            File = Path.GetFileName(file.TrimEnd('/')),
            Municipality = code,
            DryRun = dryRun,
            Culture = CultureInfo.GetCultureInfo(dutch ? "nl-NL" : "en-GB"),
        };
        var clock = Stopwatch.StartNew();
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var reading = ctx.AddTask("Reading").IsIndeterminate();
                var rows = BaselineFiles.Read(file, report);
                reading.Value = reading.MaxValue;
                reading.IsIndeterminate = false;
                reading.StopTask();
                var writing = ctx.AddTask(dryRun ? "Checking (dry run)" : "Checking and writing", maxValue: Math.Max(1, rows.Count));
                var progress = new Bar(writing);
                var options = new ImportOptions(municipality.Id, municipality.CbsCode, dryRun, endMissing, new AuditStamp(null, null, "importBaseline"));
                await BaselineImport.RunAsync(db, rows, options, report, progress, CancellationToken.None);
                writing.Value = writing.MaxValue;
            });

        Summarise(console, report, clock.Elapsed);
        return report.HasErrors ? 1 : 0;
    }

    // Synchronous, unlike Progress<T>, so a late callback cannot move the bar back after the import finished.
    private sealed class Bar(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }

    private static void Summarise(IAnsiConsole console, ImportReport report, TimeSpan took)
    {
        var table = new Table().AddColumns("File", "Row", "Column", "Code", "Message");
        foreach (var p in report.Problems.Take(200))
        {
            table.AddRow(Markup.Escape(p.File), p.Row?.ToString(CultureInfo.InvariantCulture) ?? "", Markup.Escape(p.Column ?? ""), (p.Warning ? "[yellow]" : "[red]") + p.Code + "[/]", Markup.Escape(p.Message));
        }

        if (report.Problems.Count > 0)
        {
            console.Write(table);
        }

        var verdict = report.Written ? "[green]written[/]" : report.HasErrors ? "[red]nothing written: fix the errors above[/]" : "[blue]dry run: nothing written[/]";
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"{Markup.Escape(report.File)} → {report.Municipality}: {report.Rows:N0} rows; activities {report.Created:N0} created, {report.Updated:N0} updated, {report.Unchanged:N0} unchanged, {report.Ended:N0} ended; organisations {report.OrganisationsCreated:N0} created, {report.OrganisationsUpdated:N0} updated; {report.Problems.Count(p => !p.Warning):N0} errors, {report.Problems.Count(p => p.Warning):N0} warnings; {took.TotalSeconds:F1} s; {verdict}."));
    }
}
