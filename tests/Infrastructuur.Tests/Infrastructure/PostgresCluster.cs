using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Runtime.InteropServices;
using System.Text;
using Npgsql;

namespace Infrastructuur.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for tests and benchmarks: a fresh data folder in the temp folder,
/// listening on 127.0.0.1 on a free port, trust authentication on loopback only, durability off.
/// When the current process is root, initdb and postgres run as the <c>postgres</c> OS user via runuser.
/// </summary>
public sealed class PostgresCluster : IAsyncDisposable
{
    private const string DefaultBinDir = "/usr/lib/postgresql/15/bin";
    private const string FolderPrefix = "pgtest-";
    private const string OwnerFileName = "owner.pid";
    private const int SigKill = 9;
    private const int SigInt = 2;

    private static readonly TimeSpan StartupTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(15);
    private static readonly Lock SharedLock = new();
    private static Task<PostgresCluster>? _shared;
    private static int _databaseCounter;

    private readonly string _rootDir;
    private readonly Process _process;
    private readonly int _postmasterPid;
    private int _stopped;

    private PostgresCluster(string rootDir, int port, Process process, int postmasterPid)
    {
        _rootDir = rootDir;
        Port = port;
        _process = process;
        _postmasterPid = postmasterPid;
        AdminConnectionString = BuildConnectionString(port, "postgres", pooling: false);
    }

    /// <summary>The TCP port on 127.0.0.1 the server listens on.</summary>
    public int Port { get; }

    /// <summary>Superuser connection string to the <c>postgres</c> database (no pooling).</summary>
    public string AdminConnectionString { get; }

    /// <summary>The folder holding the PostgreSQL binaries: <c>PG_BIN</c> or /usr/lib/postgresql/15/bin.</summary>
    public static string BinDir =>
        Environment.GetEnvironmentVariable("PG_BIN") is { Length: > 0 } dir ? dir : DefaultBinDir;

    /// <summary>Why a cluster cannot be started here, or null when it can (as far as can be told without starting one).</summary>
    public static string? UnavailableReason
    {
        get
        {
            if (!OperatingSystem.IsLinux())
            {
                return $"PostgresCluster supports Linux only (this is {RuntimeInformation.OSDescription}).";
            }

            foreach (var tool in new[] { "initdb", "postgres" })
            {
                var path = Path.Combine(BinDir, tool);
                if (!File.Exists(path))
                {
                    return $"PostgreSQL binary '{path}' not found (install postgresql-15 or set PG_BIN).";
                }
            }

            if (IsRoot)
            {
                if (!File.Exists("/usr/sbin/runuser") && !File.Exists("/sbin/runuser") && !File.Exists("/usr/bin/runuser"))
                {
                    return "Running as root but 'runuser' was not found (needed to run PostgreSQL as the postgres user).";
                }

                if (!PostgresUserExists())
                {
                    return "Running as root but there is no 'postgres' OS user to run PostgreSQL as.";
                }
            }

            return null;
        }
    }

    private static bool IsRoot => GetEffectiveUserId() == 0;

    /// <summary>
    /// The shared cluster for the whole process: started on first use, stopped at process exit.
    /// A failed start is cached (every caller sees the same failure).
    /// </summary>
    public static Task<PostgresCluster> SharedAsync()
    {
        lock (SharedLock)
        {
            if (_shared is null)
            {
                _shared = StartSharedAsync();
            }

            return _shared;
        }
    }

    private static async Task<PostgresCluster> StartSharedAsync()
    {
        var cluster = await StartAsync().ConfigureAwait(false);
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.Stop();
        return cluster;
    }

