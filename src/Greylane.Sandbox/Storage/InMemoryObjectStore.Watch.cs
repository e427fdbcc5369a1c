using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Storage;

/// <summary>Atomic watch start: replay of the kept history (or the current state) plus the live subscription.</summary>
public sealed partial class InMemoryObjectStore
{
    /// <summary>
    /// Starts a watch atomically: with <paramref name="afterVersion"/> null, returns the current objects of
    /// <paramref name="type"/> and delivers every later change; otherwise first replays the kept changes newer than
    /// it (through <paramref name="handler"/>), or throws 410 Expired when some of them were compacted away. The handler
    /// is sent the committed changes of <paramref name="type"/> themselves, under the store's lock: it must only read
    /// them, and copy what it keeps.
    /// </summary>
    public WatchStart Watch(ResourceType type, string? ns, long? afterVersion, Action<StoreChange> handler)
    {
        lock (_gate)
        {
            var subscriber = new Subscriber(handler, type.StorageKey(), Copies: false);
            IReadOnlyList<JsonObject> initial = [];
            if (afterVersion is { } after)
            {
                var replay = _history.Since(after)
                    ?? throw new StoreException(410, "Expired", $"too old resource version: {after} ({_history.CompactedThrough + 1})");
                foreach (var change in replay)
                {
                    if (subscriber.Wants(change))
                    {
                        handler(change);
                    }
                }
            }
            else
            {
                initial = ListLocked(type, ns);
            }

            _subscribers.Add(subscriber);
            return new WatchStart(new Unsubscriber(this, subscriber), initial, _version);
        }
    }
}
