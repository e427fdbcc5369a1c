namespace Greylane.Core.Traffic;

/// <summary>
/// The routing objects of one release as discovery chose them, with every problem met. <see cref="Target"/> is null when
/// not even the Service could be named (then <see cref="Objects"/> is empty).
/// </summary>
public sealed record DiscoveredRouting(TrafficTarget? Target, TrafficObjects Objects, IReadOnlyList<RoutingProblem> Problems)
{
    /// <summary>The problems' messages, as the controller reports them.</summary>
    public IReadOnlyList<string> Errors => [.. Problems.Select(p => p.Message)];
}
