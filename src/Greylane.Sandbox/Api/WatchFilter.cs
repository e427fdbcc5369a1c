using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>
/// Turns store changes into the events a filtered watch sends: an object entering the selector is ADDED to it,
/// one leaving is DELETED from it, as the watch cache does.
/// </summary>
internal sealed class WatchFilter(string? ns, string? name, QueryOptions query)
{
    public bool Matches(JsonObject obj) =>
        (ns is null || obj.Namespace() == ns)
        && (name is null || obj.Name() == name)
        && query.Labels.Matches(obj)
        && query.Fields.Matches(obj);

    /// <summary>
    /// The event type to send for <paramref name="change"/> (one of this watch's type: the store sends a watch no other),
    /// or null when the watcher must not see it.
    /// </summary>
    public string? EventFor(StoreChange change)
    {
        var e = change.Event;
        var now = Matches(e.Object);
        var before = change.Previous is { } previous && Matches(previous);
        return e.Type switch
        {
            "ADDED" => now ? "ADDED" : null,
            "DELETED" => now || before ? "DELETED" : null,
            _ => (before, now) switch
            {
                (true, true) => "MODIFIED",
                (false, true) => "ADDED",
                (true, false) => "DELETED",
                _ => null,
            },
        };
    }
}
