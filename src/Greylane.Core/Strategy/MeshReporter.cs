namespace Greylane.Core.Strategy;

/// <summary>
/// Which proxy's report of a request the built-in metrics read (Istio's <c>reporter</c> label): the destination's
/// sidecar, or in ambient mode the destination's waypoint (ztunnel alone reports no HTTP metrics).
/// </summary>
public enum MeshReporter
{
    /// <summary><c>reporter="destination"</c>: the sidecar in front of the pod (the default).</summary>
    Destination,

    /// <summary><c>reporter="waypoint"</c>: the waypoint proxy of an ambient namespace or service.</summary>
    Waypoint,
}
