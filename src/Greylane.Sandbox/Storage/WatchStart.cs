using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Storage;

/// <summary>
/// An atomically started watch: the objects that existed at <paramref name="Version"/> (when the watch asked for
/// initial state) and the subscription that delivers every later change.
/// </summary>
public sealed record WatchStart(IDisposable Subscription, IReadOnlyList<JsonObject> Initial, long Version);
