namespace Greylane.Sandbox.Controllers.Common;

/// <summary>
/// A de-duplicating queue like client-go's workqueue: a key queued twice before it is taken is processed
/// once; a key queued while being processed is processed again afterwards. Tracks idleness for tests.
/// </summary>
internal sealed class WorkQueue
{
    private readonly Lock _gate = new();
    private readonly Queue<WorkKey> _order = new();
    private readonly HashSet<WorkKey> _queued = [];
    private readonly SemaphoreSlim _signal = new(0);
    private int _inFlight;

    /// <summary>True when nothing is queued and nothing is being processed.</summary>
    public bool IsIdle
    {
        get
        {
            lock (_gate)
            {
                return _order.Count == 0 && _inFlight == 0;
            }
        }
    }

    public void Add(WorkKey key)
    {
        lock (_gate)
        {
            if (!_queued.Add(key))
            {
                return;
            }

            _order.Enqueue(key);
        }

        _signal.Release();
    }

    /// <summary>Waits for the next key; the caller must call <see cref="Done"/> after processing it.</summary>
    public async Task<WorkKey> TakeAsync(CancellationToken cancellationToken)
    {
        await _signal.WaitAsync(cancellationToken).ConfigureAwait(false);
        lock (_gate)
        {
            var key = _order.Dequeue();
            _queued.Remove(key);
            _inFlight++;
            return key;
        }
    }

    public void Done()
    {
        lock (_gate)
        {
            _inFlight--;
        }
    }
}
