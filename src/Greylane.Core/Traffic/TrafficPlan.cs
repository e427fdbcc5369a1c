using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>
/// The objects of one routing change, to write in order: <see cref="Prepare"/> first (canary subset or canary Service and
/// pinned stable Service, so the canary destination exists before any route sends to it), then <see cref="Routes"/>.
/// </summary>
public sealed record TrafficPlan(
    RoutingMode Mode,
    IReadOnlyList<JsonObject> Prepare,
    IReadOnlyList<JsonObject> Routes,
    IReadOnlyList<string> Errors,
    IReadOnlyList<string> Notes)
{
    /// <summary>True when there is something to write and nothing was refused.</summary>
    public bool IsValid => Errors.Count == 0;
}
