using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>ownerReferences helpers, following metav1.GetControllerOf and metav1.NewControllerRef.</summary>
internal static class OwnerRefs
{
    public static IEnumerable<JsonObject> All(JsonObject obj) =>
        (Meta.Metadata(obj)["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>();

    /// <summary>The one reference with <c>controller: true</c>; a non-controller reference is not an owner for adoption.</summary>
    public static JsonObject? ControllerOf(JsonObject obj) => All(obj).FirstOrDefault(r => Meta.Bool(r, "controller"));

    public static string? ControllerUid(JsonObject obj) => ControllerOf(obj) is { } r ? Meta.Str(r, "uid") : null;

    public static JsonObject NewControllerRef(ResourceType ownerType, JsonObject owner) => new()
    {
        ["apiVersion"] = ownerType.ApiVersion,
        ["kind"] = ownerType.Kind,
        ["name"] = Meta.Name(owner),
        ["uid"] = Meta.Uid(owner),
        ["controller"] = true,
        ["blockOwnerDeletion"] = true,
    };

    /// <summary>A copy of <paramref name="obj"/> with a controller reference to <paramref name="owner"/> appended (adoption).</summary>
    public static JsonObject WithControllerRef(JsonObject obj, ResourceType ownerType, JsonObject owner)
    {
        var copy = obj.DeepClone().AsObject();
        var metadata = Meta.Child(copy, "metadata");
        if (metadata["ownerReferences"] is not JsonArray refs)
        {
            refs = [];
            metadata["ownerReferences"] = refs;
        }

        refs.Add(NewControllerRef(ownerType, owner));
        return copy;
    }

    /// <summary>A copy of <paramref name="obj"/> without the references to <paramref name="ownerUid"/> (release).</summary>
    public static JsonObject WithoutOwner(JsonObject obj, string ownerUid)
    {
        var copy = obj.DeepClone().AsObject();
        var metadata = Meta.Child(copy, "metadata");
        var kept = All(copy).Where(r => Meta.Str(r, "uid") != ownerUid).Select(r => (JsonNode)r.DeepClone()).ToArray();
        if (kept.Length == 0)
        {
            metadata.Remove("ownerReferences");
        }
        else
        {
            metadata["ownerReferences"] = new JsonArray(kept);
        }

        return copy;
    }
}
