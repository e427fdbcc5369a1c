using System.Text.Json;
using System.Text.Json.Nodes;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>The name and resourceVersion of an informer's item, typed, raw JSON or a Deployment entry.</summary>
internal static class InformerItem
{
    /// <summary><c>namespace/name</c>, or null for an item without a name (never cached).</summary>
    public static string? Key(object item) => item switch
    {
        IKubernetesObject<V1ObjectMeta> { Metadata.Name: { } name } typed => $"{typed.Metadata.NamespaceProperty}/{name}",
        JsonObject json when Text(json, "name") is { } name => $"{Text(json, "namespace")}/{name}",
        DeploymentEntry { Name.Length: > 0 } entry => entry.Key,
        _ => null,
    };

    public static string? ResourceVersion(object item) => item switch
    {
        IKubernetesObject<V1ObjectMeta> typed => typed.Metadata?.ResourceVersion,
        JsonObject json => Text(json, "resourceVersion"),
        DeploymentEntry entry => entry.ResourceVersion,
        _ => null,
    };

    private static string? Text(JsonObject json, string field) =>
        json["metadata"]?[field] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}
