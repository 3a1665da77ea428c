using Infrastructuur.Api.Features.Dashboards;

namespace Infrastructuur.Tests.Dashboards;

/// <summary>
/// The threads dashboard computations start on (SQLite statements block their thread): kept between computations, so a
/// section does not pay a thread's start-up per figure, never so few that a computation waits for another to finish, and
/// holding only the synchronous part of a computation.
/// </summary>
public sealed class ComputeThreadsTests
{
    [Fact]
    public async Task Computations_one_after_another_reuse_a_kept_thread_instead_of_starting_one_each()
    {
        var threads = new HashSet<int>();
        for (var i = 0; i < 50; i++)
        {
            threads.Add(await ComputeThreads.Run(() => Task.FromResult(Environment.CurrentManagedThreadId)));
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
            .Select(_ => ComputeThreads.Run(() => Task.FromResult(together.SignalAndWait(TimeSpan.FromSeconds(10)))))
            .ToList();

        var met = await Task.WhenAll(running).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.All(met, Assert.True);
    }

    [Fact]
    public async Task What_follows_an_await_runs_on_the_pool_and_failures_reach_the_caller()
    {
        var (before, after) = await ComputeThreads.Run(async () =>
        {
            var first = Thread.CurrentThread.IsThreadPoolThread;
            await Task.Delay(10);
            return (first, Thread.CurrentThread.IsThreadPoolThread);
        });
        Assert.False(before);
        Assert.True(after);

        await Assert.ThrowsAsync<InvalidOperationException>(() => ComputeThreads.Run<int>(() => throw new InvalidOperationException("failed")));
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ComputeThreads.Run(() => Task.FromCanceled<int>(cancelled.Token)));
    }
}
