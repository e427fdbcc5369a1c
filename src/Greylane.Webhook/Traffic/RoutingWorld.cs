using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// The live routing objects of one release as read, with the problems met while finding them. <see cref="Target"/> is
/// null when not even the Service could be named; <see cref="CanaryService"/> is the host-mode canary Service when it
/// exists and belongs to the release's Deployment; <see cref="ForeignCanaryService"/> is the refusal to give when a
/// Service of that name exists that is not Greylane's (it matters in host mode only).
/// </summary>
internal sealed record RoutingWorld(
    TrafficTarget? Target,
    TrafficObjects Objects,
    JsonObject? CanaryService,
    IReadOnlyList<string> Errors,
    string? ForeignCanaryService = null)
{
    public static RoutingWorld Failed(IReadOnlyList<string> errors) => new(null, new TrafficObjects([], null, null), null, errors);

    /// <summary>The live object with the kind and name of <paramref name="desired"/>, or null.</summary>
    public JsonObject? Find(JsonObject desired)
    {
        var name = RoutingApi.Name(desired);
        return RoutingApi.Kind(desired) switch
        {
            "VirtualService" => Objects.VirtualServices.FirstOrDefault(vs => RoutingApi.Name(vs) == name),
            "DestinationRule" => Objects.DestinationRule is { } dr && RoutingApi.Name(dr) == name ? dr : null,
            "Service" when Objects.Service is { } s && RoutingApi.Name(s) == name => s,
            "Service" when CanaryService is { } c && RoutingApi.Name(c) == name => c,
            _ => null,
        };
    }
}
