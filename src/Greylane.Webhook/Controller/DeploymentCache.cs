using System.Buffers;
using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Rollout;
using k8s;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The opted-in Deployments for the informer, read as raw JSON (never a typed round trip, so that a kept object hashes
/// its template from the same bytes as the webhook) and reduced at once to a <see cref="DeploymentEntry"/>: nothing the
/// controller never reads is held (no <c>managedFields</c>, no kubectl last-applied copy, and for a quiet Deployment no
/// object at all). Lists come in pages, as client-go's informers read them, so a start never holds every object at once.
/// </summary>
internal static class DeploymentCache
{
    /// <summary>
    /// Objects per list page. Below client-go's 500 on purpose: a page's JSON is read whole into a buffer from the shared
    /// ArrayPool, which keeps its buffers after the start; at 500 those were 1 MiB each (7 MiB of an idle controller at
    /// 10,000 Deployments), at 100 they are at most 256 KiB. A start lists 100 pages at 10,000 Deployments instead of 20.
    /// </summary>
    public const int PageSize = 100;

    private const string LastApplied = "kubectl.kubernetes.io/last-applied-configuration";
    private static readonly string OptedIn = $"{GreylaneKeys.Managed}=true";

    public static async Task<InformerList<DeploymentEntry>> ListAsync(IKubernetes kube, CancellationToken cancellationToken)
    {
        List<DeploymentEntry> entries = [];
        string? next = null;
        string? resourceVersion;
        do
        {
            var page = await kube.CustomObjects.ListCustomObjectForAllNamespacesAsync(
                "apps", "v1", "deployments", continueParameter: next, labelSelector: OptedIn, limit: PageSize, cancellationToken: cancellationToken);
            var root = Element(page);
            if (root.TryGetProperty("items", out var items) && items.ValueKind == JsonValueKind.Array)
            {
                entries.AddRange(items.EnumerateArray().Where(i => i.ValueKind == JsonValueKind.Object).Select(Entry));
            }

            var metadata = root.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
            resourceVersion = Text(metadata, "resourceVersion");
            next = Text(metadata, "continue") is { Length: > 0 } token ? token : null;
        }
        while (next is not null);

        return new InformerList<DeploymentEntry>(entries, resourceVersion);
    }

    public static IAsyncEnumerable<(WatchEventType, DeploymentEntry)> WatchAsync(
        IKubernetes kube, string? resourceVersion, int timeoutSeconds, Action<Exception> onError, CancellationToken cancellationToken) =>
        InformerSlim.Events(
            kube.CustomObjects.WatchListCustomObjectForAllNamespacesAsync(
                "apps", "v1", "deployments", allowWatchBookmarks: true, labelSelector: OptedIn, resourceVersion: resourceVersion,
                timeoutSeconds: timeoutSeconds, onError: onError, cancellationToken: cancellationToken),
            item => Entry(Element(item)),
            cancellationToken);

    /// <summary>The entry of one Deployment: quiet ones keep no object; others keep the lean object.</summary>
    public static DeploymentEntry Entry(JsonElement deployment)
    {
        var metadata = deployment.TryGetProperty("metadata", out var m) && m.ValueKind == JsonValueKind.Object ? m : default;
        var annotations = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("annotations", out var a) ? a : default;
        var deleting = metadata.ValueKind == JsonValueKind.Object && metadata.TryGetProperty("deletionTimestamp", out var d) && d.ValueKind != JsonValueKind.Null;
        var status = RolloutStatusJson.Read(Text(annotations, GreylaneKeys.Status));
        var quiet = !deleting && QuietDeployment.Is(Text(annotations, GreylaneKeys.Release), Text(annotations, GreylaneKeys.Command), status);
        return new DeploymentEntry(
            Text(metadata, "namespace") ?? "",
            Text(metadata, "name") ?? "",
            Text(metadata, "resourceVersion"),
            quiet ? status.Phase : null,
            quiet ? null : Lean(deployment));
    }

    /// <summary>
    /// A copy of the object without what the controller never reads, written afresh so that no buffer of the original
    /// (with its managedFields) stays reachable; the template, and so its hash, is untouched.
    /// </summary>
    public static JsonObject Lean(JsonElement deployment)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var property in deployment.EnumerateObject())
            {
                if (property.NameEquals("metadata") && property.Value.ValueKind == JsonValueKind.Object)
                {
                    writer.WritePropertyName(property.Name);
                    WriteMetadata(property.Value, writer);
                }
                else
                {
                    property.WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return JsonNode.Parse(buffer.WrittenSpan) as JsonObject ?? [];
    }

    private static void WriteMetadata(JsonElement metadata, Utf8JsonWriter writer)
    {
        writer.WriteStartObject();
        foreach (var property in metadata.EnumerateObject())
        {
            if (property.NameEquals("managedFields"))
            {
                continue;
            }

            if (property.NameEquals("annotations") && property.Value.ValueKind == JsonValueKind.Object)
            {
                writer.WriteStartObject(property.Name);
                foreach (var annotation in property.Value.EnumerateObject().Where(a => !a.NameEquals(LastApplied)))
                {
                    annotation.WriteTo(writer);
                }

                writer.WriteEndObject();
            }
            else
            {
                property.WriteTo(writer);
            }
        }

        writer.WriteEndObject();
    }

    private static string? Text(JsonElement node, string key) =>
        node.ValueKind == JsonValueKind.Object && node.TryGetProperty(key, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    // The client hands raw JSON over as a JsonElement; anything else is taken through its JSON form.
    private static JsonElement Element(object value) =>
        value as JsonElement? ?? JsonSerializer.Deserialize<JsonElement>(KubernetesJson.Serialize(value));
}
