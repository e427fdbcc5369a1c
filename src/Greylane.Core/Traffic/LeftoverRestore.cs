using System.Text.Json.Nodes;
using Greylane.Core.Traffic.Gateway;

namespace Greylane.Core.Traffic;

/// <summary>
/// Restores a routing object that still carries Greylane's origin annotation although no release of its owner is in
/// progress, when that owner is gone (deleted, or no longer opted in, while no controller ran): the same three-way
/// restore as at the end of a release, with the owner the annotation names.
/// </summary>
public static class LeftoverRestore
{
    /// <summary>
    /// The object restored, or null when it cannot be done safely: the annotation names no owner (saved by an older
    /// Greylane), so what Greylane added cannot be told from others' edits.
    /// </summary>
    public static RestoreResult? Restore(JsonObject live)
    {
        var kind = Json.String(live, "kind");
        if (kind == "Service")
        {
            return ServiceRestore.Restore(live);
        }

        if (OriginAnnotation.Owner(live) is not { } owner)
        {
            return null;
        }

        var target = new TrafficTarget(
            Json.Namespace(live) ?? "",
            owner.Deployment,
            owner.Service,
            owner.SubsetLabels,
            new Dictionary<string, string>(StringComparer.Ordinal),
            owner.CanarySubset,
            CanaryServiceName: owner.CanaryService);
        return kind switch
        {
            "VirtualService" => VirtualServiceRestore.Restore(live, target, Mode(live, target)),
            "DestinationRule" => DestinationRuleRestore.Restore(live, target),
            GatewayKind.HttpRouteKind or GatewayKind.GrpcRouteKind => GatewayRouteRestore.Restore(live, target),
            _ => null,
        };
    }

    // As a restore at the end of a release: the original routes decide the mode, or the live ones if the origin is damaged.
    private static RoutingMode Mode(JsonObject live, TrafficTarget target)
    {
        try
        {
            return RoutingObjects.Mode([live], target);
        }
        catch (TrafficException)
        {
            return RoutingObjects.Mode([OriginAnnotation.Remove(live)], target);
        }
    }
}
