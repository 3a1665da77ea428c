using Infrastructuur.Api.Data;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Bench;

/// <summary>One endpoint per benchmark scenario, each the scenario's EF Core queries plus JSON, nothing else.</summary>
internal static class FloorEndpoints
{
    public static void Map(WebApplication app)
    {
        app.MapGet("/floor/typename", () => Results.Json(new { data = new { __typename = "Query" } }));

        // { municipalities(first: 10) { nodes { id name cbsCode areas(first: 10) { nodes { id name neighbourhoods(first: 10) { totalCount nodes { id name cbsCode } } } } } } }
        app.MapGet("/floor/nested", async (IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) =>
        {
            await using var db = await factory.CreateDbContextAsync(ct);
            var municipalities = await db.Municipalities.AsNoTracking().OrderBy(m => m.NameKey).ThenBy(m => m.Id).Take(11).ToListAsync(ct);
            var mIds = municipalities.Take(10).Select(m => m.Id).ToArray();
            var areas = await db.Municipalities.Where(m => mIds.Contains(m.Id))
                .SelectMany(m => db.Areas.Where(a => a.MunicipalityId == m.Id).OrderBy(a => a.NameKey).ThenBy(a => a.Id).Take(11), (m, a) => new { ParentId = m.Id, Node = a })
                .AsNoTracking().ToListAsync(ct);
            var aIds = areas.Select(a => a.Node.Id).Distinct().ToArray();
            var places = await db.Areas.Where(a => aIds.Contains(a.Id))
                .SelectMany(a => a.Neighbourhoods.OrderBy(n => n.NameKey).ThenBy(n => n.Id).Take(11), (a, n) => new { ParentId = a.Id, Node = n })
                .AsNoTracking().ToListAsync(ct);
            var counts = await db.Areas.Where(a => aIds.Contains(a.Id)).Select(a => new { a.Id, Count = a.Neighbourhoods.Count() }).ToDictionaryAsync(a => a.Id, a => a.Count, ct);

            var result = new
            {
                data = new
                {
                    municipalities = new
                    {
                        nodes = municipalities.Take(10).Select(m => new
                        {
                            id = GlobalId.Encode("Municipality", m.Id),
                            name = m.Name,
                            cbsCode = m.CbsCode,
                            areas = new
                            {
                                nodes = areas.Where(a => a.ParentId == m.Id).Take(10).Select(a => new
                                {
                                    id = GlobalId.Encode("Area", a.Node.Id),
                                    name = a.Node.Name,
                                    neighbourhoods = new
                                    {
                                        totalCount = counts.GetValueOrDefault(a.Node.Id),
                                        nodes = places.Where(p => p.ParentId == a.Node.Id).Take(10).Select(p => new { id = GlobalId.Encode("Neighbourhood", p.Node.Id), name = p.Node.Name, cbsCode = p.Node.CbsCode }),
                                    },
                                }),
                            },
                        }),
                    },
                },
            };
            return Results.Json(result);
        });
    }
}
