using System.Text.Json.Nodes;
using Greylane.Cli.Kube;
using Greylane.Cli.Status;
using Greylane.Core;
using k8s;
using k8s.Models;

namespace Greylane.Cli.Dashboard;

/// <summary>The JSON the page reads: one overview row per release (the <c>status -o json</c> document), and a release in full.</summary>
internal static class ReleaseDocuments
{
    /// <summary>How many of the Deployment's Events the release view lists (the newest).</summary>
    public const int EventLimit = 50;

    public static async Task<JsonObject> RowAsync(IKubernetes client, V1Deployment deployment, CancellationToken ct) =>
        StatusJson.Document(await ReleaseReader.ReadAsync(client, deployment, ct));

    public static async Task<JsonObject> DetailAsync(IKubernetes client, V1Deployment deployment, CancellationToken ct)
    {
        var ns = deployment.Metadata.NamespaceProperty;
        var name = deployment.Metadata.Name;
        var view = await ReleaseReader.ReadAsync(client, deployment, ct);
        var (strategy, _) = await ReleaseReader.ReadStrategyAsync(client, deployment, ct);
        var status = StatusObject(Deployments.Annotation(deployment, GreylaneKeys.Status));
        return new JsonObject
        {
            ["release"] = StatusJson.Document(view),
            ["steps"] = strategy is null ? new JsonArray() : StepTimeline.Of(strategy, view, deployment.Spec.Replicas ?? 1),
            ["metrics"] = strategy is null ? new JsonArray() : StepTimeline.Metrics(strategy),

            // As the controller wrote them: whatever a Measurement carries (e.g. the stable side's value) reaches the page.
            ["measurements"] = status?["measurements"]?.DeepClone() ?? new JsonArray(),
            ["events"] = await EventsAsync(client, ns, name, ct),
            ["routing"] = await RoutingDiffs.ReadAsync(client, ns, name, ct),
        };
    }

    private static JsonObject? StatusObject(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task<JsonArray> EventsAsync(IKubernetes client, string ns, string name, CancellationToken ct)
    {
        var list = await client.CoreV1.ListNamespacedEventAsync(ns, cancellationToken: ct);
        return [.. list.Items
            .Where(e => e.InvolvedObject?.Kind == "Deployment" && e.InvolvedObject.Name == name)
            .OrderBy(When)
            .TakeLast(EventLimit)
            .Select(e => (JsonNode?)new JsonObject
            {
                ["type"] = e.Type,
                ["reason"] = e.Reason,
                ["message"] = e.Message,
                ["count"] = e.Count,
                ["source"] = e.Source?.Component ?? e.ReportingComponent,
                ["time"] = When(e).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture),
            })];
    }

    private static DateTime When(Corev1Event e) =>
        e.LastTimestamp ?? e.EventTime ?? e.FirstTimestamp ?? e.Metadata.CreationTimestamp ?? DateTime.MinValue;
}
