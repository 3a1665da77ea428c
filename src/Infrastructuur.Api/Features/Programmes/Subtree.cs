using GraphQL;
using Infrastructuur.Api.Data;
using Infrastructuur.Api.Features.Geography;
using Infrastructuur.Api.Features.Shared;
using Infrastructuur.Api.Features.Taxonomy;
using Infrastructuur.Api.GraphQL;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Programmes;

/// <summary>
/// Filters that include what lies below: a district includes its neighbourhoods, a theme its sub-themes. The tree is
/// walked by parent equality, one indexed query per level, before the filtered query runs; the filter itself is then a
/// plain IN list, which both engines plan well.
/// </summary>
public static class Subtree
{
    /// <summary>Deeper than any CBS or taxonomy tree we hold; bounds the walk should a cycle ever slip in.</summary>
    private const int MaxDepth = 8;

    /// <summary>The region with this global ID and every region inside it; null when no region was asked for.</summary>
    public static async Task<List<Guid>?> NeighbourhoodsWithinAsync(this IResolveFieldContext context, InfrastructuurDb db, string? id) =>
        id is null ? null : await WithDescendantsAsync(db.Neighbourhoods, [GlobalId.Decode(id, nameof(Neighbourhood))], context.CancellationToken);

    /// <summary>The themes with these global IDs and all their sub-themes; null when no theme was asked for.</summary>
    public static async Task<List<Guid>?> ThemesWithinAsync(this IResolveFieldContext context, InfrastructuurDb db, IReadOnlyCollection<string>? ids) =>
        ids is null or { Count: 0 } ? null : await WithDescendantsAsync(db.Themes, [.. ids.Select(id => GlobalId.Decode(id, nameof(Theme)))], context.CancellationToken);

    /// <summary>As above, or by the region's CBS code (its ID twin already refused, the code already known).</summary>
    public static async Task<List<Guid>?> NeighbourhoodsWithinAsync(this IResolveFieldContext context, InfrastructuurDb db, string? id, string? code) =>
        code is null ? await context.NeighbourhoodsWithinAsync(db, id)
        : await WithDescendantsAsync(db.Neighbourhoods, await Codes.NeighbourhoodIds(db, code).ToListAsync(context.CancellationToken), context.CancellationToken);

    /// <summary>As above, or by the themes' codes (their ID twin already refused, the codes already known).</summary>
    public static async Task<List<Guid>?> ThemesWithinAsync(this IResolveFieldContext context, InfrastructuurDb db, IReadOnlyCollection<string>? ids, IReadOnlyList<string>? codes) =>
        codes is not { Count: > 0 } ? await context.ThemesWithinAsync(db, ids)
        : await WithDescendantsAsync(db.Themes, await Codes.TermIds<Theme>(db, [.. codes]).ToListAsync(context.CancellationToken), context.CancellationToken);

    private static async Task<List<Guid>> WithDescendantsAsync<T>(IQueryable<T> set, IReadOnlyCollection<Guid> roots, CancellationToken cancellationToken)
        where T : Entity
    {
        var all = new HashSet<Guid>(roots);
        List<Guid?> frontier = [.. roots.Select(r => (Guid?)r)];
        for (var depth = 0; depth < MaxDepth && frontier.Count > 0; depth++)
        {
            var children = await set.AsNoTracking().Where(t => frontier.Contains(EF.Property<Guid?>(t, "ParentId"))).Select(t => t.Id).ToListAsync(cancellationToken);
            frontier = [.. children.Where(all.Add).Select(c => (Guid?)c)];
        }

        return [.. all];
    }
}
