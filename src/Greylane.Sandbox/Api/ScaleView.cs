using System.Text.Json.Nodes;
using Greylane.Sandbox.Selectors;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>The autoscaling/v1 <c>Scale</c> of a Deployment or ReplicaSet, and writing one back.</summary>
internal static class ScaleView
{
    public static JsonObject From(JsonObject obj)
    {
        var meta = obj.Metadata();
        var scaleMeta = new JsonObject();
        foreach (var field in new[] { "name", "namespace", "uid", "resourceVersion", "creationTimestamp" })
        {
            if (meta[field] is { } value)
            {
                scaleMeta[field] = value.DeepClone();
            }
        }

        var selector = obj["spec"]?["selector"] as JsonObject;
        return new JsonObject
        {
            ["kind"] = "Scale",
            ["apiVersion"] = "autoscaling/v1",
            ["metadata"] = scaleMeta,
            ["spec"] = new JsonObject { ["replicas"] = Replicas(obj["spec"]) },
            ["status"] = new JsonObject
            {
                ["replicas"] = Replicas(obj["status"]),
                ["selector"] = selector is null ? "" : LabelSelector.FromJson(selector).ToString(),
            },
        };
    }

    /// <summary>The object with <c>spec.replicas</c> from the scale; the scale's resourceVersion is the write's precondition.</summary>
    public static JsonObject ApplyTo(JsonObject stored, JsonObject scale)
    {
        if (JsonNumbers.AsLong(scale["spec"]?["replicas"]) is not { } replicas)
        {
            throw ApiException.BadRequest("the Scale must set spec.replicas to a whole number");
        }

        var next = (JsonObject)stored.DeepClone();
        ((JsonObject)next["spec"]!)["replicas"] = replicas;
        next.Metadata()["resourceVersion"] = scale.ResourceVersion() ?? "";
        return next;
    }

    private static long Replicas(JsonNode? section) =>
        JsonNumbers.AsLong(section?["replicas"]) ?? 0;
}
