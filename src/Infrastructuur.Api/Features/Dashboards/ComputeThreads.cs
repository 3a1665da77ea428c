namespace Infrastructuur.Api.Features.Dashboards;

/// <summary>
/// Threads of their own for dashboard computations, kept between them. SQLite runs a statement synchronously, for seconds
/// on a large municipality, so a computation must not hold a pool thread (on two cores, half the pool until it grows); a new
/// thread per computation (<c>TaskCreationOptions.LongRunning</c>) cost more than a small section's SQL (about 3 ms of a
/// 10 ms network section, in thread start-up alone). A thread is started only when fewer wait idle than tasks are queued,
/// and leaves after <see cref="IdleTimeout"/> without work, so the count follows the concurrency the gate admits, not the request rate.
/// </summary>
internal sealed class ComputeThreads : TaskScheduler
{
    public static readonly ComputeThreads Instance = new();

    private static readonly TimeSpan IdleTimeout = TimeSpan.FromSeconds(30);

    [ThreadStatic]
    private static bool _isComputeThread;

    private readonly object _gate = new();
    private readonly Queue<Task> _queue = new();

    // Threads in Monitor.Wait, counted until they hold the lock again: a queued task starts a thread unless enough of them
    // wait, so a task never sits behind computations that block (more threads than needed for a moment is harmless).
    private int _waiting;

    private ComputeThreads()
    {
    }

    protected override void QueueTask(Task task)
    {
        lock (_gate)
        {
            _queue.Enqueue(task);
            if (_queue.Count <= _waiting)
            {
                Monitor.Pulse(_gate);
                return;
            }
        }

        new Thread(Run) { IsBackground = true, Name = "dashboard compute" }.Start();
    }

    protected override bool TryExecuteTaskInline(Task task, bool taskWasPreviouslyQueued) =>
        _isComputeThread && !taskWasPreviouslyQueued && TryExecuteTask(task);

    protected override IEnumerable<Task> GetScheduledTasks()
    {
        lock (_gate)
        {
            return [.. _queue];
        }
    }

    private void Run()
    {
        _isComputeThread = true;
        while (true)
        {
            Task? task;
            lock (_gate)
            {
                while (!_queue.TryDequeue(out task))
                {
                    _waiting++;
                    var woken = Monitor.Wait(_gate, IdleTimeout);
                    _waiting--;
                    if (!woken && _queue.Count == 0)
                    {
                        return;
                    }
                }
            }

            TryExecuteTask(task);
        }
    }
}
