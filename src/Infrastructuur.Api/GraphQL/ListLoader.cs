using System.Linq.Expressions;
using GraphQL.DataLoader;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Access;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.GraphQL;

/// <summary>
/// Loads a small, unpaged child list (a coalition's recognitions, a signal's themes) for every parent that asks in
/// one statement. <see cref="Children"/> is the child query of one parent, correlated by equality or a navigation,
/// as for <see cref="Paging.PageChildren{TParent, T}"/>; lists that can grow without bound belong in a connection.
/// Rows the caller may not see are left out (also behind a navigation: a party list skips a draft initiative's link).
/// </summary>
public abstract class ListLoader<TParent, TChild>(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, List<TChild>>
    where TParent : Entity
{
    /// <summary>The children of one parent, e.g. <c>s => s.Themes</c>.</summary>
    protected abstract Expression<Func<TParent, IEnumerable<TChild>>> Children(InfrastructuurDb db);

    /// <summary>The order a parent's list is returned in (applied in memory; the lists are small).</summary>
    protected abstract IEnumerable<TChild> Sort(IEnumerable<TChild> rows);

    /// <summary>The parent's list (empty when it has none), batched with every other parent asking in this request.</summary>
    public IDataLoaderResult<List<TChild>> ListOf(TParent parent) => Load(parent.Id).Then(list => list ?? []);

    protected override async Task<IReadOnlyDictionary<Guid, List<TChild>>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        var viewer = await ViewerAsync(cancellationToken);
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Guid[] ids = [.. keys];
        Expression<Func<TParent, TChild, ParentRow<TChild>>> tag = (p, c) => new ParentRow<TChild> { ParentId = p.Id, Node = c };
        var rows = await db.Set<TParent>().WithKeyIn(ids).SelectMany(Children(db).VisibleTo(viewer), tag).AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ParentId).ToDictionary(g => g.Key, g => Sort(g.Select(r => r.Node)).ToList());
    }
}
