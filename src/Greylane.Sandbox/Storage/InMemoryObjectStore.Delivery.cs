using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Storage;

/// <summary>In-order, synchronous delivery of committed changes to subscribers.</summary>
public sealed partial class InMemoryObjectStore
{
    // Called with _gate held. A subscriber that writes from its handler only queues its change: the outer
    // delivery loop sends it after the current one, so every subscriber sees changes in resourceVersion order.
    private void Commit(StoreEvent change, JsonObject? previous)
    {
        var full = new StoreChange(change, previous);
        _history.Add(full);
        _pending.Enqueue((full, [.. _subscribers]));
        if (_delivering)
        {
            return;
        }

        _delivering = true;
        try
        {
            while (_pending.TryDequeue(out var next))
            {
                foreach (var subscriber in next.Targets)
                {
                    if (!subscriber.Wants(next.Change))
                    {
                        continue;
                    }

                    try
                    {
                        subscriber.Handler(subscriber.Copies ? Copy(next.Change) : next.Change);
                    }
#pragma warning disable CA1031 // One failing subscriber must not fail the write nor starve the others.
                    catch (Exception ex)
#pragma warning restore CA1031
                    {
                        LogSubscriberFailed(logger, ex, next.Change.Event.Type, next.Change.Event.Resource.Plural, next.Change.Event.ResourceVersion);
                    }
                }
            }
        }
        finally
        {
            _delivering = false;
        }
    }

    // Previous is the stored object as it was, shared: only watch filters read it, and nothing changes a committed object.
    private static StoreChange Copy(StoreChange change) => change with { Event = change.Event with { Object = Copy(change.Event.Object) } };

    /// <summary>
    /// Who is sent committed changes: only those of one storage key when <paramref name="Only"/> is set, and each its own
    /// copy of the object when <paramref name="Copies"/>. A watch copies what it keeps itself, after its filter: copying
    /// every change for every watch (twice, with the previous object) was a fifth of the sandbox's CPU during releases.
    /// </summary>
    private sealed record Subscriber(Action<StoreChange> Handler, string? Only, bool Copies)
    {
        public bool Wants(StoreChange change) => Only is null || Only == change.Event.Resource.StorageKey();
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "A store subscriber failed on {Type} {Resource} at resourceVersion {Version}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception ex, string type, string resource, long version);
}
