using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>
/// The original spec of a routing object, saved in <see cref="GreylaneKeys.Origin"/> as <c>{"spec": …}</c> before
/// Greylane's first change, so that every step and the restore start from it.
/// </summary>
public static class OriginAnnotation
{
    /// <summary>A copy of <paramref name="obj"/> that carries the annotation: the saved one if present, else its current spec.</summary>
    public static JsonObject Ensure(JsonObject obj)
    {
        var copy = obj.DeepClone().AsObject();
        if (Read(obj) is not null)
        {
            return copy;
        }

        var metadata = Json.ObjectAt(copy, "metadata");
        var annotations = Json.ObjectAt(metadata, "annotations");
        var saved = new JsonObject { ["spec"] = copy["spec"]?.DeepClone() ?? new JsonObject() };
        annotations[GreylaneKeys.Origin] = saved.ToJsonString();
        return copy;
    }

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
