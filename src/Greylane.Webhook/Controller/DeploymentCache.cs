using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core;
using k8s;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The opted-in Deployments as the API server sent them (raw JSON, never a typed round trip), so that every path —
/// the quiet check, the reconcile, a Deployment that is gone — hashes the template from the same bytes as the webhook.
/// What the controller never reads is dropped before caching: <c>managedFields</c> and kubectl's last-applied copy.
/// </summary>
internal static class DeploymentCache
{
    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    private static readonly string OptedIn = $"{GreylaneKeys.Managed}=true";

    public static async Task<InformerList<JsonObject>> ListAsync(IKubernetes kube, CancellationToken cancellationToken)
    {
        var raw = await kube.CustomObjects.ListCustomObjectForAllNamespacesAsync("apps", "v1", "deployments", labelSelector: OptedIn, cancellationToken: cancellationToken);
        var list = ToJson(raw);
        return new InformerList<JsonObject>(
            [.. (list["items"] as JsonArray ?? []).OfType<JsonObject>().Select(i => Lean((JsonObject)i.DeepClone()))],
            list["metadata"]?["resourceVersion"]?.GetValue<string>());
    }

    public static async IAsyncEnumerable<(WatchEventType, JsonObject)> WatchAsync(
        IKubernetes kube, string? resourceVersion, int timeoutSeconds, Action<Exception> onError, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var events = kube.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(
            "apps", "v1", "deployments", allowWatchBookmarks: true, labelSelector: OptedIn, resourceVersion: resourceVersion,
            timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken);
        await foreach (var (type, item) in events.WithCancellation(cancellationToken))
        {
            yield return (type, Lean(ToJson(item)));
        }
    }

    /// <summary>The object without what the controller never reads (the template, and so its hash, untouched).</summary>
    public static JsonObject Lean(JsonObject deployment)
    {
        if (deployment["metadata"] is JsonObject metadata)
        {
            metadata.Remove("managedFields");
            (metadata["annotations"] as JsonObject)?.Remove(LastApplied);
        }

        return deployment;
    }

    private static JsonObject ToJson(object value) => value switch
    {
        JsonElement element => JsonNode.Parse(element.GetRawText()) as JsonObject ?? [],
        JsonObject json => json,
        _ => JsonNode.Parse(KubernetesJson.Serialize(value)) as JsonObject ?? [],
    };
}
