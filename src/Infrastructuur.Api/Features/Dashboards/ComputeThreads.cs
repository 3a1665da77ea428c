namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>
/// Threads of their own for dashboard computations, kept between them. SQLite runs a statement synchronously, for seconds
/// on a large municipality, so a computation must not hold a pool thread (on two cores, half the pool until it grows); a new
/// thread per computation (<c>TaskCreationOptions.LongRunning</c>) costs its start-up on every figure, and most on a busy
/// machine (a third of a small section's CPU in one profile at load 8; side by side on a quiet one, the baseline of the
/// synthetic municipality took 25 instead of 30 ms). A thread is started only when fewer wait idle than tasks are queued,
/// and leaves after <see cref="IdleTimeout"/> without work, so the count follows the concurrency the gate admits, not the request rate.
/// </summary>
internal static class ComputeThreads
{
    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    private static readonly object Gate = new();
    private static readonly Queue<Action> Queue = new();

    // Threads in Monitor.Wait, counted until they hold the lock again: queued work starts a thread unless enough of them
    // wait, so work never sits behind computations that block (more threads than needed for a moment is harmless).
    private static int _waiting;

    /// <summary>
    /// Runs <paramref name="work"/> on a kept thread up to its first await that does not complete at once (all of it on
    /// SQLite); what follows such an await runs on the pool, as after any await: only the synchronous part needs a thread
    /// of its own, and routing every continuation of Npgsql's reads back through this queue made its lock the hot spot.
    /// </summary>
    public static Task<T> Run<T>(Func<Task<T>> work)
    {
        var done = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
        Enqueue(() => _ = ForwardAsync(work, done));
        return done.Task;
    }

    private static async Task ForwardAsync<T>(Func<Task<T>> work, TaskCompletionSource<T> done)
    {
        try
        {
            done.TrySetResult(await work());
        }
        catch (OperationCanceledException e)
        {
            done.TrySetCanceled(e.CancellationToken);
        }
        catch (Exception e)
        {
            done.TrySetException(e);
        }
    }

    private static void Enqueue(Action action)
    {
        lock (Gate)
        {
            Queue.Enqueue(action);
            if (Queue.Count <= _waiting)
            {
                Monitor.Pulse(Gate);
                return;
            }
        }

        new Thread(Loop) { IsBackground = true, Name = "dashboard compute" }.Start();
    }

    private static void Loop()
    {
        while (true)
        {
            Action? action;
            lock (Gate)
            {
                while (!Queue.TryDequeue(out action))
                {
                    _waiting++;
                    var woken = Monitor.Wait(Gate, IdleTimeout);
                    _waiting--;
                    if (!woken && Queue.Count == 0)
                    {
                        return;
                    }
                }
            }

            action(); // ForwardAsync catches everything the work throws
        }
    }
}
