using System.Globalization;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Controllers.Tests;

/// <summary>Manifests and small readers for controller tests.</summary>
internal static class K8s
{
    public static JsonObject Deployment(string name, string image, int replicas, string? extraSpec = null) =>
        JsonNode.Parse($$"""
            {
              "apiVersion": "apps/v1", "kind": "Deployment",
              "metadata": { "name": "{{name}}", "namespace": "default" },
              "spec": {
                "replicas": {{replicas}},
                "selector": { "matchLabels": { "app": "{{name}}" } },
                "template": {
                  "metadata": { "labels": { "app": "{{name}}" } },
                  "spec": { "containers": [ { "name": "app", "image": "{{image}}" } ] }
                }
                {{(extraSpec is null ? "" : "," + extraSpec)}}
              }
            }
            """)!.AsObject();

    public static string Uid(JsonObject obj) => (string)obj["metadata"]!["uid"]!;

    public static string Name(JsonObject obj) => (string)obj["metadata"]!["name"]!;

    public static string? Label(JsonObject obj, string key) => (string?)obj["metadata"]?["labels"]?[key];

    public static string? Annotation(JsonObject obj, string key) => (string?)obj["metadata"]?["annotations"]?[key];

    public static JsonArray OwnerRefs(JsonObject obj) => obj["metadata"]?["ownerReferences"] as JsonArray ?? [];

    public static string? ControllerUid(JsonObject obj) =>
        OwnerRefs(obj).OfType<JsonObject>().Where(r => (bool?)r["controller"] == true).Select(r => (string?)r["uid"]).FirstOrDefault();

    public static int SpecReplicas(JsonObject obj) => Number(obj["spec"]?["replicas"]) ?? 1;

    public static int Status(JsonObject obj, string field) => Number(obj["status"]?[field]) ?? 0;

    // Numbers may be held as int or long in memory; the wire form is the same.
    public static int? Number(JsonNode? node) => node is null ? null : int.Parse(node.ToJsonString(), CultureInfo.InvariantCulture);

    public static string? Image(JsonObject obj) => (string?)obj["spec"]?["template"]?["spec"]?["containers"]?[0]?["image"];

    public static void SetImage(JsonObject deployment, string image) =>
        deployment["spec"]!["template"]!["spec"]!["containers"]![0]!["image"] = image;

    public static JsonObject? Condition(JsonObject obj, string type) =>
        (obj["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().FirstOrDefault(c => (string?)c["type"] == type);

    public static (string? Status, string? Reason) ConditionState(JsonObject obj, string type) =>
        Condition(obj, type) is { } c ? ((string?)c["status"], (string?)c["reason"]) : (null, null);

    public static bool IsReady(JsonObject pod) =>
        (pod["status"]?["conditions"] as JsonArray ?? []).OfType<JsonObject>().Any(c => (string?)c["type"] == "Ready" && (string?)c["status"] == "True");

    public static long Revision(JsonObject obj) =>
        long.Parse(Annotation(obj, "deployment.kubernetes.io/revision") ?? "0", CultureInfo.InvariantCulture);
}
