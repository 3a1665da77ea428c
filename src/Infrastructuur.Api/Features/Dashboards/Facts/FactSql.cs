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
}
