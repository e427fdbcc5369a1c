namespace Greylane.Sandbox.Storage;

/// <summary>The bounded window of recent changes a watch can resume from; older versions are compacted away, as etcd does.</summary>
internal sealed class WatchHistory(int limit)
{
    private readonly Queue<StoreChange> _events = new();

    /// <summary>The newest resourceVersion that has been dropped; a resume from below it is 410 Expired.</summary>
    public long CompactedThrough { get; private set; }

    public void Add(StoreChange change)
    {
        _events.Enqueue(change);
        while (_events.Count > Math.Max(limit, 0))
        {
            CompactedThrough = _events.Dequeue().Event.ResourceVersion;
        }
    }

    /// <summary>Every kept change newer than <paramref name="version"/>, or null when some of them were already dropped.</summary>
    public IReadOnlyList<StoreChange>? Since(long version) =>
        version < CompactedThrough ? null : [.. _events.Where(e => e.Event.ResourceVersion > version)];
}
