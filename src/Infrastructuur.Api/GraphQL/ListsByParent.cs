using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// A small child list per parent (a grant's allocations, a programme's goals): one query for all parents of a page.
/// Subclasses give the filtered, ordered query and the parent key of a row; lists that grow should be connections.
/// </summary>
public abstract class ListsByParent<T>(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, List<T>>
    where T : class
{
    /// <summary>The rows of these parents, in the order each list is shown.</summary>
    protected abstract IQueryable<T> Query(InfrastructuurDb db, IReadOnlyCollection<Guid> parents);

    protected abstract Guid ParentOf(T row);

    protected override async Task<IReadOnlyDictionary<Guid, List<T>>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var rows = await Query(db, keys).VisibleTo(viewer).AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(ParentOf).ToDictionary(g => g.Key, g => g.ToList());
    }
}
