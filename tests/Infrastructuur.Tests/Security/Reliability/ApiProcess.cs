using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Infrastructuur.Tests.Infrastructure;

namespace Infrastructuur.Tests.Security.Reliability;

/// <summary>
/// The built API (src/Infrastructuur.Api/bin/…/Infrastructuur.Api.dll) as a separate process: <c>dotnet &lt;dll&gt;</c> in
/// Production, on a free port on 127.0.0.1, over one SQLite file, configured only by environment variables, trusting the
/// test signing key. Unlike <see cref="TestApp"/> it can be killed with SIGKILL or stopped with SIGTERM like a real server.
/// </summary>
public sealed class ApiProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();

    private ApiProcess(Process process, int port)
    {
        Process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
    }

    public Process Process { get; }

    public Uri BaseAddress { get; }

    /// <summary>The dll built next to this test assembly's configuration (Debug or Release).</summary>
    public static string DllPath
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent?.Name ?? "Debug";
            return Path.Combine(TestEnvironment.RepoRoot, "src", "Infrastructuur.Api", "bin", configuration, "net10.0", "Infrastructuur.Api.dll");
        }
    }

    /// <summary>Starts the API over <paramref name="databasePath"/> and waits until /health/ready answers 200.</summary>
    /// <param name="unset">Environment variables to leave out, the defaults above included (e.g. the test signing key).</param>
    public static async Task<ApiProcess> StartAsync(string databasePath, IReadOnlyDictionary<string, string>? settings = null, IEnumerable<string>? unset = null)
    {
        var dll = DllPath;
        if (!File.Exists(dll))
        {
            throw new InvalidOperationException($"{dll} is missing: build src/Infrastructuur.Api first.");
        }

        var port = FreePort();
        var start = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") ?? "dotnet")
        {
            WorkingDirectory = Path.Combine(TestEnvironment.RepoRoot, "src", "Infrastructuur.Api"), // the content root, as for dotnet run
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(dll);
        start.ArgumentList.Add("--urls");
        start.ArgumentList.Add($"http://127.0.0.1:{port}");
        var env = start.Environment;
        foreach (var key in env.Keys.Where(k => k.StartsWith("ASPNETCORE_", StringComparison.Ordinal) || k.StartsWith("DOTNET_ENVIRONMENT", StringComparison.Ordinal)).ToList())
        {
            env.Remove(key);
        }

        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Logging__LogLevel__Default"] = "Warning";
        env["Database__Provider"] = "Sqlite";
        env["Database__SqlitePath"] = databasePath;
        env["GraphQL__EnableIde"] = "false";
        env["Authentication__Schemes__Bearer__ValidIssuer"] = Tokens.Issuer;
        env["Authentication__Schemes__Bearer__ValidAudiences__0"] = Tokens.Audience;
        env["Authentication__Schemes__Bearer__SigningKeys__0__Value"] = Tokens.KeyBase64;
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            env[key] = value;
        }

        foreach (var key in unset ?? [])
        {
            env.Remove(key);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        var api = new ApiProcess(process, port);
        process.OutputDataReceived += (_, e) => api.Remember(e.Data);
        process.ErrorDataReceived += (_, e) => api.Remember(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = api.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < TimeSpan.FromSeconds(90))
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The API exited with {process.ExitCode} while starting:\n{api.Output}");
            }

            try
            {
                using var ready = await probe.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (ready.StatusCode == HttpStatusCode.OK)
                {
                    return api;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // busy starting
            }

            await Task.Delay(100);
        }

        await api.DisposeAsync();
        throw new InvalidOperationException($"The API did not become ready within 90 s:\n{api.Output}");
    }

    /// <summary>What the process wrote (the last 200 lines), for failure messages.</summary>
    public string Output => string.Join('\n', _output);

    /// <summary>SIGKILL: no shutdown code runs, as in a crash or an OOM kill.</summary>
    public void Kill() => Process.Kill();

    /// <summary>SIGTERM, as a container runtime or systemd sends it to stop the service.</summary>
    public void Terminate()
    {
        using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    /// <summary>Waits for the process to end and returns its exit code.</summary>
    public async Task<int> WaitForExitAsync(TimeSpan timeout)
    {
        using var cts = new CancellationTokenSource(timeout);
        await Process.WaitForExitAsync(cts.Token);
        return Process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill();
            await Process.WaitForExitAsync();
        }

        Process.Dispose();
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > 200 && _output.TryDequeue(out _))
        {
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
