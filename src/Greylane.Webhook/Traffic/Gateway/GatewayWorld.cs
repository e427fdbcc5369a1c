using System.Text.Json.Nodes;
using Greylane.Core.Traffic;
using Greylane.Core.Traffic.Gateway;

namespace Greylane.Webhook.Traffic.Gateway;

/// <summary>
/// The live Gateway API routing objects of one release as read, with the problems met while finding them.
/// <see cref="Target"/> is null when not even the Service could be named; <see cref="CanaryService"/> is the canary
/// Service when it exists and belongs to the release's Deployment; <see cref="ForeignCanaryService"/> is the refusal to
/// give when a Service of that name exists that is not Greylane's.
/// </summary>
internal sealed record GatewayWorld(
    TrafficTarget? Target,
    GatewayObjects Objects,
    JsonObject? CanaryService,
    IReadOnlyList<string> Errors,
    string? ForeignCanaryService = null)
{
    public static GatewayWorld Failed(IReadOnlyList<string> errors) => new(null, new GatewayObjects([], null), null, errors);

    /// <summary>The live object with the kind and name of <paramref name="desired"/>, or null.</summary>
    public JsonObject? Find(JsonObject desired)
    {
        var name = RoutingApi.Name(desired);
        var kind = RoutingApi.Kind(desired);
        return kind switch
        {
            "Service" when Objects.Service is { } s && RoutingApi.Name(s) == name => s,
            "Service" when CanaryService is { } c && RoutingApi.Name(c) == name => c,
            "Service" => null,
            _ => Objects.Routes.FirstOrDefault(r => RoutingApi.Kind(r) == kind && RoutingApi.Name(r) == name),
        };
    }
}
