using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// Kubernetes strategic merge patch (<c>application/strategic-merge-patch+json</c>) as kube-apiserver applies it:
/// lists with a declared <c>patchMergeKey</c> merge by key, other lists are replaced, null deletes, and the
/// <c>$patch</c>, <c>$setElementOrder</c>, <c>$retainKeys</c> and <c>$deleteFromPrimitiveList</c> directives are honoured.
/// </summary>
public static class StrategicMergePatch
{
    /// <summary>The media types kube-apiserver accepts for a custom resource, listed in its 415 answer.</summary>
    public const string CustomResourceMediaTypes = "application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml";

    /// <summary>
    /// Applies <paramref name="patch"/> to a copy of <paramref name="target"/>; neither input is changed.
    /// Throws <see cref="PatchException"/>: 415 for a custom resource (the real server has no Go type to merge by),
    /// 400/422/500 with apimachinery's wording for a patch it cannot apply.
    /// </summary>
    public static JsonObject Apply(JsonObject target, JsonObject patch, ResourceType type)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(patch);
        ArgumentNullException.ThrowIfNull(type);
        if (!PatchSchema.IsBuiltIn(type))
        {
            throw new PatchException(415, "UnsupportedMediaType",
                $"the body of the request was in an unknown format - accepted media types include: {CustomResourceMediaTypes}");
        }

        return StrategicMerger.MergeMap((JsonObject)target.DeepClone(), (JsonObject)patch.DeepClone(), PatchSchema.RootType(type));
    }
}
