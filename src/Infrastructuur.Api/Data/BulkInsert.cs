using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;

namespace Infrastructuur.Api.Data;

/// <summary>
/// Writes many new rows quickly, for generated data sets: multi-row INSERT statements built from the EF Core model (table,
/// columns, complex types, value converters) with EF Core's own parameter mappings, so values land exactly as SaveChanges
/// would write them, on either engine. No change tracking and no SaveChanges: the caller sets derived columns
/// (<see cref="InfrastructuurDb.Derive"/>) and runs this inside a transaction. Database triggers and generated columns
/// (the search index) still fire.
/// </summary>
public sealed class BulkInsert(InfrastructuurDb db)
{
    // Under SQLite's 32,766 and PostgreSQL's 65,535 parameters per statement.
    private const int MaxParameters = 30_000;
    private const int MaxRowsPerStatement = 500;

    private readonly ISqlGenerationHelper _sql = db.GetService<ISqlGenerationHelper>();

    /// <summary>Inserts entities of one mapped type (with their complex-type columns, not their navigations).</summary>
    public async Task EntitiesAsync<T>(IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var columns = new List<Column>();
        foreach (var property in type.GetProperties().Where(p => p.GetComputedColumnSql() is null))
        {
            var getter = property.GetGetter();
            columns.Add(new(property, row => getter.GetClrValueUsingContainingEntity(row)));
        }

        foreach (var complex in type.GetComplexProperties())
        {
            var owner = complex.GetGetter();
            foreach (var property in complex.ComplexType.GetProperties())
            {
                var getter = property.GetGetter();
                columns.Add(new(property, row => owner.GetClrValueUsingContainingEntity(row) is { } value ? getter.GetClrValue(value) : null));
            }
        }

        await WriteAsync(type, columns, rows, cancellationToken);
    }

    /// <summary>Inserts rows of a many-to-many join table, named by the skip navigation from <typeparamref name="TOwner"/>.</summary>
    public async Task LinksAsync<TOwner>(string navigation, IReadOnlyCollection<(Guid Owner, Guid Other)> links, CancellationToken cancellationToken)
        where TOwner : class
    {
        var skip = db.Model.FindEntityType(typeof(TOwner))?.FindSkipNavigation(navigation)
            ?? throw new InvalidOperationException($"{typeof(TOwner).Name}.{navigation} is not a many-to-many navigation.");
        var owner = skip.ForeignKey.Properties.Single();
        var other = skip.Inverse.ForeignKey.Properties.Single();
        await WriteAsync(skip.JoinEntityType, [new(owner, l => (((Guid, Guid))l).Item1), new(other, l => (((Guid, Guid))l).Item2)], links.Cast<object>().ToList(), cancellationToken);
    }

    private async Task WriteAsync<T>(IEntityType type, IReadOnlyList<Column> columns, IReadOnlyCollection<T> rows, CancellationToken cancellationToken)
        where T : class
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("BulkInsert runs inside a transaction.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        var names = columns.Select(c => _sql.DelimitIdentifier(c.Property.GetColumnName(table) ?? throw new InvalidOperationException($"{c.Property.Name} has no column in {table.Name}.")));
        var head = $"INSERT INTO {_sql.DelimitIdentifier(table.Name, table.Schema)} ({string.Join(", ", names)}) VALUES ";
        // SQLite finds a named parameter by a linear search, so a statement with thousands of them binds in quadratic
        // time; one row per statement, prepared once and executed again, is SQLite's fastest way in. PostgreSQL takes many
        // rows per statement.
        var perStatement = db.Database.IsSqlite() ? 1 : Math.Max(1, Math.Min(MaxRowsPerStatement, MaxParameters / columns.Count));
        var parameterNames = Enumerable.Range(0, perStatement * columns.Count).Select(i => $"@p{i}").ToArray();
        var reuse = db.Database.IsSqlite();
        DbCommand? command = null;
        try
        {
            foreach (var chunk in rows.Chunk(perStatement))
            {
                // Npgsql's automatic preparation keeps a command's first parameter objects bound to its statement, so a
                // command whose parameters are replaced would send the first chunk again: PostgreSQL gets a fresh command
                // per chunk (its prepared statement is still reused, by text, on the connection).
                if (command is null || command.Parameters.Count != chunk.Length * columns.Count || !reuse)
                {
                    if (command is not null)
                    {
                        await command.DisposeAsync();
                    }

                    command = connection.CreateCommand();
                    command.Transaction = transaction;
#pragma warning disable CA2100 // table and column names come from the EF model; every value is a parameter
                    command.CommandText = head + string.Join(", ", Enumerable.Range(0, chunk.Length).Select(r =>
                        "(" + string.Join(", ", Enumerable.Range(0, columns.Count).Select(c => Name(r, c))) + ")"));
#pragma warning restore CA2100
                }

                command.Parameters.Clear();
                for (var r = 0; r < chunk.Length; r++)
                {
                    for (var c = 0; c < columns.Count; c++)
                    {
                        command.Parameters.Add(columns[c].Mapping.CreateParameter(command, Name(r, c), columns[c].Value(chunk[r]), columns[c].Property.IsNullable));
                    }
                }

                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        finally
        {
            if (command is not null)
            {
                await command.DisposeAsync();
            }
        }

        string Name(int row, int column) => parameterNames[(row * columns.Count) + column];
    }

    private sealed record Column(IProperty Property, Func<object, object?> Value)
    {
        public RelationalTypeMapping Mapping { get; } = Property.GetRelationalTypeMapping();
    }
}
