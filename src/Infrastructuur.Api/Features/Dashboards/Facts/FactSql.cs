using System.Collections.Concurrent;
using System.Data.Common;
using System.Globalization;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>Raw statements of the fact keepers: in the caller's transaction, integers only.</summary>
internal static class FactSql
{
    // Only integers the keeper computed go into these statements, never text from a request.
    internal static string Inv(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    internal static int Int(DbDataReader reader, int ordinal) => Convert.ToInt32(reader.GetValue(ordinal), CultureInfo.InvariantCulture);

    internal static async Task ReadAsync(InfrastructuurDb db, string sql, Action<DbDataReader> row, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            row(reader);
        }
    }

    // Databases known to have a table (by connection string and table): once there, they stay.
    private static readonly ConcurrentDictionary<(string Database, string Table), bool> Present = new();

    /// <summary>
    /// Whether this database has a keeper's table: false while it is migrated to before it (a start with migrations
    /// pending, a migration test rolling back), when there is nothing to keep. Asked once per database and table.
    /// </summary>
    internal static async Task<bool> TableExistsAsync(InfrastructuurDb db, string table, CancellationToken cancellationToken)
    {
        var key = (db.Database.GetConnectionString() ?? string.Empty, table);
        if (Present.ContainsKey(key))
        {
            return true;
        }

        var sql = db.Database.IsNpgsql()
            ? "SELECT count(*)::int AS \"Value\" FROM pg_class WHERE relname = {0} AND relkind = 'r'"
            : "SELECT count(*) AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name = {0}";
        var exists = await db.Database.SqlQueryRaw<int>(sql, table).SingleAsync(cancellationToken) > 0;
        if (exists)
        {
            Present[key] = true;
        }

        return exists;
    }

    /// <summary>A keeper's window (its row of the window table) while it is current: not stale, the current year in it, nothing noted.</summary>
    internal static async Task<OfferingFactWindow?> CurrentWindowAsync(InfrastructuurDb db, int id, IQueryable<object> noted, CancellationToken cancellationToken)
    {
        var window = await db.Set<OfferingFactWindow>().AsNoTracking().Where(w => w.Id == id).SingleOrDefaultAsync(cancellationToken);
        var year = DateTime.UtcNow.Year;
        return window is null || window.Stale || year < window.FirstYear || year > window.LastYear || await noted.AnyAsync(cancellationToken)
            ? null
            : window;
    }

    /// <summary>
    /// Takes the rows a keeper's triggers noted: deletes them and returns the distinct keys they named, in one round trip
    /// (the keeper runs under its lock in the writer's transaction, so nothing it took is lost if that rolls back).
    /// </summary>
    internal static async Task<List<Guid>> TakeNotedAsync(InfrastructuurDb db, string table, string column, CancellationToken cancellationToken)
    {
        // Table and column are the keeper's own names, never input.
        var sql = $"DELETE FROM \"{table}\" RETURNING \"{column}\" AS \"Value\"";
        return [.. (await db.Database.SqlQueryRaw<Guid>(sql).ToListAsync(cancellationToken)).Distinct().Order()];
    }

    /// <summary>Replaces the kept states of the noted keys: upserts the current ones and deletes those that contribute nothing now.</summary>
    internal static async Task ReplaceStatesAsync(
        InfrastructuurDb db, string table, string column, IReadOnlyCollection<Guid> noted, IReadOnlyDictionary<Guid, string> states, CancellationToken cancellationToken)
    {
        foreach (var chunk in noted.Where(k => !states.ContainsKey(k)).Chunk(500))
        {
            var sql = $"DELETE FROM \"{table}\" WHERE \"{column}\" IN ({string.Join(", ", chunk.Select((_, i) => $"{{{i}}}"))})";
            await db.Database.ExecuteSqlRawAsync(sql, chunk.Cast<object>(), cancellationToken);
        }

        foreach (var chunk in states.Chunk(500))
        {
            // The values are parameters; only the keeper's own names and placeholders are text.
            var sql = $"INSERT INTO \"{table}\" (\"{column}\", \"State\") VALUES {string.Join(", ", chunk.Select((_, i) => $"({{{2 * i}}}, {{{(2 * i) + 1}}})"))} "
                + $"ON CONFLICT (\"{column}\") DO UPDATE SET \"State\" = excluded.\"State\"";
            await db.Database.ExecuteSqlRawAsync(sql, chunk.SelectMany(s => new object[] { s.Key, s.Value }), cancellationToken);
        }
    }
}
