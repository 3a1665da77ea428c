namespace Infrastructuur.Tests.Infrastructure;

/// <summary>What the machine running the tests offers, and the rule for what is missing.</summary>
public static class TestEnvironment
{
    public static bool IsCi => string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase);

    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>
    /// On a developer's machine a missing component skips the tests that need it, loudly; under CI=true it is a
    /// failure, never a skip (the brief: CI must run every suite).
    /// </summary>
    public static void Require(string? missingReason)
    {
        if (missingReason is null)
        {
            return;
        }

        if (IsCi)
        {
            throw new InvalidOperationException($"Required under CI but missing: {missingReason}");
        }

        Skip.If(true, $"SKIPPED — install it to run this suite: {missingReason}");
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Infrastructuur.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new InvalidOperationException("Cannot find the repository root (Infrastructuur.sln).");
    }
}
