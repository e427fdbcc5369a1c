namespace Greylane.Core.Strategy;

/// <summary>
/// <c>traffic.gatewayAPI</c>: the Deployment routes through Gateway API routes. Empty route lists mean "the routes of the
/// namespace whose rules have a backendRef to the Service"; <see cref="CanaryService"/> null means <c>&lt;service&gt;-canary</c>.
/// </summary>
public sealed record GatewayApiSpec(IReadOnlyList<string> HttpRoutes, IReadOnlyList<string> GrpcRoutes, string? CanaryService)
{
    /// <summary>True when the strategy names routes (then only those are steered).</summary>
    public bool NamesRoutes => HttpRoutes.Count > 0 || GrpcRoutes.Count > 0;
}
