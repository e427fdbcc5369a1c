using System.Text.Json.Nodes;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>The release as the observer last saw it: one consistent state of the store (all at one resourceVersion).</summary>
internal sealed record Snapshot(
    StatusWrite Status,
    TimeSpan StatusSince,
    RoutingView Routing,
    IReadOnlyList<string> Canaries,
    JsonObject? Deployment,
    JsonObject? VirtualService,
    JsonObject? DestinationRule,
    string? LeaseHolder)
{
    public string? Release => Deployment?["metadata"]?["annotations"]?["greylane.dev/release"]?.GetValue<string>();

    public bool Paused => Deployment?["spec"]?["paused"]?.GetValue<bool>() == true;

    public int AvailableReplicas => JsonInt.Of(Deployment?["status"]?["availableReplicas"]) ?? 0;

    public override string ToString() =>
        $"status {Status}, routing {Routing}, canaries [{string.Join(", ", Canaries)}], release {Release ?? "-"}, paused {Paused}, lease {LeaseHolder ?? "-"}";
}
