using System.Net;
using System.Text.Json.Nodes;
using Greylane.Core.Ownership;
using Greylane.Core.Traffic.Gateway;
using Greylane.Webhook.Controller.Leadership;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// The Kubernetes calls of the router, on objects as <see cref="JsonObject"/> (what the Core transforms take), always in
/// one namespace. Writes carry the resourceVersion that was read, so a concurrent change answers 409, and are narrow
/// patches under field manager <c>greylane</c> (see <see cref="FieldOwners"/>).
/// </summary>
internal sealed class RoutingApi(IKubernetes client, LeaderFence fence)
{
    /// <summary>Every object of an Istio kind in <paramref name="namespace"/>, or null when the API does not serve the kind.</summary>
    public async Task<IReadOnlyList<JsonObject>?> ListAsync(IstioKind kind, string @namespace, CancellationToken ct)
    {
        try
        {
            var list = await client.CustomObjects.ListNamespacedCustomObjectAsync(
                IstioKind.Group, kind.Version, @namespace, kind.Plural, cancellationToken: ct).ConfigureAwait(false);
            return [.. (ToJson(list)["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => Typed(o, kind.ApiVersion, kind.Kind))];
        }
        catch (HttpOperationException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// One Istio object (null when absent), and whether the API serves its kind at all: a 404 for a missing object names
    /// it in the Status details, a 404 for a kind that is not served does not. A get needs no list permission.
    /// </summary>
    public async Task<(JsonObject? Object, bool Served)> GetAsync(IstioKind kind, string @namespace, string name, CancellationToken ct)
    {
        try
        {
            var obj = await client.CustomObjects.GetNamespacedCustomObjectAsync(
                IstioKind.Group, kind.Version, @namespace, kind.Plural, name, ct).ConfigureAwait(false);
            return (Typed(ToJson(obj), kind.ApiVersion, kind.Kind), true);
        }
        catch (HttpOperationException e) when (IsNotFound(e))
        {
            return (null, NamesObject(e, name));
        }
    }

    /// <summary>Every object of an Istio kind in every namespace, or null when the API does not serve the kind.</summary>
    public async Task<IReadOnlyList<JsonObject>?> ListEverywhereAsync(IstioKind kind, CancellationToken ct)
    {
        try
        {
            var list = await client.CustomObjects.ListClusterCustomObjectAsync(IstioKind.Group, kind.Version, kind.Plural, cancellationToken: ct).ConfigureAwait(false);
            return [.. (ToJson(list)["items"] as JsonArray ?? []).OfType<JsonObject>().Select(o => Typed(o, kind.ApiVersion, kind.Kind))];
        }
        catch (HttpOperationException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>Every Service in every namespace.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListServicesEverywhereAsync(CancellationToken ct)
    {
        var list = await client.CoreV1.ListServiceForAllNamespacesAsync(cancellationToken: ct).ConfigureAwait(false);
        return [.. list.Items.Select(s => Typed(ToJson(s), "v1", "Service"))];
    }

    public async Task<IReadOnlyList<JsonObject>> ListServicesAsync(string @namespace, CancellationToken ct)
    {
        var list = await client.CoreV1.ListNamespacedServiceAsync(@namespace, cancellationToken: ct).ConfigureAwait(false);
        return [.. list.Items.Select(s => Typed(ToJson(s), "v1", "Service"))];
    }

    public async Task<JsonObject?> GetServiceAsync(string @namespace, string name, CancellationToken ct)
    {
        try
        {
            var service = await client.CoreV1.ReadNamespacedServiceAsync(name, @namespace, cancellationToken: ct).ConfigureAwait(false);
            return Typed(ToJson(service), "v1", "Service");
        }
        catch (HttpOperationException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    public async Task<V1ConfigMap?> GetConfigMapAsync(string @namespace, string name, CancellationToken ct)
    {
        try
        {
            return await client.CoreV1.ReadNamespacedConfigMapAsync(name, @namespace, cancellationToken: ct).ConfigureAwait(false);
        }
        catch (HttpOperationException e) when (IsNotFound(e))
        {
            return null;
        }
    }

    /// <summary>
    /// The ReplicaSets as stored (raw JSON, not a typed round trip, which could reformat quantities or drop fields and so
    /// change a template's hash).
    /// </summary>
    public async Task<IReadOnlyList<JsonObject>> ListReplicaSetsAsync(string @namespace, CancellationToken ct)
    {
        var list = await client.CustomObjects.ListNamespacedCustomObjectAsync("apps", "v1", @namespace, "replicasets", cancellationToken: ct).ConfigureAwait(false);
        return [.. (ToJson(list)["items"] as JsonArray ?? []).OfType<JsonObject>()];
    }

    /// <summary>
    /// Changes <paramref name="live"/> into <paramref name="wanted"/> with the narrowest merge patch under field manager
    /// <c>greylane</c>, carrying the live resourceVersion (a stale one answers 409), then hands the fields back at once
    /// (<see cref="ReleaseAsync"/>): no field of a user's routing object stays Greylane's, so the user's server-side
    /// apply (Helm 4, kubectl, a GitOps sync) never conflicts with Greylane, mid-release or after; what it reverts
    /// mid-release is drift that the next check re-asserts. Returns the object as stored afterwards.
    /// </summary>
    public async Task<JsonObject> PatchAsync(JsonObject live, JsonObject wanted, string @namespace, CancellationToken ct)
    {
        var patch = MergePatch.Between(live, wanted);
        var stored = patch is null ? live : await SendAsync(live, patch, "patch", @namespace, ct).ConfigureAwait(false);
        return await ReleaseAsync(stored, @namespace, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Drops Greylane's entries from the managedFields of a restored object (a patch that changes nothing else), so the
    /// fields it put back belong to nobody and the user's next apply takes them without a conflict.
    /// </summary>
    public async Task<JsonObject> ReleaseAsync(JsonObject obj, string @namespace, CancellationToken ct)
    {
        var patch = FieldOwners.ReleasePatch(obj);
        return patch is null ? obj : await SendAsync(obj, patch, "release the fields of", @namespace, ct).ConfigureAwait(false);
    }

    private async Task<JsonObject> SendAsync(JsonObject obj, JsonObject patch, string verb, string @namespace, CancellationToken ct)
    {
        var name = Name(obj);
        fence.EnsureOpen($"{verb} {Kind(obj)} {@namespace}/{name}");
        var body = new V1Patch(patch.ToJsonString(), V1Patch.PatchType.MergePatch);
        if (IstioKind.Of(Kind(obj)) is { } kind)
        {
            var patched = await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                body, IstioKind.Group, kind.Version, @namespace, kind.Plural, name, fieldManager: FieldOwners.Greylane, cancellationToken: ct).ConfigureAwait(false);
            return Typed(ToJson(patched), kind.ApiVersion, kind.Kind);
        }

        if (GatewayKind.Of(Kind(obj)) is { } route)
        {
            var patched = await client.CustomObjects.PatchNamespacedCustomObjectAsync(
                body, GatewayKind.Group, GatewayKind.Version, @namespace, route.Plural, name, fieldManager: FieldOwners.Greylane, cancellationToken: ct).ConfigureAwait(false);
            return Typed(ToJson(patched), GatewayKind.ApiVersion, route.Kind);
        }

        if (Kind(obj) != "Service")
        {
            throw new InvalidOperationException($"the router writes Istio objects, Gateway API routes and Services only, not {Kind(obj)}");
        }

        var service = await client.CoreV1.PatchNamespacedServiceAsync(body, name, @namespace, fieldManager: FieldOwners.Greylane, cancellationToken: ct).ConfigureAwait(false);
        return Typed(ToJson(service), "v1", "Service");
    }

    /// <summary>Creates <paramref name="obj"/> (409 when it exists meanwhile).</summary>
    public async Task CreateAsync(JsonObject obj, string @namespace, CancellationToken ct)
    {
        fence.EnsureOpen($"create {Kind(obj)} {@namespace}/{Name(obj)}");
        if (IstioKind.Of(Kind(obj)) is { } kind)
        {
            await client.CustomObjects.CreateNamespacedCustomObjectAsync(
                obj, IstioKind.Group, kind.Version, @namespace, kind.Plural, fieldManager: FieldOwners.Greylane, cancellationToken: ct).ConfigureAwait(false);
        }
        else
        {
            await client.CoreV1.CreateNamespacedServiceAsync(ToService(obj, "Service"), @namespace, fieldManager: FieldOwners.Greylane, cancellationToken: ct).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes a Service if it still has <paramref name="uid"/>; false when it was gone already.</summary>
    public async Task<bool> DeleteServiceAsync(string @namespace, string name, string? uid, CancellationToken ct)
    {
        fence.EnsureOpen($"delete Service {@namespace}/{name}");
        try
        {
            var options = new V1DeleteOptions { Preconditions = uid is null ? null : new V1Preconditions { Uid = uid } };
            await client.CoreV1.DeleteNamespacedServiceAsync(name, @namespace, options, cancellationToken: ct).ConfigureAwait(false);
            return true;
        }
        catch (HttpOperationException e) when (IsNotFound(e))
        {
            return false;
        }
    }

    public static bool IsConflict(HttpOperationException e) => e.Response?.StatusCode == HttpStatusCode.Conflict;

    public static bool IsNotFound(HttpOperationException e) => e.Response?.StatusCode == HttpStatusCode.NotFound;

    private static bool NamesObject(HttpOperationException e, string name)
    {
        try
        {
            return JsonNode.Parse(e.Response?.Content ?? "")?["details"]?["name"]?.GetValue<string>() == name;
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }

    public static string Name(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";

    public static string? Kind(JsonObject obj) => obj["kind"] is JsonValue v && v.TryGetValue<string>(out var kind) ? kind : null;

    /// <summary>The object as JSON, whatever the client deserialized it to (a JsonElement for custom objects, a model otherwise).</summary>
    public static JsonObject ToJson(object value) =>
        JsonNode.Parse(KubernetesJson.Serialize(value)) as JsonObject ?? throw new InvalidOperationException("the API answered something that is not a JSON object");

    // Items of a list carry no apiVersion and kind on the real API server; the transforms and messages need the kind.
    private static JsonObject Typed(JsonObject obj, string apiVersion, string kind)
    {
        obj["apiVersion"] = apiVersion;
        obj["kind"] = kind;
        return obj;
    }

    private static V1Service ToService(JsonObject obj, string kind) =>
        Kind(obj) == kind
            ? KubernetesJson.Deserialize<V1Service>(obj.ToJsonString())
            : throw new InvalidOperationException($"the router writes Istio objects and Services only, not {Kind(obj)}");
}
