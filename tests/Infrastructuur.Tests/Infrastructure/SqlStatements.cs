using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Infrastructuur.Tests.Infrastructure;

/// <summary>
/// Records the SQL statements one test app runs while it is alive (EF Core's diagnostic events, filtered to the app's
/// own database), so a test can prove that a list for many parents costs one statement, not one per parent.
/// Tests in one class run one at a time, so the statements recorded are the test's own.
/// </summary>
public sealed class SqlStatements : IDisposable, IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private readonly string _database;
    private readonly ConcurrentQueue<string> _statements = new();
    private readonly ConcurrentQueue<RecordedCommand> _commands = new();
    private readonly ConcurrentBag<IDisposable> _subscriptions = [];
    private readonly IDisposable _all;

    private SqlStatements(string database)
    {
        _database = database;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public static async Task<SqlStatements> RecordAsync(TestApp app)
    {
        await using var db = await app.OpenDbAsync();
        var recorder = new SqlStatements(DatabaseOf(db.Database.GetDbConnection()));

        // EF Core caches "does anyone listen?" per context for its logging cache time (1 s by default).
        await Task.Delay(TimeSpan.FromSeconds(1.2));
        return recorder;
    }

    /// <summary>Every statement recorded so far, in the order they ran.</summary>
    public IReadOnlyList<string> All => [.. _statements];

    /// <summary>Every statement with its parameter values, so a test can run it again (under EXPLAIN).</summary>
    public IReadOnlyList<RecordedCommand> Commands => [.. _commands];

    /// <summary>How many recorded statements mention <paramref name="table"/> (a quoted table name).</summary>
    public int Reading(string table) => _statements.Count(s => s.Contains($"\"{table}\"", StringComparison.Ordinal));

    public void Dispose()
    {
        _all.Dispose();
        foreach (var subscription in _subscriptions)
        {
            subscription.Dispose();
        }
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name)
        {
            _subscriptions.Add(listener.Subscribe(this));
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        if (value.Key == RelationalEventId.CommandExecuted.Name && value.Value is CommandExecutedEventData data
            && data.Command.Connection is { } connection && DatabaseOf(connection) == _database)
        {
            _statements.Enqueue(data.Command.CommandText);
            _commands.Enqueue(new RecordedCommand(data.Command.CommandText, [.. data.Command.Parameters.Cast<System.Data.Common.DbParameter>().Select(p => (p.ParameterName, p.Value))]));
        }
    }

    // SQLite: the file; PostgreSQL: the database name (each test app has its own).
    private static string DatabaseOf(System.Data.Common.DbConnection connection) => $"{connection.DataSource}|{connection.Database}";

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}

/// <summary>One statement as it ran: its text and its parameters' names and values.</summary>
public sealed record RecordedCommand(string Text, IReadOnlyList<(string Name, object? Value)> Parameters)
{
    /// <summary>The statement again, with its parameter values, under EXPLAIN QUERY PLAN (SQLite) or EXPLAIN (PostgreSQL).</summary>
    public async Task<List<string>> ExplainAsync(TestApp app)
    {
        await using var db = await app.OpenDbAsync();
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = (app.Engine == Engine.Sqlite ? "EXPLAIN QUERY PLAN " : "EXPLAIN ") + Text;
        foreach (var (name, value) in Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            command.Parameters.Add(parameter);
        }

        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(app.Engine == Engine.Sqlite ? reader.GetString(3) : reader.GetString(0).Trim());
        }

        return lines;
    }
}
