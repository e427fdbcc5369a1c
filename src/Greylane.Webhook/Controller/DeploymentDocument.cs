using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Release;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>A Deployment as the API server stored it (raw JSON), with the fields the controller reads.</summary>
internal sealed class DeploymentDocument(JsonObject json)
{
    private string? _templateHash;
    private V1Deployment? _typed;

    /// <summary>The object as stored; read only (derived values below are computed once).</summary>
    public JsonObject Json { get; } = json;

    public string Namespace => Text(Json["metadata"], "namespace") ?? "";

    public string Name => Text(Json["metadata"], "name") ?? "";

    public string Key => $"{Namespace}/{Name}";

    public string? Uid => Text(Json["metadata"], "uid");

    public string? ResourceVersion => Text(Json["metadata"], "resourceVersion");

    public bool Deleting => Json["metadata"]?["deletionTimestamp"] is not null;

    public bool OptedIn => OptIn.IsEnabled(Annotation(GreylaneKeys.Enabled));

    public int Replicas => Number(Json["spec"], "replicas") ?? 1;

    public bool Paused => Json["spec"]?["paused"] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    public IReadOnlyDictionary<string, string> TemplateLabels =>
        (Json["spec"]?["template"]?["metadata"]?["labels"] as JsonObject ?? [])
            .Where(p => p.Value is JsonValue)
            .ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);

    /// <summary>The hash of the current pod template, as the webhook computes it.</summary>
    public string TemplateHash => _templateHash ??= HashTemplate();

    /// <summary>The Deployment's own rolling update is complete: every replica updated and available, nothing old left, not paused.</summary>
    public bool RolloutComplete
    {
        get
        {
            var status = Json["status"];
            var generation = Number(Json["metadata"], "generation") ?? 0;
            return !Paused
                && (Number(status, "observedGeneration") ?? 0) >= generation
                && (Number(status, "updatedReplicas") ?? 0) == Replicas
                && (Number(status, "replicas") ?? 0) == Replicas
                && (Number(status, "availableReplicas") ?? 0) == Replicas;
        }
    }

    public string? Annotation(string key) => Text(Json["metadata"]?["annotations"], key);

    /// <summary>The typed object, for APIs that want one (the router, Events).</summary>
    public V1Deployment Typed() => _typed ??= KubernetesJson.Deserialize<V1Deployment>(Json.ToJsonString());

    private string HashTemplate()
    {
        using var template = JsonDocument.Parse((Json["spec"]?["template"] ?? new JsonObject()).ToJsonString());
        return Greylane.Core.Release.TemplateHash.Compute(template.RootElement);
    }

    private static string? Text(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static int? Number(JsonNode? node, string key) =>
        node is JsonObject o && o[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number ? (int)v.GetValue<double>() : null;
}
