using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Activities;
using Infrastructuur.Api.Features.Access;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Initiatives;
using Infrastructuur.Api.Features.Organisations;
using Infrastructuur.Api.Features.Programmes;
using Infrastructuur.Api.Features.Search;
using Infrastructuur.Api.Features.Taxonomy;
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

        // Q1 — { activity(id: $id) { title provider { ... on Organisation { name } ... on Initiative { name } } } }
        // References load through the same ById loader (and so the same compiled EF Core query) as the GraphQL fields.
        app.MapGet("/floor/q1", async (string id, IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) =>
        {
            var activity = await new ById<Activity>(factory).Load(GlobalId.Decode(id, nameof(Activity))).GetResultAsync(ct);
            if (activity is null)
            {
                return Results.Json(new { data = new { activity = (object?)null } });
            }

            var providers = await ProvidersAsync(factory, [activity], ct);
            return Results.Json(new { data = new { activity = new { title = activity.Name, provider = new { name = providers[activity.Id] } } } });
        });

        // Q2 — { activities(first: 50, filterBy: { neighbourhood: $neighbourhood }, orderBy: { field: STARTS_ON }) { nodes { id title provider { ...name } } } }
        app.MapGet("/floor/q2", async (string neighbourhood, IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) =>
        {
            var query = new ActivityFilter { Neighbourhood = neighbourhood }.Compile();
            var order = new ActivityOrder { Field = ActivityOrderField.StartsOn }.Keyset();
            await using var db = await factory.CreateDbContextAsync(ct);
            var rows = await order.Sort(query(db), reverse: false).Take(51).AsNoTracking().ToListAsync(ct);
            var page = rows.Take(50).ToList();
            var providers = await ProvidersAsync(factory, page, ct);
            return Results.Json(new
            {
                data = new { activities = new { nodes = page.Select(a => new { id = GlobalId.Encode(nameof(Activity), a.Id), title = a.Name, provider = new { name = providers[a.Id] } }) } },
            });
        });

        // Q3 — { neighbourhood(id: $neighbourhood) { activityCountsByTheme { theme { code } count } } }
        app.MapGet("/floor/q3", async (string neighbourhood, IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) =>
        {
            var key = GlobalId.Decode(neighbourhood, nameof(Neighbourhood));
            await using var db = await factory.CreateDbContextAsync(ct);
            var place = await db.Neighbourhoods.AsNoTracking().Where(n => n.Id == key).OrderByDescending(n => n.CbsCodeYear).FirstOrDefaultAsync(ct);
            if (place is null)
            {
                return Results.Json(new { data = new { neighbourhood = (object?)null } });
            }

            var counts = await ActivityCountsByTheme.Query(db, [place.Id], Viewer.Anonymous).ToListAsync(ct);
            var loader = new ById<Theme>(factory);
            var sorted = counts.OrderByDescending(c => c.Count).ThenBy(c => c.ThemeKey, StringComparer.Ordinal).ThenBy(c => c.ThemeId)
                .Select(c => (c.Count, Theme: loader.Load(c.ThemeId))).ToList();
            var rows = new List<object>();
            foreach (var (count, theme) in sorted)
            {
                rows.Add(new { theme = new { code = (await theme.GetResultAsync(ct))!.Code }, count });
            }

            return Results.Json(new { data = new { neighbourhood = new { activityCountsByTheme = rows } } });
        });

        // Q4 — { search(text: $text, first: 10) { nodes { __typename ... on Organisation { name } ... on Initiative { name } ... on Activity { title } ... on Programme { name } } } }
        app.MapGet("/floor/q4", async (string text, IDbContextFactory<InfrastructuurDb> factory, CancellationToken ct) =>
        {
            var terms = SearchTerms.Parse(text);
            List<SearchResult> rows = [];
            if (terms is not null)
            {
                await using var db = await factory.CreateDbContextAsync(ct);
                rows = await SiteSearch.PageAsync(db, terms, cursor: null, backward: false, take: 11, ct);
            }

            var nodes = rows.Take(10).Select(r => r.Node switch
            {
                Activity a => (object)new { __typename = r.Hit.Kind, title = a.Name },
                Organisation o => new { __typename = r.Hit.Kind, name = o.Name },
                Initiative i => new { __typename = r.Hit.Kind, name = i.Name },
                Programme p => new { __typename = r.Hit.Kind, name = p.Name },
                _ => new { __typename = r.Hit.Kind },
            });
            return Results.Json(new { data = new { search = new { nodes } } });
        });
    }

    /// <summary>Each activity's provider name: one batch per provider kind through the ById loaders, as the GraphQL fields do.</summary>
    private static async Task<Dictionary<Guid, string>> ProvidersAsync(IDbContextFactory<InfrastructuurDb> factory, IReadOnlyCollection<Activity> activities, CancellationToken ct)
    {
        var organisations = new ById<Organisation>(factory);
        var initiatives = new ById<Initiative>(factory);
        var pending = activities.Select(a => (a.Id, Name: a.ProviderOrganisationId is { } o
            ? organisations.Load(o).Then(x => x!.Name)
            : initiatives.Load(a.ProviderInitiativeId!.Value).Then(x => x!.Name))).ToList();
        var names = new Dictionary<Guid, string>();
        foreach (var (activity, name) in pending)
        {
            names[activity] = await name.GetResultAsync(ct);
        }

        return names;
    }
}
