using Infrastructuur.Api.Data;
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
        var places = await db.Organisations.Where(o => organisations.Contains(o.Id))
            .SelectMany(o => o.Neighbourhoods, (o, n) => new { Organisation = o.Id, n.MunicipalityId })
            .Distinct()
            .ToListAsync(ct);
        return existing.ToDictionary(id => id, id => places.Where(p => p.Organisation == id).Select(p => p.MunicipalityId).ToArray());
    }
}
