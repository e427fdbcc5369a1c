namespace Greylane.Core.Strategy;

/// <summary>
/// Where traffic for the canary is steered: the Service, its Istio objects or its Gateway API routes
/// (<paramref name="GatewayApi"/>, null when the strategy does not name them), and an optional lane.
/// </summary>
public sealed record TrafficSpec(
    string? Service,
    IstioSpec Istio,
    TimeSpan GracePeriod,
    LaneSpec? Lane,
    GatewayApiSpec? GatewayApi = null)
{
    /// <summary>No explicit traffic settings: Service and Istio objects are found by host.</summary>
    public static TrafficSpec None { get; } = new(null, IstioSpec.Discover, TimeSpan.FromSeconds(3), null);
}

/// <summary>The VirtualServices and DestinationRule to steer; empty means "found by host".</summary>
public sealed record IstioSpec(
    IReadOnlyList<string> VirtualServices,
    string? DestinationRule,
    string CanarySubset = "canary")
{
    /// <summary>Find the routing objects by the Service's host.</summary>
    public static IstioSpec Discover { get; } = new([], null);

    /// <summary>True when the strategy names any Istio object (then the Deployment routes through Istio).</summary>
    public bool IsNamed => VirtualServices.Count > 0 || DestinationRule is not null;
}

/// <summary>An end-to-end traffic lane: requests carrying the header value stay on canary pods hop by hop.</summary>
public sealed record LaneSpec(string Header, string Value, DyeSpec? Dye);

/// <summary>Gateway dyeing: set the lane header from another header (the seed's <c>agent: pc</c>).</summary>
public sealed record DyeSpec(string FromHeader, string FromValue, string OtherwiseValue);
