namespace Infrastructuur.Api.Data;

/// <summary>Columns every stored record shares: a UUID key (HSDS requires UUIDs), an optimistic-concurrency version and audit times.</summary>
public abstract class Entity
{
    // Version 7 UUIDs sort by creation time, which keeps keyset paging by id stable and B-tree inserts local.
    public Guid Id { get; set; } = Guid.CreateVersion7();

    /// <summary>Incremented by our code on every update (SQLite has no rowversion); a stale version is a CONFLICT.</summary>
    public int Version { get; set; } = 1;

    public DateTime CreatedAt { get; set; } = DateTime.UtcNow;

    public DateTime ModifiedAt { get; set; } = DateTime.UtcNow;

    /// <summary>True for the records the demo seed wrote, so nobody mistakes them for real data.</summary>
    public bool IsDemoData { get; set; }
}
