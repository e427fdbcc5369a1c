using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>
/// The original spec of a routing object, saved in <see cref="GreylaneKeys.Origin"/> as <c>{"spec": …, "owner": …}</c>
/// before Greylane's first change, so that every step and the restore start from it, and so that a leftover whose
/// Deployment is gone can still be restored (<see cref="OriginOwner"/>).
/// </summary>
public static class OriginAnnotation
{
    /// <summary>
    /// A copy of <paramref name="obj"/> that carries the annotation: the saved one if present, else its current spec with
    /// <paramref name="target"/>'s release as the owner.
    /// </summary>
    public static JsonObject Ensure(JsonObject obj, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        var copy = obj.DeepClone().AsObject();
        if (Read(obj) is not null)
        {
            return copy;
        }

        var metadata = Json.ObjectAt(copy, "metadata");
        var annotations = Json.ObjectAt(metadata, "annotations");
        var saved = new JsonObject
        {
            ["spec"] = copy["spec"]?.DeepClone() ?? new JsonObject(),
            ["owner"] = new JsonObject
            {
                ["deployment"] = target.Deployment,
                ["service"] = target.Service,
                ["canarySubset"] = target.CanarySubset,
                ["subsetLabels"] = new JsonObject([.. target.CanarySubsetLabels.Select(l => KeyValuePair.Create(l.Key, (JsonNode?)l.Value))]),
            },
        };
        if (target.CanaryServiceName is { } canaryService)
        {
            // Only when named: a leftover restore must recognise backendRefs to it; the default follows from the Service.
            saved["owner"]!["canaryService"] = canaryService;
        }

        annotations[GreylaneKeys.Origin] = saved.ToJsonString();
        return copy;
    }

    /// <summary>The release that saved the annotation, or null (no annotation, a damaged one, or one saved before owners were kept).</summary>
    public static OriginOwner? Owner(JsonObject obj)
    {
        if (obj["metadata"]?["annotations"]?[GreylaneKeys.Origin] is not JsonValue value || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text)?["owner"] is JsonObject owner
                && Json.String(owner, "deployment") is { Length: > 0 } deployment
                && Json.String(owner, "service") is { Length: > 0 } service
                ? new OriginOwner(deployment, service, Json.String(owner, "canarySubset") ?? "canary", Labels(owner["subsetLabels"]), Json.String(owner, "canaryService"))
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static Dictionary<string, string> Labels(JsonNode? node) =>
        (node as JsonObject ?? []).Where(p => p.Value is JsonValue).ToDictionary(p => p.Key, p => p.Value!.ToString(), StringComparer.Ordinal);

    /// <summary>The saved original spec, or null when the object carries no annotation.</summary>
    /// <exception cref="TrafficException">The annotation is not the JSON Greylane writes.</exception>
    public static JsonObject? Read(JsonObject obj)
    {
        if (obj["metadata"]?["annotations"]?[GreylaneKeys.Origin] is not JsonValue value
            || !value.TryGetValue<string>(out var text))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text)?["spec"] as JsonObject
                ?? throw new TrafficException(Json.Describe(obj), $"annotation {GreylaneKeys.Origin} holds no \"spec\" object; remove the annotation if the current spec is the original");
        }
        catch (JsonException e)
        {
            throw new TrafficException(Json.Describe(obj), $"annotation {GreylaneKeys.Origin} is not valid JSON ({e.Message}); remove it if the current spec is the original");
        }
    }

    /// <summary>The original spec: the saved one, or the current spec of an object Greylane has not changed yet.</summary>
    public static JsonObject OriginalSpec(JsonObject obj) =>
        (Read(obj) ?? obj["spec"] as JsonObject ?? new JsonObject()).DeepClone().AsObject();

    /// <summary>A copy of <paramref name="obj"/> without the annotation (and without an annotation map left empty).</summary>
    public static JsonObject Remove(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (copy["metadata"]?["annotations"] is JsonObject annotations)
        {
            annotations.Remove(GreylaneKeys.Origin);
            if (annotations.Count == 0)
            {
                copy["metadata"]!.AsObject().Remove("annotations");
            }
        }

        return copy;
    }
}
