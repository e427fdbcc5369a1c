using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Greylane.Core.Ownership;
using Greylane.Webhook.Controller.Leadership;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The controller's reads and writes of Deployments, canary ReplicaSets, ConfigMaps and Events. Deployments are read
/// as raw JSON so that the template hash is computed over exactly what the API server stores (a typed round trip
/// could reformat quantities or drop fields and change the hash). Every write names field manager <c>greylane</c> and
/// Deployment writes are narrow merge patches, so Greylane owns only the fields it sets (spec.paused, its annotations).
/// </summary>
internal sealed class ClusterClient(IKubernetes kube, LeaderFence fence, OwnWrites? writes = null)
{
    /// <summary>The Deployment as stored, or null when it does not exist.</summary>
    public async Task<JsonObject?> GetDeploymentAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            var raw = await kube.CustomObjects.GetNamespacedCustomObjectAsync("apps", "v1", @namespace, "deployments", name, cancellationToken);
            return raw is JsonElement element ? JsonNode.Parse(element.GetRawText()) as JsonObject : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// A JSON merge patch of the Deployment; returns the resourceVersion it now has, or null on 409 (the resourceVersion in
    /// the patch was stale).
    /// </summary>
    public async Task<string?> PatchDeploymentAsync(string @namespace, string name, JsonObject mergePatch, CancellationToken cancellationToken)
    {
        fence.EnsureOpen($"patch Deployment {@namespace}/{name}");
        try
        {
            // The answer is read raw: only its resourceVersion is wanted, not a typed Deployment.
            var patched = await kube.CustomObjects.PatchNamespacedCustomObjectAsync(
                new V1Patch(mergePatch.ToJsonString(), V1Patch.PatchType.MergePatch), "apps", "v1", @namespace, "deployments", name, fieldManager: FieldOwners.Greylane, cancellationToken: cancellationToken);
            var version = ResourceVersionOf(patched);
            writes?.Wrote($"{@namespace}/{name}", version);
            return version;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            writes?.Conflicted($"{@namespace}/{name}");
            return null;
        }
    }

    public async Task<IReadOnlyList<V1ReplicaSet>> ListReplicaSetsAsync(string @namespace, string labelSelector, CancellationToken cancellationToken) =>
        [.. (await kube.AppsV1.ListNamespacedReplicaSetAsync(@namespace, labelSelector: labelSelector, cancellationToken: cancellationToken)).Items];

    public async Task<IReadOnlyList<V1Pod>> ListPodsAsync(string @namespace, string labelSelector, CancellationToken cancellationToken) =>
        [.. (await kube.CoreV1.ListNamespacedPodAsync(@namespace, labelSelector: labelSelector, cancellationToken: cancellationToken)).Items];

    /// <summary>The Services of a namespace as JSON, for the pure selector rules of <c>RoutingObjects</c>.</summary>
    public async Task<IReadOnlyList<JsonObject>> ListServicesAsync(string @namespace, CancellationToken cancellationToken) =>
        [.. (await kube.CoreV1.ListNamespacedServiceAsync(@namespace, cancellationToken: cancellationToken)).Items
            .Select(s => (JsonObject)JsonNode.Parse(KubernetesJson.Serialize(s))!)];

    public async Task<string?> GetConfigMapValueAsync(string @namespace, string name, string key, CancellationToken cancellationToken)
    {
        try
        {
            var map = await kube.CoreV1.ReadNamespacedConfigMapAsync(name, @namespace, cancellationToken: cancellationToken);
            return map.Data?.TryGetValue(key, out var value) == true ? value : null;
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    public async Task<V1ReplicaSet?> GetReplicaSetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        try
        {
            return await kube.AppsV1.ReadNamespacedReplicaSetAsync(name, @namespace, cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>
    /// Creates the ReplicaSet and returns its resourceVersion; one that already exists (a retry after a crash) is fine, and
    /// answers null. Sent and answered as raw JSON: a typed round trip (parse into V1ReplicaSet, write it again, parse the
    /// answer) was a tenth of a release's CPU.
    /// </summary>
    public async Task<string?> CreateReplicaSetAsync(JsonObject replicaSet, CancellationToken cancellationToken)
    {
        var ns = replicaSet["metadata"]?["namespace"]?.GetValue<string>() ?? "default";
        fence.EnsureOpen($"create ReplicaSet {ns}/{replicaSet["metadata"]?["name"]?.GetValue<string>()}");
        try
        {
            return ResourceVersionOf(await kube.CustomObjects.CreateNamespacedCustomObjectAsync(
                replicaSet, "apps", "v1", ns, "replicasets", fieldManager: FieldOwners.Greylane, cancellationToken: cancellationToken));
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.Conflict)
        {
            return null;
        }
    }

    public Task ScaleReplicaSetAsync(string @namespace, string name, int replicas, CancellationToken cancellationToken)
    {
        fence.EnsureOpen($"scale ReplicaSet {@namespace}/{name}");
        return kube.CustomObjects.PatchNamespacedCustomObjectAsync(
            new V1Patch(new JsonObject { ["spec"] = new JsonObject { ["replicas"] = replicas } }.ToJsonString(), V1Patch.PatchType.MergePatch),
            "apps", "v1", @namespace, "replicasets", name, fieldManager: FieldOwners.Greylane, cancellationToken: cancellationToken);
    }

    /// <summary>Deletes the ReplicaSet and, in the background, its pods; absent is fine.</summary>
    public async Task DeleteReplicaSetAsync(string @namespace, string name, CancellationToken cancellationToken)
    {
        fence.EnsureOpen($"delete ReplicaSet {@namespace}/{name}");
        try
        {
            await kube.AppsV1.DeleteNamespacedReplicaSetAsync(name, @namespace, propagationPolicy: "Background", cancellationToken: cancellationToken);
        }
        catch (HttpOperationException e) when (e.Response.StatusCode == HttpStatusCode.NotFound)
        {
        }
    }

    public Task CreateEventAsync(Corev1Event @event, CancellationToken cancellationToken)
    {
        fence.EnsureOpen($"create Event in {@event.Metadata.NamespaceProperty}");
        return kube.CoreV1.CreateNamespacedEventAsync(@event, @event.Metadata.NamespaceProperty, fieldManager: FieldOwners.Greylane, cancellationToken: cancellationToken);
    }

    // A raw answer is read only for its resourceVersion, not parsed into a typed object.
    private static string ResourceVersionOf(object answer) =>
        answer is JsonElement element && element.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var stored)
            ? stored.GetString() ?? ""
            : "";
}