    /// <summary>Starts a new cluster in a fresh temp folder on 127.0.0.1 on a free port.</summary>
    public static async Task<PostgresCluster> StartAsync(CancellationToken ct = default)
    {
        if (UnavailableReason is { } reason)
        {
            throw new InvalidOperationException("PostgreSQL is not available: " + reason);
        }

        ReapStaleClusters();

        var root = Directory.CreateTempSubdirectory(FolderPrefix).FullName;
        try
        {
            await File.WriteAllTextAsync(
                Path.Combine(root, OwnerFileName),
                Environment.ProcessId.ToString(CultureInfo.InvariantCulture),
                ct).ConfigureAwait(false);

            if (IsRoot)
            {
                await RunToEndAsync("chown", ["-R", "postgres:postgres", root], ct).ConfigureAwait(false);
            }

            var dataDir = Path.Combine(root, "data");
            await RunToEndAsync(
                Path.Combine(BinDir, "initdb"),
                ["-D", dataDir, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync", "--no-instructions"],
                ct,
                asPostgres: true).ConfigureAwait(false);

            // The free port is probed and then released, so another process may take it before postgres
            // binds it: LaunchAsync returns null in that case and a new port is tried.
            for (var attempt = 1; ; attempt++)
            {
                if (await LaunchAsync(root, dataDir, FindFreePort(), retryOnPortInUse: attempt < 3, ct).ConfigureAwait(false) is { } cluster)
                {
                    return cluster;
                }
            }
        }
        catch
        {
            TryDeleteDirectory(root);
            throw;
        }
    }

    private static async Task<PostgresCluster?> LaunchAsync(string root, string dataDir, int port, bool retryOnPortInUse, CancellationToken ct)
    {
        var logPath = Path.Combine(root, "postgres.log");
        var postgres = Path.Combine(BinDir, "postgres");
        List<string> args =
        [
            // sh redirects the output to the log file (as the server's user) and then execs postgres,
            // so nothing depends on this process pumping pipes.
            "/bin/sh", "-c", "log=\"$1\"; shift; exec \"$@\" >>\"$log\" 2>&1", "sh", logPath,
            postgres, "-D", dataDir, "-p", port.ToString(CultureInfo.InvariantCulture), "-k", root,
            "-c", "listen_addresses=127.0.0.1",
            "-c", "fsync=off",
            "-c", "synchronous_commit=off",
            "-c", "full_page_writes=off",
            "-c", "max_connections=400",
        ];

        var process = StartProcess(args, asPostgres: true, redirect: false);
        var pidFile = Path.Combine(dataDir, "postmaster.pid");
        var adminConnectionString = BuildConnectionString(port, "postgres", pooling: false);
        var clock = Stopwatch.StartNew();
        int? postmasterPid = null;
        Exception? lastError = null;

        try
        {
            while (true)
            {
                ct.ThrowIfCancellationRequested();

                postmasterPid ??= ReadPostmasterPid(pidFile);

                if (process.HasExited)
                {
                    var log = ReadLogTail(logPath);
                    if (retryOnPortInUse &&
                        (log.Contains("could not bind", StringComparison.Ordinal) ||
                         log.Contains("Address already in use", StringComparison.Ordinal)))
                    {
                        process.Dispose();
                        File.Delete(logPath);
                        return null;
                    }

                    throw new InvalidOperationException(
                        $"PostgreSQL exited with code {process.ExitCode} before accepting connections on port {port}.\n--- {logPath} (tail) ---\n{log}");
                }

                if (postmasterPid is not null)
                {
                    try
                    {
                        await using var connection = new NpgsqlConnection(adminConnectionString);
                        await connection.OpenAsync(ct).ConfigureAwait(false);
                        await using var command = new NpgsqlCommand("select 1", connection);
                        await command.ExecuteScalarAsync(ct).ConfigureAwait(false);
                        return new PostgresCluster(root, port, process, postmasterPid.Value);
                    }
                    catch (Exception ex) when (ex is NpgsqlException or IOException or SocketException or TimeoutException)
                    {
                        lastError = ex;
                    }
                }

                if (clock.Elapsed > StartupTimeout)
                {
                    throw new TimeoutException(
                        $"PostgreSQL did not accept connections on 127.0.0.1:{port} within {StartupTimeout.TotalSeconds:0} s " +
                        $"(last error: {lastError?.Message ?? "postmaster.pid not written"}).\n--- {logPath} (tail) ---\n{ReadLogTail(logPath)}");
                }

                await Task.Delay(50, ct).ConfigureAwait(false);
            }
        }
        catch
        {
            StopProcess(process, postmasterPid);
            process.Dispose();
            throw;
        }
    }

    /// <summary>Creates a new empty database with a unique name and returns its connection string (pooled).</summary>
    public async Task<string> CreateDatabaseAsync(string prefix, CancellationToken ct = default)
    {
        ObjectDisposedException.ThrowIf(Volatile.Read(ref _stopped) != 0, this);

        var name = UniqueDatabaseName(prefix);
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync(ct).ConfigureAwait(false);
#pragma warning disable CA2100 // the name is built from [a-z0-9_] only
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" TEMPLATE template0 ENCODING 'UTF8'", connection);
#pragma warning restore CA2100
            await command.ExecuteNonQueryAsync(ct).ConfigureAwait(false);
        }

