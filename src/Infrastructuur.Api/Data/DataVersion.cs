namespace Infrastructuur.Api.Data;

/// <summary>
/// A process-wide counter that moves on every successful SaveChanges, so results computed from the database (the
/// dashboards) can be cached until the next write instead of for a guessed time. Writes made outside EF's SaveChanges
/// (another server instance, bulk ExecuteUpdate) do not move it: caches also expire by age for that reason.
/// </summary>
public static class DataVersion
{
    private static long _current;

    public static long Current => Interlocked.Read(ref _current);

    public static void Advance() => Interlocked.Increment(ref _current);
}
