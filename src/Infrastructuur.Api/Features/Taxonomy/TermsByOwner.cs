using System.Linq.Expressions;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Taxonomy;

/// <summary>
/// The terms each owner is tagged with (activity themes, initiative themes …), for a whole page of owners in one query.
/// A term list is short and does not grow with use, so it is a plain list rather than a connection.
/// </summary>
public abstract class TermsByOwner<TOwner, TTerm>(IDbContextFactory<InfrastructuurDb> factory, Expression<Func<TOwner, IEnumerable<TTerm>>> terms)
    : BatchLoader<Guid, List<TTerm>>
    where TOwner : Entity
    where TTerm : TaxonomyTerm
{
    protected override async Task<IReadOnlyDictionary<Guid, List<TTerm>>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        Expression<Func<TOwner, TTerm, ParentRow<TTerm>>> tag = (owner, term) => new ParentRow<TTerm> { ParentId = owner.Id, Node = term };
        var rows = await db.Set<TOwner>().WithKeyIn(keys).SelectMany(terms, tag).AsNoTracking().ToListAsync(cancellationToken);
        return rows.GroupBy(r => r.ParentId).ToDictionary(g => g.Key, g => g.Select(r => r.Node).OrderBy(t => t.NameKey, StringComparer.Ordinal).ToList());
    }
}
