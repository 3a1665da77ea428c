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

    /// <summary>The direction of this pair that <paramref name="order"/> is, or null when it belongs to another ordering.</summary>
    public KeysetOrder<T, TKey>? Of(IKeysetOrder<T> order) =>
        ReferenceEquals(order, Ascending) ? Ascending : ReferenceEquals(order, Descending) ? Descending : null;
}

/// <summary>The value of an <c>orderBy</c> argument: what to order by and in which direction.</summary>
public class ListOrder<TField>
    where TField : struct, Enum
{
    public TField Field { get; set; }

    public OrderDirection Direction { get; set; } = OrderDirection.Asc;
}

/// <summary>The input type of an <c>orderBy</c> argument (<c>field</c> and <c>direction</c>), described once for every list.</summary>
public abstract class ListOrderType<TOrder, TField, TFieldType> : InputObjectGraphType<TOrder>
    where TOrder : ListOrder<TField>
    where TField : struct, Enum
    where TFieldType : IGraphType
{
    /// <param name="name">The type's name, e.g. "InitiativeOrder".</param>
    /// <param name="items">The plural noun ordered, e.g. "initiatives".</param>
    protected ListOrderType(string name, string items)
    {
        Name = name;
        Description = $"How to order {items}; ties are broken by ID, so cursors stay stable.";
        Field<NonNullGraphType<TFieldType>>("field").Description("What to order by.");
        Field<NonNullGraphType<OrderDirectionType>>("direction").Description("The direction; ASC when left out.").DefaultValue(OrderDirection.Asc);
    }
}
