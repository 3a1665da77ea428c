using System.Collections.Concurrent;
using System.Data.Common;
using Infrastructuur.Api.Hosting;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Infrastructuur.Bench;

/// <summary>One hand-written statement in each engine's SQL; parameters are positional ($1, $2… on both engines).</summary>
internal sealed record FloorStatement(string Postgres, string Sqlite);

/// <summary>
/// Runs the floor's statements with the ADO.NET drivers directly, each parsed and planned once and then reused: on
/// PostgreSQL through an NpgsqlDataSource with automatic preparation and without the pool's reset (the same settings
/// the API's connection string gets, so both sides plan alike); on SQLite through open connections that each keep
/// their prepared commands, one connection per request at a time.
/// </summary>
internal sealed class FloorDatabase : IAsyncDisposable
{
    private readonly NpgsqlDataSource? _postgres;
    private readonly string? _sqlite;
    private readonly ConcurrentBag<SqliteSession> _sessions = [];

    public FloorDatabase(DatabaseOptions options, IHostEnvironment environment)
    {
        if (options.IsPostgres)
        {
            var builder = new NpgsqlConnectionStringBuilder(options.PostgresConnectionString) { MaxAutoPrepare = 128, NoResetOnClose = true };
            // As the API's sessions (PostgresConnection.PlannerOptions): memory-resident data, no parallel workers per small request.
            builder.Options ??= "-c random_page_cost=1.1 -c max_parallel_workers_per_gather=0";
            _postgres = NpgsqlDataSource.Create(builder.ConnectionString);
        }
        else
        {
            _sqlite = new SqliteConnectionStringBuilder
            {
                DataSource = Path.GetFullPath(options.SqlitePath, environment.ContentRootPath),
                Mode = SqliteOpenMode.ReadOnly,
                Pooling = false,
            }.ToString();
        }
    }

    public bool IsPostgres => _postgres is not null;

    /// <summary>Runs <paramref name="statement"/> with <paramref name="arguments"/> and hands its rows to <paramref name="read"/>.</summary>
    public async Task<T> QueryAsync<T>(FloorStatement statement, object[] arguments, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        if (_postgres is not null)
        {
            await using var connection = await _postgres.OpenConnectionAsync(cancellationToken);
            await using var command = new NpgsqlCommand(statement.Postgres, connection);
            foreach (var argument in arguments)
            {
                command.Parameters.Add(new NpgsqlParameter { Value = argument });
            }

            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return read(reader);
        }

        // Microsoft.Data.Sqlite does its work synchronously whatever the method's name; a kept connection and its
        // prepared command avoid the open and the parse of each request.
        if (!_sessions.TryTake(out var session))
        {
            session = new SqliteSession(_sqlite!);
        }

        try
        {
            var kept = session.Command(statement.Sqlite, arguments.Length);
            for (var i = 0; i < arguments.Length; i++)
            {
                // EF Core keeps a Guid on SQLite as upper-case text; the driver alone would bind a blob.
                kept.Parameters[i].Value = arguments[i] is Guid id ? id.ToString().ToUpperInvariant() : arguments[i];
            }

            using var reader = kept.ExecuteReader();
            return read(reader);
        }
        finally
        {
            _sessions.Add(session);
        }
    }

    public async ValueTask DisposeAsync()
    {
        while (_sessions.TryTake(out var session))
        {
            session.Dispose();
        }

        if (_postgres is not null)
        {
            await _postgres.DisposeAsync();
        }
    }

    /// <summary>An open read-only connection with one prepared command per statement text.</summary>
    private sealed class SqliteSession : IDisposable
    {
        private readonly SqliteConnection _connection;
        private readonly Dictionary<string, SqliteCommand> _commands = new(StringComparer.Ordinal);

        public SqliteSession(string connectionString)
        {
            _connection = new SqliteConnection(connectionString);
            _connection.Open();
        }

        public SqliteCommand Command(string sql, int parameters)
        {
            if (!_commands.TryGetValue(sql, out var command))
            {
                command = _connection.CreateCommand();
                command.CommandText = sql;
                for (var i = 1; i <= parameters; i++)
                {
                    command.Parameters.Add(new SqliteParameter($"${i}", DBNull.Value));
                }

                command.Prepare();
                _commands[sql] = command;
            }

            return command;
        }

        public void Dispose()
        {
            foreach (var command in _commands.Values)
            {
                command.Dispose();
            }

            _connection.Dispose();
        }
    }
}
