namespace Greylane.Core.Traffic;

/// <summary>Which routing API a Deployment's release steers: one per Deployment, never both.</summary>
public enum RoutingFamily
{
    /// <summary>Istio VirtualServices and DestinationRules (<c>traffic.istio</c>, and the default).</summary>
    Istio,

    /// <summary>Gateway API HTTPRoutes and GRPCRoutes (<c>traffic.gatewayAPI</c>, or found by backendRef).</summary>
    GatewayApi,
}
