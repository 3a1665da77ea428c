using System.ComponentModel;
using System.Linq.Expressions;
using GraphQL.Types;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Shared;

public enum OrderDirection
{
    [Description("Ascending: A to Z, earliest first.")]
    Asc = 1,

    [Description("Descending: Z to A, latest first.")]
    Desc,
}

public sealed class OrderDirectionType() : DescribedEnumType<OrderDirection>("The direction of an ordering.");

/// <summary>One keyset ordering in both directions; the cursor names differ, so a cursor only fits the ordering it came from.</summary>
public sealed class KeysetOrderPair<T, TKey>(string name, Expression<Func<T, TKey>> key)
    where T : Entity
    where TKey : IComparable<TKey>
{
    public KeysetOrder<T, TKey> Ascending { get; } = new(name, key);

    public KeysetOrder<T, TKey> Descending { get; } = new($"{name}-desc", key, descending: true);

    public IKeysetOrder<T> In(OrderDirection direction) => direction == OrderDirection.Desc ? Descending : Ascending;
}
