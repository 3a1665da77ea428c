using Infrastructuur.Api.GraphQL.Limits;
using Infrastructuur.Tests.Security.Reliability;
using Xunit.Abstractions;

namespace Infrastructuur.Tests.Security;

/// <summary>
/// docs/security.md's reliability figures, shown live against the built API as a separate process (kill -9, SIGTERM, floods
/// need a real process; <see cref="Infrastructure.TestApp"/> shares ours). Prints the figures table to the test output
/// and writes it to tests/reliability/out/last-run.md (or the file RELIABILITY_REPORT names), since a passing test's
/// output is not shown by a plain dotnet test.
/// </summary>
[Collection(nameof(LiveReliabilityTests))]
public sealed class LiveReliabilityTests(ITestOutputHelper output)
{
    public static readonly string DefaultReport = Path.Combine(Infrastructure.TestEnvironment.RepoRoot, "tests", "reliability", "out", "last-run.md");

    [Fact]
    public async Task Kills_concurrent_writers_SIGTERM_and_a_flood_lose_nothing_and_refuse_only_the_flooder()
    {
        var figures = await new LiveReliabilityRun(output.WriteLine).RunAsync();
        var report = Environment.GetEnvironmentVariable("RELIABILITY_REPORT") is { Length: > 0 } path ? path : DefaultReport;
        Directory.CreateDirectory(Path.GetDirectoryName(report)!);
        await File.WriteAllTextAsync(report, $"Live reliability run of {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC (load average before: {figures.LoadBefore})\n\n{figures.Table()}\n");

        Assert.Multiple(
            () => Assert.Equal(LiveReliabilityRun.KillRounds, figures.KillRounds),
            () => Assert.True(figures.KillAcknowledged > 0, "no write was acknowledged before the kills"),
            () => Assert.Equal(0, figures.KillLost),
            () => Assert.Equal(0, figures.KillRefused),
            () => Assert.Equal(figures.KillRounds, figures.IntegrityOk),
            () => Assert.True(figures.AwardsAcknowledged > 0, "no award was acknowledged before the kills"),
            () => Assert.Equal(0, figures.AwardsTorn),
            () => Assert.Equal(figures.ConcurrentExpected, figures.ConcurrentRows),
            () => Assert.True(figures.ConcurrentErrors == 0, string.Join('\n', figures.ConcurrentErrorSamples)),
            () => Assert.Equal(LiveReliabilityRun.DrainRequests, figures.DrainInFlight),
            () => Assert.Equal(LiveReliabilityRun.DrainRequests, figures.DrainAnswered),
            () => Assert.Equal(LiveReliabilityRun.DrainRequests, figures.DrainRowsStored),
            () => Assert.True(figures.DrainReadyWasOkBefore, "/health/ready was not 200 before SIGTERM"),
            () => Assert.NotNull(figures.DrainReady503AfterMs),
            () => Assert.Equal(0, figures.DrainExitCode),
            () => Assert.InRange(figures.FloodOk, 1, new RateLimitOptions().RequestsPerMinuteAnonymous),
            () => Assert.True(figures.FloodLimited > 0, "the flood was never refused"),
            () => Assert.Equal(figures.FloodLimited, figures.FloodLimitedWellFormed),
            () => Assert.Equal(0, figures.FloodOther),
            () => Assert.Equal(figures.BystanderSent, figures.BystanderOk),
            () => Assert.Equal(0, figures.FloodExitCode));
    }
}

/// <summary>The live run spawns its own servers and loads the machine: it runs alone, never beside itself.</summary>
[CollectionDefinition(nameof(LiveReliabilityTests), DisableParallelization = true)]
public sealed class LiveReliabilityCollection;
