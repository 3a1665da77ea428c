using GraphQL.Builders;
using Infrastructuur.Api.GraphQL;

namespace Infrastructuur.Api.Features.Programmes;

/// <summary>Lists of keys in filter inputs are bounded like nodes(ids:) (docs/security.md, "Limits"): refused before execution.</summary>
public static class KeyList
{
    public static FieldBuilder<TSource, TReturn> AtMostMaxKeys<TSource, TReturn>(this FieldBuilder<TSource, TReturn> field) =>
        field.Validate(value =>
        {
            if (value is System.Collections.ICollection { Count: > NodeQueries.MaxIds } list)
            {
                throw new ArgumentException($"At most {NodeQueries.MaxIds} values may be given; {list.Count} were given.");
            }
        });
}
