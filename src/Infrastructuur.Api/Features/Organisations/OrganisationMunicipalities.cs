using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Organisations;

/// <summary>
/// An organisation has no municipality of its own: it belongs to the municipalities of the regions it works in.
/// Officials of those oversee it. Two flat joins: a per-organisation list, or a projection inside the
/// collection selector, would need SQL APPLY, which SQLite lacks.
/// </summary>
public static class OrganisationMunicipalities
{
    /// <summary>Each existing organisation among <paramref name="organisations"/> with its municipalities (none when it works nowhere yet).</summary>
    public static async Task<Dictionary<Guid, Guid[]>> OfAsync(InfrastructuurDb db, IReadOnlyCollection<Guid> organisations, CancellationToken ct)
    {
        var existing = await db.Organisations.Where(o => organisations.Contains(o.Id)).Select(o => o.Id).ToListAsync(ct);
        var places = await Places(db, organisations).ToListAsync(ct);
        return existing.ToDictionary(id => id, id => places.Where(p => p.Organisation == id).Select(p => p.MunicipalityId).ToArray());
    }

    /// <summary>(organisation, municipality) pairs, each once, for the organisations that work somewhere.</summary>
    public static IQueryable<OrganisationPlace> Places(InfrastructuurDb db, IReadOnlyCollection<Guid> organisations) =>
        db.Organisations.AsNoTracking()
            .Where(o => organisations.Contains(o.Id))
            .SelectMany(o => o.Neighbourhoods, (o, n) => new OrganisationPlace { Organisation = o.Id, MunicipalityId = n.MunicipalityId })
            .Distinct();

    public sealed record OrganisationPlace
    {
        public Guid Organisation { get; init; }

        public Guid MunicipalityId { get; init; }
    }
}

/// <summary>The municipalities an organisation works in (through its regions), for a page of organisations in one query.</summary>
public sealed class MunicipalitiesByOrganisation(IDbContextFactory<InfrastructuurDb> factory) : BatchLoader<Guid, Guid[]>
{
    protected override async Task<IReadOnlyDictionary<Guid, Guid[]>> FetchAsync(IReadOnlyCollection<Guid> keys, CancellationToken cancellationToken)
    {
        await using var db = await factory.CreateDbContextAsync(cancellationToken);
        var places = await OrganisationMunicipalities.Places(db, keys).ToListAsync(cancellationToken);
        return places.GroupBy(p => p.Organisation).ToDictionary(g => g.Key, g => g.Select(p => p.MunicipalityId).ToArray());
    }
}
