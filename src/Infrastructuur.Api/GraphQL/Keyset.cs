using System.Globalization;
using System.Linq.Expressions;
using System.Text;
using System.Buffers.Text;
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

    public IReadOnlyCollection<string> Reads { get; } = MembersOf(key);

    // The members of the row the sort key reads: a projected row must carry them for its cursor.
    private static HashSet<string> MembersOf(LambdaExpression key)
    {
        var found = new HashSet<string>(StringComparer.Ordinal);
        new MemberCollector(key.Parameters[0], found).Visit(key.Body);
        return found;
    }

    private sealed class MemberCollector(ParameterExpression row, HashSet<string> found) : ExpressionVisitor
    {
        protected override Expression VisitMember(MemberExpression node)
        {
            if (node.Expression == row)
            {
                found.Add(node.Member.Name);
            }

            return base.VisitMember(node);
        }
    }

    public IQueryable<T> Sort(IQueryable<T> query, bool reverse)
    {
        var desc = descending ^ reverse;
        var ordered = desc ? query.OrderByDescending(key) : query.OrderBy(key);
        return desc ? ordered.ThenByDescending(e => e.Id) : ordered.ThenBy(e => e.Id);
    }

    public IQueryable<T> Seek(IQueryable<T> query, string cursor, bool reverse) =>
        query.Where(SeekPredicate(cursor, reverse, key, e => e.Id));

    /// <summary>
    /// Seeks, orders and maps the rows of an index table that carries a copy of this ordering's key and the row's id:
    /// the database walks that table's (…, key, id) index instead of ordering the rows themselves. The cursors are the
    /// ones <see cref="Seek"/> and <see cref="Cursor"/> use, so a client cannot tell the two paths apart.
    /// </summary>
    public IQueryable<T> Walk<TRow>(IQueryable<TRow> index, Expression<Func<TRow, TKey>> rowKey, Expression<Func<TRow, Guid>> rowId, Expression<Func<TRow, T>> node, string? cursor, bool reverse)
    {
        var desc = descending ^ reverse;
        if (cursor is not null)
        {
            index = index.Where(SeekPredicate(cursor, reverse, rowKey, rowId));
        }

        var ordered = desc ? index.OrderByDescending(rowKey).ThenByDescending(rowId) : index.OrderBy(rowKey).ThenBy(rowId);
        return ordered.Select(node);
    }

    /// <summary>
    /// Wraps a correlated child sequence (the body of <c>parent => children</c>) in seek, order and take: one parent's
    /// page, which the nested-connection loader runs for every parent in one statement (ADR 0016).
    /// </summary>
    public Expression PageOf(Expression children, string? cursor, bool reverse, int take)
    {
        var desc = descending ^ reverse;
        var body = children;
        if (cursor is not null)
        {
            body = Expression.Call(typeof(Enumerable), nameof(Enumerable.Where), [typeof(T)], body, SeekPredicate(cursor, reverse, key, e => e.Id));
        }

        Expression<Func<T, Guid>> id = e => e.Id;
        body = Expression.Call(typeof(Enumerable), desc ? nameof(Enumerable.OrderByDescending) : nameof(Enumerable.OrderBy), [typeof(T), typeof(TKey)], body, key);
        body = Expression.Call(typeof(Enumerable), desc ? nameof(Enumerable.ThenByDescending) : nameof(Enumerable.ThenBy), [typeof(T), typeof(Guid)], body, id);
        return Expression.Call(typeof(Enumerable), nameof(Enumerable.Take), [typeof(T)], body, Expression.Constant(take));
    }

    /// <summary>Orders rows in memory exactly as the database does (ordinal text, then id).</summary>
    public List<T> InOrder(IEnumerable<T> rows, bool reverse)
    {
        var desc = descending ^ reverse;
        var sorted = rows.Order(Comparer<T>.Create((a, b) =>
        {
            var byKey = CompareKeys(_compiled(a), _compiled(b));
            return byKey != 0 ? byKey : string.CompareOrdinal(a.Id.ToString("N"), b.Id.ToString("N"));
        }));
        return desc ? [.. sorted.Reverse()] : [.. sorted];
    }

    private static int CompareKeys(TKey a, TKey b) =>
        a is string sa && b is string sb ? string.CompareOrdinal(sa, sb) : a.CompareTo(b);

    private Expression<Func<TRow, bool>> SeekPredicate<TRow>(string cursor, bool reverse, Expression<Func<TRow, TKey>> keyOf, Expression<Func<TRow, Guid>> idOf)
    {
        var (value, id) = Decode(cursor);
        var forward = !(descending ^ reverse);

        // key > v OR (key = v AND id > id0) for ascending; mirrored for descending. Values go in as closures so EF parameterises them.
        var parameter = Expression.Parameter(typeof(TRow), "row");
        var keyBody = new Replace(keyOf.Parameters[0], parameter).Visit(keyOf.Body);
        var idBody = new Replace(idOf.Parameters[0], parameter).Visit(idOf.Body);
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
        return Expression.Lambda<Func<TRow, bool>>(predicate, parameter);
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
            if (KeysetCursor.Parts(cursor) is { } parts && parts[0] == name && Guid.TryParseExact(parts[1], "N", out var id))
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

    private sealed class Replace(ParameterExpression from, Expression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}

/// <summary>What a keyset cursor says about itself, for an ordering that depends on a value its name carries.</summary>
public static class KeysetCursor
{
    /// <summary>The name of the ordering a cursor came from; null when it is no cursor at all.</summary>
    public static string? NameOf(string cursor) => Parts(cursor)?[0];

    /// <summary>A cursor's three parts (ordering name, ID, key value); null when it is no cursor at all.</summary>
    internal static string[]? Parts(string cursor)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(cursor)).Split('\n', 3);
            return parts.Length == 3 ? parts : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

public interface IKeysetOrder<T>
{
    string Name { get; }

    /// <summary>The members of a row its sort key reads.</summary>
    IReadOnlyCollection<string> Reads { get; }

    IQueryable<T> Sort(IQueryable<T> query, bool reverse);

    IQueryable<T> Seek(IQueryable<T> query, string cursor, bool reverse);

    Expression PageOf(Expression children, string? cursor, bool reverse, int take);

    List<T> InOrder(IEnumerable<T> rows, bool reverse);

    string Cursor(T item);
}

/// <summary>A child row tagged with the parent it was fetched for (a node may belong to several parents).</summary>
public sealed class ParentRow<T>
{
    public Guid ParentId { get; init; }

    public required T Node { get; init; }
}
