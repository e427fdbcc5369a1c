namespace Greylane.Core.Traffic.Gateway;

/// <summary>The routes of one Gateway API release as discovery chose them, with every problem met; <see cref="Target"/> is null when not even the Service could be named.</summary>
public sealed record GatewayDiscovered(TrafficTarget? Target, GatewayObjects Objects, IReadOnlyList<RoutingProblem> Problems)
{
    /// <summary>The problems' messages, as the controller reports them.</summary>
    public IReadOnlyList<string> Errors => [.. Problems.Select(p => p.Message)];
}
