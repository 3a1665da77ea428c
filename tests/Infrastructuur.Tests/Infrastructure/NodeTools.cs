using System.Diagnostics;

namespace Infrastructuur.Tests.Infrastructure;

/// <summary>Runs the outside checks in tests/js (graphql-http's audit, the Chromium IDE check) with Node.js.</summary>
public static class NodeTools
{
    private static readonly SemaphoreSlim InstallGate = new(1, 1);
    private static bool _installed;

    public static string Folder => Path.Combine(TestEnvironment.RepoRoot, "tests", "js");

    public static string? Unavailable => Which("node") is null ? "Node.js (node) is not on the PATH" : Which("npm") is null ? "npm is not on the PATH" : null;

    public static string ChromiumPath => Environment.GetEnvironmentVariable("CHROMIUM_PATH") ?? "/usr/bin/chromium";

    public static string? ChromiumUnavailable => File.Exists(ChromiumPath) ? null : $"Chromium is not at {ChromiumPath} (Debian: apt-get install chromium; or set CHROMIUM_PATH)";

    /// <summary>npm ci from the lockfile, once per test run.</summary>
    public static async Task EnsureInstalledAsync()
    {
        await InstallGate.WaitAsync();
        try
        {
            if (!_installed && !InstalledAsPinned())
            {
                var (code, output) = await RunAsync("npm", ["ci", "--no-audit", "--no-fund", "--loglevel=error"], TimeSpan.FromMinutes(5));
                Assert.True(code == 0, $"npm ci in tests/js failed:\n{output}");
            }

            _installed = true;
        }
        finally
        {
            InstallGate.Release();
        }
    }

    // Every dependency of package.json is in node_modules at its pinned version: a checkout that added or moved one since
    // the last npm ci installs again instead of failing on a missing module.
    private static bool InstalledAsPinned()
    {
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(Path.Combine(Folder, "package.json")))!;
        return manifest["dependencies"]!.AsObject().All(d =>
        {
            var installed = Path.Combine(Folder, "node_modules", d.Key, "package.json");
            return File.Exists(installed)
                && System.Text.Json.Nodes.JsonNode.Parse(File.ReadAllText(installed))?["version"]?.GetValue<string>() == d.Value!.GetValue<string>();
        });
    }

    public static Task<(int ExitCode, string Output)> NodeAsync(string script, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? env = null) =>
        RunAsync("node", [Path.Combine(Folder, script), .. args], timeout, env);

    private static async Task<(int ExitCode, string Output)> RunAsync(string file, IEnumerable<string> args, TimeSpan timeout, IDictionary<string, string>? env = null)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = Folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (key, value) in env ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var cts = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(cts.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"timed out after {timeout}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, (await stdout) + (await stderr));
    }

    private static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Select(d => Path.Combine(d, name)).FirstOrDefault(File.Exists);
}
