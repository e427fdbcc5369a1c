namespace Greylane.Webhook.Controller;

/// <summary>
/// The per-Deployment work queue: a key is never handed to two workers at once, repeated adds coalesce into one
/// pending run (an add while the key is running runs it once more afterwards), delayed adds keep the earliest time,
/// and failures back off exponentially until the key succeeds.
/// </summary>
internal sealed class ReconcileQueue(TimeProvider time, Action<int>? depthChanged = null) : IDisposable
{
    private static readonly TimeSpan BaseBackoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromMinutes(2);

    private readonly Lock _gate = new();
    private readonly Queue<string> _ready = new();
    private readonly HashSet<string> _dirty = new(StringComparer.Ordinal);
    private readonly HashSet<string> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (DateTimeOffset Due, ITimer Timer)> _delayed = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _signal = new(0);
    private bool _disposed;

    /// <summary>Keys waiting to run (not counting delayed ones).</summary>
    public int Depth
    {
        get
        {
            lock (_gate)
            {
                return _ready.Count;
            }
        }
    }

    /// <summary>Runs <paramref name="key"/> as soon as a worker is free (once, however often it is added meanwhile).</summary>
    public void Add(string key)
    {
        int depth;
        lock (_gate)
        {
            if (_disposed || !_dirty.Add(key))
            {
                return;
            }

            if (_running.Contains(key))
            {
                return;
            }

            _ready.Enqueue(key);
            depth = _ready.Count;
        }

        _signal.Release();
        depthChanged?.Invoke(depth);
    }

    /// <summary>Runs <paramref name="key"/> after <paramref name="delay"/>, unless an earlier run is already due.</summary>
    public void AddAfter(string key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            Add(key);
            return;
        }

        var due = time.GetUtcNow() + delay;
        lock (_gate)
        {
            if (_disposed || (_delayed.TryGetValue(key, out var existing) && existing.Due <= due))
            {
                return;
            }

            existing.Timer?.Dispose();
            var timer = time.CreateTimer(_ => Fire(key, due), null, delay, Timeout.InfiniteTimeSpan);
            _delayed[key] = (due, timer);
        }
    }

    /// <summary>Runs <paramref name="key"/> again after a backoff that doubles with each failure in a row.</summary>
    public TimeSpan AddFailed(string key)
    {
        int failures;
        lock (_gate)
        {
            failures = _failures[key] = _failures.GetValueOrDefault(key) + 1;
        }

        var backoff = TimeSpan.FromTicks(Math.Min(MaxBackoff.Ticks, BaseBackoff.Ticks * (1L << Math.Min(failures - 1, 20))));
        AddAfter(key, backoff);
        return backoff;
    }

    /// <summary>The key succeeded: its next failure starts the backoff afresh.</summary>
    public void Forget(string key)
    {
        lock (_gate)
        {
            _failures.Remove(key);
        }
    }

    /// <summary>The next key to run; call <see cref="Done"/> when finished with it.</summary>
    public async Task<string> TakeAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            await _signal.WaitAsync(cancellationToken);
            lock (_gate)
            {
                if (_ready.TryDequeue(out var key))
                {
                    _dirty.Remove(key);
                    _running.Add(key);
                    depthChanged?.Invoke(_ready.Count);
                    return key;
                }
            }
        }
    }

    /// <summary>The run of <paramref name="key"/> is over; if it was added meanwhile it is queued again.</summary>
    public void Done(string key)
    {
        bool again;
        lock (_gate)
        {
            _running.Remove(key);
            again = _dirty.Contains(key) && !_disposed;
            if (again)
            {
                _ready.Enqueue(key);
            }
        }

        if (again)
        {
            _signal.Release();
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _disposed = true;
            foreach (var (_, timer) in _delayed.Values)
            {
                timer.Dispose();
            }

            _delayed.Clear();
        }

        _signal.Dispose();
    }

    private void Fire(string key, DateTimeOffset due)
    {
        lock (_gate)
        {
            if (!_delayed.TryGetValue(key, out var entry) || entry.Due != due)
            {
                return;
            }

            entry.Timer.Dispose();
            _delayed.Remove(key);
        }

        Add(key);
    }
}
