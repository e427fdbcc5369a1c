using System.Text.Json.Nodes;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic.Gateway;

namespace Greylane.Core.Traffic;

/// <summary>Chooses Istio or Gateway API routing for a release: the one rule the controller and <c>plan</c> follow.</summary>
public static class RoutingFamilies
{
    /// <summary>
    /// <c>traffic.gatewayAPI</c> chooses Gateway API and named Istio objects choose Istio; otherwise whichever kind of
    /// object sends to the Service (Istio when neither does, its errors name what to create). When both kinds do, the
    /// choice is the user's: a problem that says so. A list passed as null (kind not served) counts as empty.
    /// </summary>
    public static (RoutingFamily Family, RoutingProblem? Problem) Choose(
        RolloutStrategy strategy, TrafficTarget target, IEnumerable<JsonObject>? virtualServices, IEnumerable<JsonObject>? gatewayRoutes)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        ArgumentNullException.ThrowIfNull(target);
        if (strategy.Traffic.GatewayApi is not null)
        {
            return (RoutingFamily.GatewayApi, null);
        }

        if (strategy.Traffic.Istio.IsNamed)
        {
            return (RoutingFamily.Istio, null);
        }

        var istio = (virtualServices ?? []).Where(vs => InNamespace(vs, target) && RoutingObjects.RoutesTo(vs, target)).Select(Name).ToList();
        var gateway = (gatewayRoutes ?? []).Where(r => InNamespace(r, target) && GatewayRoutes.RoutesTo(r, target)).Select(r => $"{Json.String(r, "kind")} {Name(r)}").ToList();
        if (istio.Count > 0 && gateway.Count > 0)
        {
            return (RoutingFamily.Istio, new RoutingProblem(
                RoutingProblemKind.Ambiguous,
                $"Deployment {target.Namespace}/{target.Deployment}: both Istio VirtualServices ({string.Join(", ", istio)}) and Gateway API routes ({string.Join(", ", gateway)}) send to Service {target.Service}, and a Deployment routes through one of them; name the objects to steer in traffic.istio or traffic.gatewayAPI"));
        }

        return (gateway.Count > 0 ? RoutingFamily.GatewayApi : RoutingFamily.Istio, null);
    }

    private static bool InNamespace(JsonObject obj, TrafficTarget target) => (Json.Namespace(obj) ?? target.Namespace) == target.Namespace;

    private static string Name(JsonObject obj) => Json.String(obj["metadata"], "name") ?? "";
}
