using System.Globalization;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// Commands of the API program besides serving: <c>generate [--size-factor 1.0] [--seed 42]</c> migrates the configured
/// database (and seeds the demo data into an empty one, as start-up does), writes the synthetic data set and exits.
/// The rest of the command line configures the app as usual (e.g. <c>--Database:Provider Postgres</c>).
/// </summary>
public static class Commands
{
    /// <summary>The exit code of the command named by <paramref name="args"/>[0], or null when it names none (serve).</summary>
    public static async Task<int?> RunAsync(string[] args)
    {
        if (args is not ["generate", .. var rest])
        {
            return null;
        }

        var factor = 1.0;
        var seed = 42;
        var appArgs = new List<string>();
        for (var i = 0; i < rest.Length; i++)
        {
            switch (rest[i])
            {
                case "--size-factor" when i + 1 < rest.Length && double.TryParse(rest[i + 1], NumberStyles.Float, CultureInfo.InvariantCulture, out var f) && f > 0 && f <= 10:
                    factor = f;
                    i++;
                    break;
                case "--seed" when i + 1 < rest.Length && int.TryParse(rest[i + 1], NumberStyles.Integer, CultureInfo.InvariantCulture, out var s):
                    seed = s;
                    i++;
                    break;
                case "--size-factor" or "--seed":
                    await Console.Error.WriteLineAsync("usage: generate [--size-factor 0<f<=10, default 1.0] [--seed integer, default 42]");
                    return 2;
                default:
                    appArgs.Add(rest[i]);
                    break;
            }
        }

        // Only the database part of the app: generating needs no server, tokens or GraphQL.
        var builder = WebApplication.CreateBuilder([.. appArgs]);
        builder.Services.AddInfrastructuurDatabase(builder.Configuration, builder.Environment);
        await using var app = builder.Build();
        await app.InitializeDatabaseAsync();
        var size = SyntheticSize.Scaled(factor);
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<InfrastructuurDb>>().CreateDbContextAsync();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        try
        {
            var report = await SyntheticData.GenerateAsync(db, size, seed, CancellationToken.None);
            await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"Generated synthetic data set {report.MunicipalityCode} (seed {seed}, size factor {factor}): {report.TotalRows:N0} rows in {report.Elapsed.TotalSeconds:F1} s."));
            foreach (var (table, count) in report.Rows)
            {
                await Console.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"  {table,-36} {count,9:N0} rows {report.Took[table].TotalSeconds,6:F1} s"));
            }

            return 0;
        }
        catch (InvalidOperationException ex)
        {
            await Console.Error.WriteLineAsync(ex.Message);
            return 1;
        }
    }
}
