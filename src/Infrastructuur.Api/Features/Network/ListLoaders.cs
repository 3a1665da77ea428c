using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Network;

/// <summary>A parent's themes (a collaboration's, a meeting's, a signal's), by Dutch name.</summary>
public abstract class ThemesBy<TParent>(IDbContextFactory<InfrastructuurDb> factory) : ListLoader<TParent, Theme>(factory)
    where TParent : Entity
{
    protected override IEnumerable<Theme> Sort(IEnumerable<Theme> rows) => ThemeType.ByName.InOrder(rows, reverse: false);
}

/// <summary>A parent's parties (a collaboration's, a meeting's participants), by name.</summary>
public abstract class PartiesBy<TParent>(IDbContextFactory<InfrastructuurDb> factory) : ListLoader<TParent, PartyRow>(factory)
    where TParent : Entity
{
    protected override IEnumerable<PartyRow> Sort(IEnumerable<PartyRow> rows) => PartyLinks.ByName(rows);
}
