using System.Diagnostics;
using System.Globalization;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Dashboards.Facts;
using Microsoft.EntityFrameworkCore;
using Spectre.Console;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// <c>rebuild-dashboards [--years 2022-2027]</c>: empties the dashboards' facts (offering and funding) and computes them again
/// from every activity and grant, with a progress bar, in one transaction (readers keep the old facts until it commits). --years chooses the
/// calendar years kept (default: three before the current one to one after); the window stays until the current year
/// leaves it. Exit codes: 0 done, 2 usage. The rest of the command line configures the app as usual.
/// </summary>
public static class DashboardCommands
{
    private const string Usage = "usage: rebuild-dashboards [--years FIRST-LAST, at most 20 years]";

    public static async Task<int?> RunAsync(string[] args, TextWriter? output = null)
    {
        if (args is not ["rebuild-dashboards", .. var rest])
        {
            return null;
        }

        (int First, int Last)? years = null;
        var appArgs = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--years" when i + 1 < rest.Length && Years(rest[i + 1]) is { } chosen:
                    years = chosen;
                    i++;
                    break;
                case "--years":
                    await Console.Error.WriteLineAsync(Usage);
                    return 2;
                default:
                    appArgs.Add(rest[i]);
                    break;
            }
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(output ?? Console.Out) });
        var builder = WebApplication.CreateBuilder([.. appArgs]);
        builder.Services.AddInfrastructuurDatabase(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        await app.InitializeDatabaseAsync();
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<InfrastructuurDb>>().CreateDbContextAsync();
        var window = years ?? OfferingFacts.WindowAround(DateTime.UtcNow.Year);
        var clock = Stopwatch.StartNew();
        await console.Progress()
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .StartAsync(async ctx =>
            {
                var offering = ctx.AddTask($"Activities, {window.First}–{window.Last}");
                var funding = ctx.AddTask($"Grants, {window.First}–{window.Last}");
                await using var transaction = await db.Database.BeginTransactionAsync();
                await DashboardFacts.CatchUpAsync(db, CancellationToken.None, new Bar(offering), new Bar(funding), window);
                await transaction.CommitAsync();
                offering.Value = offering.MaxValue;
                funding.Value = funding.MaxValue;
            });
        var facts = await db.Set<OfferingFact>().CountAsync();
        var support = await db.Set<OfferingSupport>().CountAsync();
        var counts = await db.Set<CountFact>().CountAsync();
        var money = await db.Set<FundingFact>().CountAsync();
        console.MarkupLine(string.Create(CultureInfo.InvariantCulture,
            $"Rebuilt the dashboards' facts for {window.First}–{window.Last}: {facts:N0} offering cells, {support:N0} provider rows, {counts:N0} count rows, {money:N0} funding rows in {clock.Elapsed.TotalSeconds:F1} s."));
        return 0;
    }

    private static (int First, int Last)? Years(string text) =>
        text.Split('-') is [var a, var b]
        && int.TryParse(a, NumberStyles.None, CultureInfo.InvariantCulture, out var first)
        && int.TryParse(b, NumberStyles.None, CultureInfo.InvariantCulture, out var last)
        && first >= 1900 && last <= 2200 && first <= last && last - first < 20
            ? (first, last)
            : null;

    // Synchronous, unlike Progress<T>, so a late callback cannot move the bar back after the rebuild finished.
    private sealed class Bar(ProgressTask task) : IProgress<(int Done, int Total)>
    {
        public void Report((int Done, int Total) value)
        {
            task.MaxValue = Math.Max(1, value.Total);
            task.Value = value.Done;
        }
    }
}
