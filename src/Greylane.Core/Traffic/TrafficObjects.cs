using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>The live routing objects of one release, as the controller read them.</summary>
/// <param name="VirtualServices">Every VirtualService that routes to the Service (named in the strategy or found by host).</param>
/// <param name="DestinationRule">The Service's DestinationRule (needed in subset mode).</param>
/// <param name="Service">The stable Service (needed in host mode).</param>
public sealed record TrafficObjects(IReadOnlyList<JsonObject> VirtualServices, JsonObject? DestinationRule, JsonObject? Service);
