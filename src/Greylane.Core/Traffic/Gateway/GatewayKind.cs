namespace Greylane.Core.Traffic.Gateway;

/// <summary>A Gateway API route kind Greylane steers (<c>gateway.networking.k8s.io/v1</c>).</summary>
public sealed record GatewayKind(string Kind, string Plural, string StrategyField)
{
    /// <summary>The API group of the Gateway API.</summary>
    public const string Group = "gateway.networking.k8s.io";

    /// <summary>The served version: HTTPRoute is v1 since Gateway API 1.0, GRPCRoute since 1.1.</summary>
    public const string Version = "v1";

    /// <summary>The <c>kind</c> of an HTTPRoute.</summary>
    public const string HttpRouteKind = "HTTPRoute";

    /// <summary>The <c>kind</c> of a GRPCRoute.</summary>
    public const string GrpcRouteKind = "GRPCRoute";

    /// <summary>HTTPRoute: path, header and query matches.</summary>
    public static GatewayKind HttpRoute { get; } = new(HttpRouteKind, "httproutes", "traffic.gatewayAPI.httpRoutes");

    /// <summary>GRPCRoute: header (and method) matches only.</summary>
    public static GatewayKind GrpcRoute { get; } = new(GrpcRouteKind, "grpcroutes", "traffic.gatewayAPI.grpcRoutes");

    /// <summary>Both route kinds.</summary>
    public static IReadOnlyList<GatewayKind> All { get; } = [HttpRoute, GrpcRoute];

    /// <summary><c>gateway.networking.k8s.io/v1</c>.</summary>
    public static string ApiVersion => $"{Group}/{Version}";

    /// <summary>The route kind of <paramref name="kind"/>, or null.</summary>
    public static GatewayKind? Of(string? kind) => All.FirstOrDefault(k => k.Kind == kind);
}
