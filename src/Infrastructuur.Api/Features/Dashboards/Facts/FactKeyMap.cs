using Infrastructuur.Api.Data;
using Microsoft.EntityFrameworkCore;

namespace Infrastructuur.Api.Features.Dashboards.Facts;

/// <summary>Integer keys for GUIDs, created on first use (<see cref="FactKey"/>).</summary>
internal sealed class FactKeyMap(InfrastructuurDb db)
{
    private readonly Dictionary<Guid, int> _keys = [];

    public int this[Guid key] => _keys[key];

    public async Task LoadAllAsync(CancellationToken cancellationToken)
    {
        foreach (var k in await db.Set<FactKey>().AsNoTracking().ToListAsync(cancellationToken))
        {
            _keys[k.Key] = k.Id;
        }
    }

    public async Task EnsureAsync(IEnumerable<Guid> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.Where(k => !_keys.ContainsKey(k)).Distinct().ToList();
        if (wanted.Count == 0)
        {
            return;
        }

        await ReadKnownAsync(wanted, cancellationToken);
        var missing = wanted.Where(k => !_keys.ContainsKey(k)).ToList();
        if (missing.Count > 0)
        {
            // Only the keeper adds keys, one at a time (the lock on PostgreSQL, the one writer on SQLite), so the next
            // numbers after the largest are free.
            var next = (await db.Set<FactKey>().MaxAsync(k => (int?)k.Id, cancellationToken) ?? 0) + 1;
            var added = missing.Select(k => new FactKey { Id = next++, Key = k }).ToList();
            await new BulkInsert(db).EntitiesAsync(added, cancellationToken);
            foreach (var k in added)
            {
                _keys[k.Key] = k.Id;
            }
        }
    }

    private async Task ReadKnownAsync(List<Guid> wanted, CancellationToken cancellationToken)
    {
        foreach (var chunk in wanted.Chunk(5_000))
        {
            var list = chunk.ToList();
            foreach (var k in await db.Set<FactKey>().AsNoTracking().Where(k => list.Contains(k.Key)).ToListAsync(cancellationToken))
            {
                _keys[k.Key] = k.Id;
            }
        }
    }
}
