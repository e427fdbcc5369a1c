using System.Text.Json.Nodes;
using Greylane.Core.Traffic.Gateway;
using Greylane.Webhook.Controller.Leadership;
using k8s;
using k8s.Autorest;

namespace Greylane.Webhook.Traffic.Gateway;

/// <summary>
/// The Kubernetes calls on Gateway API routes (<c>gateway.networking.k8s.io/v1</c>), always in one namespace. Writes are
/// replaces carrying the resourceVersion that was read, so a concurrent change answers 409; <c>status</c> is never sent.
/// </summary>
internal sealed class GatewayRoutingApi(IKubernetes client, LeaderFence fence)
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

    /// <summary>Replaces a route (its metadata.resourceVersion is the precondition), without its status.</summary>
    public async Task ReplaceAsync(JsonObject route, string @namespace, CancellationToken ct)
    {
        var kind = GatewayKind.Of(RoutingApi.Kind(route)) ?? throw new InvalidOperationException($"not a Gateway API route: {RoutingApi.Kind(route)}");
        var name = RoutingApi.Name(route);
        fence.EnsureOpen($"update {kind.Kind} {@namespace}/{name}");
        var body = route.DeepClone().AsObject();
        body.Remove("status");
        await client.CustomObjects.ReplaceNamespacedCustomObjectAsync(
            body, GatewayKind.Group, GatewayKind.Version, @namespace, kind.Plural, name, cancellationToken: ct).ConfigureAwait(false);
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
