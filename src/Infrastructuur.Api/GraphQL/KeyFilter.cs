using System.Linq.Expressions;
using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore.Query;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// The rows whose key is one of a batch's keys. A batch of one (<c>node(id:)</c>, a root by-ID field, one parent's list)
/// is written as <c>key = $1</c>, not <c>key = ANY($1)</c>: PostgreSQL keeps a prepared statement's generic plan for an
/// equality, but re-plans an array test on every execution (its generic estimate assumes a long array), and that
/// planning cost more than the look-up itself. SQLite plans either once per prepared statement.
/// </summary>
public static class KeyFilter
{
    public static IQueryable<T> WithKeyIn<T>(this IQueryable<T> rows, IReadOnlyCollection<Guid> keys)
        where T : Entity =>
        rows.WithKeyIn(e => e.Id, keys);

    public static IQueryable<T> WithKeyIn<T>(this IQueryable<T> rows, Expression<Func<T, Guid>> key, IReadOnlyCollection<Guid> keys)
    {
        Expression<Func<Guid, bool>> test;
        if (keys.Count == 1)
        {
            var only = keys.First();
            test = k => k == only;
        }
        else
        {
            test = k => keys.Contains(k);
        }

        var body = ReplacingExpressionVisitor.Replace(test.Parameters[0], key.Body, test.Body);
        return rows.Where(Expression.Lambda<Func<T, bool>>(body, key.Parameters));
    }
}
