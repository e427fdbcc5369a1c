using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// apimachinery's <c>mergeMap</c> as the API server runs it (MergeParallelList and IgnoreUnmatchedNulls on), over
/// JsonNodes: directives <c>$patch</c>, <c>$retainKeys</c>, <c>$setElementOrder/</c>, <c>$deleteFromPrimitiveList/</c>.
/// Works on copies it owns: callers pass clones of both documents.
/// </summary>
internal static class StrategicMerger
{
    public const string Directive = "$patch";
    public const string RetainKeys = "$retainKeys";
    public const string SetElementOrderPrefix = "$setElementOrder/";
    public const string DeleteFromPrimitiveListPrefix = "$deleteFromPrimitiveList/";

    public static JsonObject MergeMap(JsonObject original, JsonObject patch, string? type)
    {
        if (patch.TryGetPropertyValue(Directive, out var directive))
            return HandleDirective(directive, patch, type);
        ApplyRetainKeys(original, patch);
        ElementOrder.Apply(original, patch, type);

        foreach (var (key, patchValue) in patch.ToList())
        {
            var name = key;
            var isDeleteList = key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal);
            if (isDeleteList)
            {
                name = key[DeleteFromPrimitiveListPrefix.Length..];
                if (name.Length == 0)
                    throw StrategicErrors.BadPrimitiveList();
            }
            else if (key.StartsWith('$'))
            {
                // Unknown directives would be dropped when the real server decodes into its Go type.
                continue;
            }

            if (patchValue is null)
            {
                original.Remove(name);
                continue;
            }

            var field = PatchSchema.Lookup(type, name);
            original.TryGetPropertyValue(name, out var originalValue);
            if (originalValue is null || originalValue.GetValueKind() != patchValue.GetValueKind() && !BothScalars(originalValue, patchValue))
            {
                if (!isDeleteList)
                    original[name] = Fresh(patchValue, field);
                continue;
            }

            original[name] = (originalValue, patchValue) switch
            {
                (JsonObject o, JsonObject p) => MergeMap(Detach(o), Detach(p), field.Type),
                (JsonArray o, JsonArray p) when field.MergeList => ListMerger.MergeSlice(Detach(o), Detach(p), field, isDeleteList),
                (JsonArray, JsonArray p) => Detach(p),
                _ => Detach(patchValue),
            };
        }

        return original;
    }

    /// <summary>A value that had nothing to merge with: taken from the patch, with nulls and directives resolved against emptiness.</summary>
    public static JsonNode Fresh(JsonNode patchValue, PatchField field) => patchValue switch
    {
        JsonObject p => MergeMap([], Detach(p), field.Type),
        JsonArray p when field.MergeList => ListMerger.MergeSlice([], Detach(p), field, isDeleteList: false),
        _ => Detach(patchValue),
    };

    /// <summary>Takes a node out of its parent so it can be placed elsewhere without copying.</summary>
    public static T Detach<T>(T node)
        where T : JsonNode
    {
        switch (node.Parent)
        {
            case JsonObject obj:
                obj.Remove(node.GetPropertyName());
                break;
            case JsonArray array:
                array.RemoveAt(node.GetElementIndex());
                break;
        }

        return node;
    }

    private static bool BothScalars(JsonNode left, JsonNode right) => left is JsonValue && right is JsonValue;

    private static JsonObject HandleDirective(JsonNode? directive, JsonObject patch, string? type)
    {
        var value = directive is JsonValue v && v.TryGetValue<string>(out var text) ? text : null;
        switch (value)
        {
            case "replace":
                patch.Remove(Directive);
                return MergeMap([], patch, type);
            case "delete":
                return [];
            default:
                throw StrategicErrors.BadPatchType(directive, patch);
        }
    }

    // Keys of the original not listed in $retainKeys are cleared; every key the patch sets must be listed.
    private static void ApplyRetainKeys(JsonObject original, JsonObject patch)
    {
        if (!patch.TryGetPropertyValue(RetainKeys, out var retain))
            return;
        patch.Remove(RetainKeys);
        if (retain is not JsonArray list)
            throw StrategicErrors.BadRetainKeys();
        var keep = list.Select(n => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var (key, value) in patch)
        {
            if (value is null || key.StartsWith(DeleteFromPrimitiveListPrefix, StringComparison.Ordinal) || key.StartsWith(SetElementOrderPrefix, StringComparison.Ordinal))
                continue;
            if (!keep.Contains(key))
                throw StrategicErrors.BadRetainKeys();
        }

        foreach (var key in original.Select(p => p.Key).Where(k => !keep.Contains(k)).ToList())
            original.Remove(key);
    }
}
