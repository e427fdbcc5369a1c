namespace Greylane.Sandbox.Controllers.Common;

/// <summary>
/// A de-duplicating queue like client-go's workqueue: a key queued twice before it is taken is processed
/// once; a key queued while being processed is processed again afterwards. Tracks idleness for tests.
/// </summary>
internal sealed class WorkQueue
{
    private readonly Lock gate = new();
    private readonly Queue<WorkKey> order = new();
    private readonly HashSet<WorkKey> queued = [];
    private readonly SemaphoreSlim signal = new(0);
    private int inFlight;

    /// <summary>True when nothing is queued and nothing is being processed.</summary>
    public bool IsIdle
    {
        get
        {
            lock (gate)
            {
                return order.Count == 0 && inFlight == 0;
            }
        }
    }

    public void Add(WorkKey key)
    {
        lock (gate)
        {
            if (!queued.Add(key))
            {
                return;
            }

            order.Enqueue(key);
        }

        signal.Release();
    }

    /// <summary>Waits for the next key; the caller must call <see cref="Done"/> after processing it.</summary>
    public async Task<WorkKey> TakeAsync(CancellationToken cancellationToken)
    {
        await signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (gate)
        {
            var key = order.Dequeue();
            queued.Remove(key);
            inFlight++;
            return key;
        }
    }

    public void Done()
    {
        lock (gate)
        {
            inFlight--;
        }
    }
}