        return BuildConnectionString(Port, name, pooling: true);
    }

    /// <summary>Stops the server (fast shutdown, then kill) and deletes its temp folder.</summary>
    public async ValueTask DisposeAsync()
    {
        await Task.Run(Stop).ConfigureAwait(false);
    }

    private void Stop()
    {
        if (Interlocked.Exchange(ref _stopped, 1) != 0)
        {
            return;
        }

        NpgsqlConnection.ClearAllPools();
        StopProcess(_process, _postmasterPid);
        _process.Dispose();
        TryDeleteDirectory(_rootDir);
    }

    private static void StopProcess(Process process, int? postmasterPid)
    {
        var pid = postmasterPid ?? SafeId(process);
        if (pid > 0 && IsAlive(pid))
        {
            _ = SysKill(pid, SigInt); // fast shutdown: disconnect clients, no checkpoint wait for them
        }

        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ShutdownTimeout)
        {
            if ((pid <= 0 || !IsAlive(pid)) && HasExited(process))
            {
                return;
            }

            Thread.Sleep(20);
        }

        if (pid > 0 && IsAlive(pid))
        {
            _ = SysKill(pid, SigKill);
        }

        try
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit(5000);
        }
        catch (Exception ex) when (ex is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
            // Already gone.
        }
    }

    private static int SafeId(Process process)
    {
        try
        {
            return process.Id;
        }
        catch (InvalidOperationException)
        {
            return -1;
        }
    }

    private static bool HasExited(Process process)
    {
        try
        {
            return process.HasExited;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>True while the process exists and is not a zombie.</summary>
    private static bool IsAlive(int pid)
    {
        try
        {
            var stat = File.ReadAllText($"/proc/{pid}/stat");
            var close = stat.LastIndexOf(')');
            if (close < 0 || close + 2 >= stat.Length)
            {
                return true;
            }

            var state = stat[close + 2];
            return state is not ('Z' or 'X');
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    /// <summary>Stops servers and deletes folders left by test processes that died without cleaning up.</summary>
    private static void ReapStaleClusters()
    {
        string[] folders;
        try
        {
            folders = Directory.GetDirectories(Path.GetTempPath(), FolderPrefix + "*");
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }

        foreach (var folder in folders)
        {
            try
            {
                var ownerFile = Path.Combine(folder, OwnerFileName);
                if (!File.Exists(ownerFile) ||
                    !int.TryParse(File.ReadAllText(ownerFile).Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var owner) ||
                    IsAlive(owner))
                {
                    continue;
                }

                var dataDir = Path.Combine(folder, "data");
                if (ReadPostmasterPid(Path.Combine(dataDir, "postmaster.pid")) is { } pid && IsPostmasterOf(pid, dataDir))
                {
                    _ = SysKill(pid, SigKill);
                    var clock = Stopwatch.StartNew();
                    while (IsAlive(pid) && clock.Elapsed < TimeSpan.FromSeconds(5))
                    {
                        Thread.Sleep(20);
                    }
                }

                TryDeleteDirectory(folder);
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // Best effort only.
            }
        }
    }

    /// <summary>True when <paramref name="pid"/> is a postgres process running in <paramref name="dataDir"/> (guards against PID reuse).</summary>
    private static bool IsPostmasterOf(int pid, string dataDir)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/comm").Trim() == "postgres" &&
                   new DirectoryInfo($"/proc/{pid}/cwd").LinkTarget is { } cwd &&
                   Path.TrimEndingDirectorySeparator(cwd) == Path.TrimEndingDirectorySeparator(dataDir);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    private static int? ReadPostmasterPid(string pidFile)
    {
        try
        {
            if (!File.Exists(pidFile))
            {
                return null;
            }

            using var reader = new StreamReader(new FileStream(pidFile, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            var first = reader.ReadLine();
            return int.TryParse(first, NumberStyles.Integer, CultureInfo.InvariantCulture, out var pid) && pid > 0 ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private static string UniqueDatabaseName(string prefix)
    {
        var clean = new StringBuilder();
        foreach (var c in prefix)
        {
            if (clean.Length >= 36)
            {
                break;
            }

            clean.Append(c switch
            {
                (>= 'a' and <= 'z') or (>= '0' and <= '9') or '_' => c,
                >= 'A' and <= 'Z' => (char)(c - 'A' + 'a'),
                _ => '_',
            });
        }

        if (clean.Length == 0 || char.IsDigit(clean[0]))
        {
            clean.Insert(0, "db_");
        }

        var n = Interlocked.Increment(ref _databaseCounter);
        return $"{clean}_{n}_{Guid.NewGuid().ToString("N")[..12]}"; // at most 39 + 1 + 10 + 1 + 12 = 63 chars
    }

    private static string BuildConnectionString(int port, string database, bool pooling) =>
        new NpgsqlConnectionStringBuilder
        {
            Host = "127.0.0.1",
            Port = port,
            Username = "postgres",
            Database = database,
            Pooling = pooling,
            SslMode = SslMode.Disable,
            Timeout = 5,
        }.ConnectionString;

    private static int FindFreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        try
        {
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
        finally
        {
            listener.Stop();
        }
    }

    private static Process StartProcess(IReadOnlyList<string> command, bool asPostgres, bool redirect)
    {
        var psi = new ProcessStartInfo
        {
            UseShellExecute = false,
            RedirectStandardInput = false,
            RedirectStandardOutput = redirect,
            RedirectStandardError = redirect,
        };

        if (asPostgres && IsRoot)
        {
            psi.FileName = "runuser";
            psi.ArgumentList.Add("-u");
            psi.ArgumentList.Add("postgres");
            psi.ArgumentList.Add("--");
            foreach (var a in command)
            {
                psi.ArgumentList.Add(a);
            }
        }
        else
        {
            psi.FileName = command[0];
            foreach (var a in command.Skip(1))
            {
                psi.ArgumentList.Add(a);
            }
        }

        psi.Environment["LC_ALL"] = "C";
        return Process.Start(psi) ?? throw new InvalidOperationException($"Could not start '{psi.FileName}'.");
    }

    private static async Task RunToEndAsync(string fileName, string[] args, CancellationToken ct, bool asPostgres = false)
    {
        using var process = StartProcess([fileName, .. args], asPostgres, redirect: true);
        var stdout = process.StandardOutput.ReadToEndAsync(ct);
        var stderr = process.StandardError.ReadToEndAsync(ct);
        try
        {
            await process.WaitForExitAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw;
        }

        var output = (await stdout.ConfigureAwait(false)) + (await stderr.ConfigureAwait(false));
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"'{fileName} {string.Join(' ', args)}' failed with exit code {process.ExitCode}:\n{output}");
        }
    }

    private static string ReadLogTail(string logPath, int maxChars = 4000)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length > maxChars)
            {
                stream.Seek(-maxChars, SeekOrigin.End);
            }

            using var reader = new StreamReader(stream);
            return reader.ReadToEnd();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return $"(log not readable: {ex.Message})";
        }
    }

    private static void TryDeleteDirectory(string path)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            try
            {
                if (Directory.Exists(path))
                {
                    Directory.Delete(path, recursive: true);
                }

                return;
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                Thread.Sleep(100);
            }
        }
    }

    private static bool PostgresUserExists()
    {
        try
        {
            return File.ReadLines("/etc/passwd").Any(line => line.StartsWith("postgres:", StringComparison.Ordinal));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return true; // cannot tell; let the start report the real error
        }
    }

    private static uint GetEffectiveUserId()
    {
        try
        {
            return GetEUid();
        }
        catch (Exception ex) when (ex is DllNotFoundException or EntryPointNotFoundException)
        {
            return Environment.UserName == "root" ? 0u : 1u;
        }
    }

    [DllImport("libc", EntryPoint = "geteuid")]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern uint GetEUid();

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int SysKill(int pid, int signal);
}
