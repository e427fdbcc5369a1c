using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Storage;

/// <summary>A committed change with the object as it was before (null for ADDED), so a filtered watch can tell an object leaving its selector.</summary>
public sealed record StoreChange(StoreEvent Event, JsonObject? Previous);
