using System.Text.Json.Nodes;
using Greylane.Core.Traffic.Gateway;
using k8s;
using k8s.Autorest;

namespace Greylane.Webhook.Traffic.Gateway;

/// <summary>
/// The Kubernetes reads of Gateway API routes (<c>gateway.networking.k8s.io/v1</c>). Writes go through
/// <see cref="RoutingApi"/>: narrow patches under field manager <c>greylane</c>, never <c>status</c>.
/// </summary>
internal sealed class GatewayRoutingApi(IKubernetes client)
{
    /// <summary>Every route of <paramref name="kind"/> in <paramref name="namespace"/>, or null when the API does not serve the kind.</summary>
    public async Task<IReadOnlyList<JsonObject>?> ListAsync(GatewayKind kind, string @namespace, CancellationToken ct)
    {
        try
        {
            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(
                GatewayKind.Group, GatewayKind.Version, @namespace, kind.Plural, cancellationToken: ct).ConfigureAwait(false);
            return [.. (RoutingApi.ToJson(list)["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => Typed(o, kind))];
        }
        catch (HttpOperationException e) when (RoutingApi.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Every route of <paramref name="kind"/> in every namespace (the leftover sweep), or null when the kind is not served.</summary>
    public async Task<IReadOnlyList<JsonObject>?> ListEverywhereAsync(GatewayKind kind, CancellationToken ct)
    {
        try
        {
            var list = await client.CustomObjects.ListClusterCustomObjectAsync(GatewayKind.Group, GatewayKind.Version, kind.Plural, cancellationToken: ct).ConfigureAwait(false);
            return [.. (RoutingApi.ToJson(list)["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => Typed(o, kind))];
        }
        catch (HttpOperationException e) when (RoutingApi.IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>The message for a route kind the API server does not serve.</summary>
    public static string NotServed(GatewayKind kind) =>
        $"the API server does not serve {kind.Plural}.{GatewayKind.Group}/{GatewayKind.Version}: the Gateway API CRDs (standard channel, v1.1 or newer for GRPCRoute) are missing; install them, or route through Istio";

    // Items of a list carry no apiVersion and kind on the real API server; the transforms and messages need the kind.
    private static JsonObject Typed(JsonObject obj, GatewayKind kind)
    {
        obj["apiVersion"] = GatewayKind.ApiVersion;
        obj["kind"] = kind.Kind;
        return obj;
    }
}
