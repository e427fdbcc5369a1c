namespace Greylane.Core.Traffic;

/// <summary>How the canary is told apart from stable in the routes.</summary>
public enum RoutingMode
{
    /// <summary>Stable routes use DestinationRule subsets; the canary gets its own subset of the same host.</summary>
    Subset,

    /// <summary>Stable routes send to the Service host; the canary gets a <c>&lt;service&gt;-canary</c> Service and the stable Service is pinned to stable pods.</summary>
    Host,
}
