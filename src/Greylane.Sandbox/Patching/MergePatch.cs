using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>RFC 7386 JSON Merge Patch (<c>application/merge-patch+json</c>), as kube-apiserver applies it.</summary>
public static class MergePatch
{
    /// <summary>
    /// Merges <paramref name="patch"/> into a copy of <paramref name="target"/>: members set to null are removed,
    /// objects merge recursively, anything else replaces. An array patch replaces the whole document; a top-level
    /// null or scalar patch is refused with 400 <c>Invalid JSON Patch</c>, as evanphx/json-patch (used by the API server) does.
    /// </summary>
    public static JsonNode Apply(JsonNode target, JsonNode patch)
    {
        ArgumentNullException.ThrowIfNull(target);
        return patch switch
        {
            JsonObject obj => MergeObject(target, obj),
            JsonArray array => array.DeepClone(),
            _ => throw PatchException.BadRequest("Invalid JSON Patch"),
        };
    }

    private static JsonNode? Merge(JsonNode? target, JsonNode? patch) =>
        patch is JsonObject patchObject ? MergeObject(target, patchObject) : patch?.DeepClone();

    private static JsonObject MergeObject(JsonNode? target, JsonObject patchObject)
    {
        var result = target is JsonObject targetObject ? (JsonObject)targetObject.DeepClone() : [];
        foreach (var (name, value) in patchObject)
        {
            if (value is null)
                result.Remove(name);
            else
                result[name] = Merge(result[name], value);
        }

        return result;
    }
}
