using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Storage;

/// <summary>
/// A committed change with the object as it was before (null for ADDED), so a filtered watch can tell an object leaving
/// its selector. <see cref="Previous"/> is the store's own object, never a copy: read it, never change it.
/// </summary>
public sealed record StoreChange(StoreEvent Event, JsonObject? Previous);
