using Microsoft.Data.Sqlite;

namespace Infrastructuur.Api.Hosting;

/// <summary>
/// Online backup and restore of the SQLite database:
///   dotnet run --project src/Infrastructuur.Api -- backup FILE    (while the API runs: VACUUM INTO, a consistent copy)
///   dotnet run --project src/Infrastructuur.Api -- restore FILE   (API stopped: checks FILE, then replaces the database)
/// PostgreSQL has its own tools (pg_dump / pg_restore).
/// </summary>
public static class BackupCommands
{
    public static async Task<int?> TryRunAsync(string[] args)
    {
        if (args.Length < 1 || args[0] is not ("backup" or "restore"))
        {
            return null;
        }

        if (args.Length < 2)
        {
            await Console.Error.WriteLineAsync($"usage: {args[0]} FILE");
            return 2;
        }

        // Only configuration is needed (not the whole app, which would insist on token settings).
        var builder = WebApplication.CreateBuilder(args[2..]);
        var options = builder.Configuration.GetSection(DatabaseOptions.Section).Get<DatabaseOptions>() ?? new DatabaseOptions();
        if (options.IsPostgres)
        {
            await Console.Error.WriteLineAsync("Backup and restore here are for SQLite; use pg_dump and pg_restore for PostgreSQL.");
            return 2;
        }

        var database = Path.GetFullPath(options.SqlitePath, builder.Environment.ContentRootPath);
        var file = Path.GetFullPath(args[1]);
        return args[0] == "backup" ? await BackupAsync(database, file) : await RestoreAsync(database, file);
    }

    public static async Task<int> BackupAsync(string database, string file)
    {
        if (File.Exists(file) || !File.Exists(database))
        {
            await Console.Error.WriteLineAsync(File.Exists(file) ? $"{file} exists; refusing to overwrite it." : $"No database at {database}.");
            return 1;
        }

        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = database, Pooling = false, DefaultTimeout = 30 }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "VACUUM INTO $file";
        command.Parameters.Add(new SqliteParameter("$file", file));
        await command.ExecuteNonQueryAsync();
        Console.WriteLine($"backup written: {file} ({await IntegrityAsync(file)})");
        return 0;
    }

    public static async Task<int> RestoreAsync(string database, string file)
    {
        var check = await IntegrityAsync(file);
        if (check != "ok")
        {
            await Console.Error.WriteLineAsync($"{file} fails PRAGMA integrity_check ({check}); nothing restored.");
            return 1;
        }

        // Keep what is replaced, and drop the old WAL so it cannot be replayed onto the restored file.
        if (File.Exists(database))
        {
            File.Copy(database, database + $".before-restore-{DateTime.UtcNow:yyyyMMddHHmmss}", overwrite: false);
        }

        File.Delete(database + "-wal");
        File.Delete(database + "-shm");
        File.Copy(file, database, overwrite: true);
        Console.WriteLine($"restored {database} from {file}");
        return 0;
    }

    public static async Task<string> IntegrityAsync(string file)
    {
        try
        {
            return await CheckAsync(file);
        }
        catch (SqliteException ex)
        {
            return ex.Message;
        }
    }

    private static async Task<string> CheckAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA integrity_check";
        return (await command.ExecuteScalarAsync()) as string ?? "no answer";
    }
}
