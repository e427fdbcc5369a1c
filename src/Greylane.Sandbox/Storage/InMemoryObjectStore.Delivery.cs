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
                foreach (var handler in next.Targets)
                {
                    try
                    {
                        handler(Copy(next.Change));
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

    private static StoreChange Copy(StoreChange change) =>
        new(change.Event with { Object = Copy(change.Event.Object) }, change.Previous is null ? null : Copy(change.Previous));

    [LoggerMessage(Level = LogLevel.Error, Message = "A store subscriber failed on {Type} {Resource} at resourceVersion {Version}")]
    private static partial void LogSubscriberFailed(ILogger logger, Exception ex, string type, string resource, long version);
}
