namespace Greylane.Core.Traffic;

/// <summary>Why routing discovery could not settle on its objects.</summary>
public enum RoutingProblemKind
{
    /// <summary>A name in the strategy leaves the Deployment's namespace (<c>ns/name</c> or a dotted name).</summary>
    Reference,

    /// <summary>Nothing was found: no Service selects the pods, or an object the strategy names does not exist.</summary>
    Missing,

    /// <summary>Several objects qualify (Services selecting the pods, DestinationRules for the host): one must be named.</summary>
    Ambiguous,
}
