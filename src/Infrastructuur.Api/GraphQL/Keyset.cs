using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Buffers.Text;
using GraphQL;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// One ordering of a list with its keyset cursor: (sort key, id). Keyset paging never skips or repeats rows
/// while rows are inserted, and costs the same on page 1 and page 1,000 (OFFSET would do neither).
/// </summary>
public sealed class KeysetOrder<T, TKey>(string name, Expression<Func<T, TKey>> key, bool descending = false) : IKeysetOrder<T>
    where T : Entity
    where TKey : IComparable<TKey>
{
    private readonly Func<T, TKey> _compiled = key.Compile();

    public string Name => name;

    public IQueryable<T> Sort(IQueryable<T> query, bool reverse)
    {
        var desc = descending ^ reverse;
        var ordered = desc ? query.OrderByDescending(key) : query.OrderBy(key);
        return desc ? ordered.ThenByDescending(e => e.Id) : ordered.ThenBy(e => e.Id);
    }

    public IQueryable<T> Seek(IQueryable<T> query, string cursor, bool reverse)
    {
        var (value, id) = Decode(cursor);
        var forward = !(descending ^ reverse);

        // key > v OR (key = v AND id > id0) for ascending; mirrored for descending. Values go in as closures so EF parameterises them.
        var parameter = key.Parameters[0];
        var keyBody = key.Body;
        var idBody = Expression.Property(parameter, nameof(Entity.Id));
        var valueExpr = Expression.Property(Expression.Constant(new Box<TKey>(value)), nameof(Box<TKey>.Value));
        var idExpr = Expression.Property(Expression.Constant(new Box<Guid>(id)), nameof(Box<Guid>.Value));
        var zero = Expression.Constant(0);

        Expression Compare(Expression left, Expression right, Type type) =>
            Expression.Call(left, type.GetMethod(nameof(IComparable<TKey>.CompareTo), [type])!, right);

        var keyCompare = Compare(keyBody, valueExpr, typeof(TKey));
        var beyondKey = forward ? Expression.GreaterThan(keyCompare, zero) : Expression.LessThan(keyCompare, zero);
        var sameKey = Expression.Equal(keyBody, valueExpr);
        var idCompare = Compare(idBody, idExpr, typeof(Guid));
        var beyondId = forward ? Expression.GreaterThan(idCompare, zero) : Expression.LessThan(idCompare, zero);
        var predicate = Expression.OrElse(beyondKey, Expression.AndAlso(sameKey, beyondId));
        return query.Where(Expression.Lambda<Func<T, bool>>(predicate, parameter));
    }

    public string Cursor(T item) => Encode(_compiled(item), item.Id);

    private string Encode(TKey value, Guid id)
    {
        var text = value switch
        {
            string s => s,
            DateOnly d => d.ToString("O", CultureInfo.InvariantCulture),
            DateTime d => d.ToString("O", CultureInfo.InvariantCulture),
            IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
            _ => value.ToString() ?? string.Empty,
        };
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes($"{name}\n{id:N}\n{text}"));
    }

    private (TKey Value, Guid Id) Decode(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n', 3);
            if (parts.Length == 3 && parts[0] == name && Guid.TryParseExact(parts[1], "N", out var id))
            {
                object value = typeof(TKey) == typeof(string) ? parts[2]
                    : typeof(TKey) == typeof(DateOnly) ? DateOnly.ParseExact(parts[2], "O", CultureInfo.InvariantCulture)
                    : typeof(TKey) == typeof(DateTime) ? DateTime.ParseExact(parts[2], "O", CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind)
                    : Convert.ChangeType(parts[2], typeof(TKey), CultureInfo.InvariantCulture);
                return ((TKey)value, id);
            }
        }
        catch (Exception ex) when (ex is FormatException or InvalidCastException or OverflowException)
        {
            // fall through to the one error message below
        }

        throw ApiException.BadRequest("The cursor is not valid for this list and ordering. Use a cursor from the same field and orderBy.");
    }

    private sealed record Box<TValue>(TValue Value);
}

public interface IKeysetOrder<T>
{
    string Name { get; }

    IQueryable<T> Sort(IQueryable<T> query, bool reverse);

    IQueryable<T> Seek(IQueryable<T> query, string cursor, bool reverse);

    string Cursor(T item);
}

public static class Paging
{
    /// <summary>
    /// Runs one page query (size + 1 rows, to know whether more follow) against <paramref name="db"/>.
    /// <paramref name="count"/> runs later, on its own context, and only if totalCount is selected.
    /// </summary>
    public static async Task<Connection<T>> PageAsync<T>(
        IQueryable<T> query,
        IKeysetOrder<T> order,
        ConnectionArgs args,
        Func<CancellationToken, Task<int>> count,
        CancellationToken cancellationToken)
        where T : class
    {
        var reverse = args.Backward;
        var cursor = reverse ? args.Before : args.After;
        var page = query;
        if (cursor is not null)
        {
            page = order.Seek(page, cursor, reverse);
        }

        var rows = await order.Sort(page, reverse).Take(args.Size + 1).AsNoTracking().ToListAsync(cancellationToken);
        return Build(rows, order, args, count);
    }

    /// <summary>Builds a connection from rows already fetched in (possibly reversed) order, size + 1 of them at most.</summary>
    public static Connection<T> Build<T>(List<T> rows, IKeysetOrder<T> order, ConnectionArgs args, Func<CancellationToken, Task<int>> count)
    {
        var more = rows.Count > args.Size;
        if (more)
        {
            rows.RemoveAt(rows.Count - 1);
        }

        if (args.Backward)
        {
            rows.Reverse();
        }

        var edges = rows.Select(r => new Edge<T>(order.Cursor(r), r)).ToList();
        var info = new PageInfo(
            HasNextPage: args.Backward ? args.Before is not null : more,
            HasPreviousPage: args.Backward ? more : args.After is not null,
            StartCursor: edges.Count > 0 ? edges[0].Cursor : null,
            EndCursor: edges.Count > 0 ? edges[^1].Cursor : null);
        return new Connection<T> { Edges = edges, PageInfo = info, TotalCount = count };
    }
}

public static class ConnectionResolverExtensions
{
    /// <summary>Resolves a connection field: one page query now, and a COUNT later only if totalCount is selected.</summary>
    public static async Task<object?> PageAsync<T>(this IResolveFieldContext context, Func<InfrastructuurDb, IQueryable<T>> query, IKeysetOrder<T> order)
        where T : class
    {
        var factory = context.Request().DbFactory;
        await using var db = await factory.CreateDbContextAsync(context.CancellationToken);
        return await Paging.PageAsync(query(db), order, ConnectionArgs.From(context), async ct =>
        {
            await using var countDb = await factory.CreateDbContextAsync(ct);
            return await query(countDb).CountAsync(ct);
        }, context.CancellationToken);
    }
}
