using Infrastructuur.Api.Features.Dashboards;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// The threads dashboard computations run on (SQLite statements block their thread): kept between computations, so a
/// section does not pay a thread's start-up per figure, and never so few that a computation waits for another to finish.
/// </summary>
public sealed class ComputeThreadsTests
{
    [Fact]
    public async Task Computations_one_after_another_reuse_a_kept_thread_instead_of_starting_one_each()
    {
        var threads = new HashSet<int>();
        for (var i = 0; i < 50; i++)
        {
            var id = await Task.Factory.StartNew(() => Environment.CurrentManagedThreadId, CancellationToken.None, TaskCreationOptions.None, ComputeThreads.Instance);
            threads.Add(id);
        }

        // Other tests' computations may hold a thread meanwhile; a thread per computation would give 50.
        Assert.InRange(threads.Count, 1, 5);
        Assert.DoesNotContain(Environment.CurrentManagedThreadId, threads);
    }

    [Fact]
    public async Task Computations_that_block_at_once_each_get_a_thread_of_their_own()
    {
        // Four computations that each block until all four run: with fewer threads than blocked computations, none would finish.
        const int blocked = 4;
        using var together = new Barrier(blocked);
        var running = Enumerable.Range(0, blocked)
            .Select(_ => Task.Factory.StartNew(() => together.SignalAndWait(TimeSpan.FromSeconds(10)), CancellationToken.None, TaskCreationOptions.None, ComputeThreads.Instance))
            .ToList();

        var met = await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(met, Assert.True);
    }

    [Fact]
    public async Task An_awaiting_computation_continues_on_the_kept_threads_not_the_pool()
    {
        var after = await Task.Factory.StartNew(
            async () =>
            {
                await Task.Delay(10);
                return Thread.CurrentThread.IsThreadPoolThread;
            },
            CancellationToken.None,
            TaskCreationOptions.None,
            ComputeThreads.Instance).Unwrap();

        Assert.False(after);
    }
}
