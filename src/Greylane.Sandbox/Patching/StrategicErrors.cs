using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// The errors of apimachinery's strategicpatch package, with the HTTP codes kube-apiserver's
/// <c>interpretStrategicMergePatchError</c> gives them: format errors 400, list-of-lists and retainKeys mismatch 422,
/// everything else unclassified (500, as the real server answers).
/// </summary>
internal static class StrategicErrors
{
    public static PatchException BadRetainKeys() => PatchException.BadRequest("invalid patch format of retainKeys");

    public static PatchException BadPrimitiveList() => PatchException.BadRequest("invalid patch format of primitive list");

    public static PatchException BadSetElementOrder() => PatchException.BadRequest("invalid patch format of setElementOrder list");

    public static PatchException NoListOfLists() => PatchException.Unprocessable("lists of lists are not supported");

    public static PatchException NoMergeKey(JsonNode? item, string key) =>
        PatchException.Unclassified($"map: {Text(item)} does not contain declared merge key: {key}");

    public static PatchException BadPatchType(JsonNode? directive, JsonObject map) =>
        PatchException.Unclassified($"unknown patch type: {Text(directive)} in map: {Text(map)}");

    public static PatchException MergeDirectiveInList() => PatchException.Unclassified("merging lists cannot yet be specified in the patch");

    public static PatchException MixedElements(JsonArray original, JsonArray patch) =>
        PatchException.Unclassified($"list element types are not identical: [{GoText.Of(original)} {GoText.Of(patch)}]");

    public static PatchException OrderMismatch(JsonArray patch, JsonArray order) =>
        PatchException.Unclassified($"The order in patch list:\n{Text(patch)}\n doesn't match $setElementOrder list:\n{Text(order)}\n");

    private static string Text(JsonNode? node) => GoText.Of(node);
}
