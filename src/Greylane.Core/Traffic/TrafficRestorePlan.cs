using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>
/// The objects of a restore, to write in order: <see cref="Routes"/> first (no route sends to the canary any more), then
/// <see cref="Cleanup"/> (DestinationRule without the canary subset, unpinned Service), then delete <see cref="DeleteService"/> if set.
/// </summary>
public sealed record TrafficRestorePlan(
    IReadOnlyList<JsonObject> Routes,
    IReadOnlyList<JsonObject> Cleanup,
    string? DeleteService,
    bool Untouched,
    IReadOnlyList<string> Notes);
