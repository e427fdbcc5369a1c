using System.Collections.Concurrent;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The Deployment writes this leader made that its informer has not shown yet ("read your own writes", as
/// controller-runtime's expectations do). While a Deployment has one, its cached copy may predate Greylane's own
/// change, and the reconcile reads it from the API; once the informer delivers the write, the cached copy is current and
/// saves that read. A reconcile that met a conflict also reads afresh until the informer's next event for the Deployment,
/// and so does one whose write the informer has not shown within <see cref="Patience"/> (a watch that re-listed past it).
/// </summary>
internal sealed class OwnWrites(TimeProvider time)
{
    /// <summary>After this long without seeing its own write (a watch that broke and re-listed past it), the entry waits for any next event instead.</summary>
    public static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    // key -> the resourceVersion of the write (null: "the next event") and when it was made.
    private readonly ConcurrentDictionary<string, (string? Version, DateTimeOffset At)> _pending = new(StringComparer.Ordinal);

    /// <summary>Greylane's write of <paramref name="key"/> produced <paramref name="resourceVersion"/>.</summary>
    public void Wrote(string key, string resourceVersion) => _pending[key] = (resourceVersion, time.GetUtcNow());

    /// <summary>A write met a conflict: the cache is behind the API until the informer's next event.</summary>
    public void Conflicted(string key) => _pending[key] = (null, time.GetUtcNow());

    /// <summary>The informer delivered <paramref name="resourceVersion"/> of <paramref name="key"/>.</summary>
    public void Observed(string key, string? resourceVersion)
    {
        if (_pending.TryGetValue(key, out var pending) && (pending.Version is null || pending.Version == resourceVersion))
        {
            _pending.TryRemove(KeyValuePair.Create(key, pending));
        }
    }

    /// <summary>The informer's copy of <paramref name="key"/> includes every write Greylane made to it.</summary>
    public bool CacheIsCurrent(string key)
    {
        if (!_pending.TryGetValue(key, out var pending))
        {
            return true;
        }

        if (pending.Version is not null && time.GetUtcNow() - pending.At > Patience)
        {
            _pending.TryUpdate(key, (null, pending.At), pending);
        }

        return false;
    }

    /// <summary>The Deployment is gone: nothing to wait for.</summary>
    public void Forget(string key) => _pending.TryRemove(key, out _);
}
