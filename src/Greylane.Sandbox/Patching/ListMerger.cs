using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// apimachinery's <c>mergeSlice</c>: primitive lists become a set union (or a deletion with
/// <c>$deleteFromPrimitiveList</c>), lists of maps merge item by item on the merge key, honouring
/// <c>$patch: delete</c> and <c>$patch: replace</c> elements; the result keeps patch order, with server-only items
/// interleaved where they stood.
/// </summary>
internal static class ListMerger
{
    public static JsonArray MergeSlice(JsonArray original, JsonArray patch, PatchField field, bool isDeleteList)
    {
        if (original.Count == 0 && patch.Count == 0)
            return original;
        var kind = ElementKind(original, patch);
        var (originalItems, patchItems) = (Take(original), Take(patch));
        if (kind != JsonValueKind.Object)
        {
            if (isDeleteList)
                return [.. originalItems.Where(o => !patchItems.Any(p => JsonEquality.Equal(o, p)))];
            var union = new List<JsonNode?>();
            foreach (var item in originalItems.Concat(patchItems))
            {
                if (!union.Any(u => JsonEquality.Equal(u, item)))
                    union.Add(item);
            }

            var (inPatch, serverOnly) = Partition(union, patchItems, null);
            return Normalize(inPatch, serverOnly, patchItems, originalItems, null);
        }

        var key = field.MergeKey ?? throw PatchException.Unclassified("cannot merge lists without merge key for type map");
        var (remaining, items) = ApplySpecialElements(originalItems, patchItems, key, field.Type);
        // Merging consumes the patch items, so their keys are kept aside for ordering.
        var patchOrder = items.Select(i => (JsonNode?)new JsonObject { [key] = KeyOf(i, key).DeepClone() }).ToList();
        var merged = new List<JsonNode?>(remaining);
        foreach (var item in items)
        {
            var index = IndexOf(merged, item, key);
            if (index >= 0)
                merged[index] = StrategicMerger.MergeMap(merged[index]!.AsObject(), item!.AsObject(), field.Type);
            else
                merged.Add(StrategicMerger.Fresh(item!, new PatchField(field.Type)));
        }

        var (fromPatch, serverItems) = Partition(merged, patchOrder, key);
        return Normalize(fromPatch, serverItems, patchOrder, remaining, key);
    }

    /// <summary>Splits items into those present in <paramref name="partitionBy"/> (by merge key, or by value) and the rest.</summary>
    public static (List<JsonNode?> InList, List<JsonNode?> Others) Partition(List<JsonNode?> items, List<JsonNode?> partitionBy, string? key)
    {
        var inList = new List<JsonNode?>();
        var others = new List<JsonNode?>();
        foreach (var item in items)
            (IndexOf(partitionBy, item, key) >= 0 ? inList : others).Add(item);
        return (inList, others);
    }

    /// <summary>
    /// apimachinery's <c>normalizeElementOrder</c>: patch items in <paramref name="patchOrder"/>, server-only items in
    /// <paramref name="serverOrder"/>, a server-only item placed before a patch item only when it stood before it on the server.
    /// </summary>
    public static JsonArray Normalize(List<JsonNode?> patchItems, List<JsonNode?> serverOnly, List<JsonNode?> patchOrder, List<JsonNode?> serverOrder, string? key)
    {
        var right = patchItems.OrderBy(i => IndexOf(patchOrder, i, key)).ToList();
        var left = serverOnly.OrderBy(i => IndexOf(serverOrder, i, key)).ToList();
        var result = new JsonArray();
        int l = 0, r = 0;
        while (l < left.Count || r < right.Count)
        {
            var takeLeft = r >= right.Count
                || (l < left.Count && IndexOf(serverOrder, left[l], key) is var li and >= 0
                    && IndexOf(serverOrder, right[r], key) is var ri and >= 0 && li < ri);
            var next = takeLeft ? left[l++] : right[r++];
            result.Add(next);
        }

        return result;
    }

    public static int IndexOf(List<JsonNode?> list, JsonNode? item, string? key)
    {
        var wanted = key is null ? item : (item as JsonObject)?[key];
        return list.FindIndex(candidate => JsonEquality.Equal(key is null ? candidate : (candidate as JsonObject)?[key], wanted));
    }

    public static JsonNode KeyOf(JsonNode? item, string key) =>
        item is JsonObject obj && obj.TryGetPropertyValue(key, out var value) && value is not null ? value : throw StrategicErrors.NoMergeKey(item, key);

    /// <summary>The common kind of every element; lists of lists and mixed lists are refused as apimachinery refuses them.</summary>
    public static JsonValueKind ElementKind(JsonArray original, JsonArray patch)
    {
        JsonValueKind? kind = null;
        foreach (var item in original.Concat(patch))
        {
            var current = item?.GetValueKind() ?? JsonValueKind.Null;
            current = current == JsonValueKind.False ? JsonValueKind.True : current;
            if (kind is null && current == JsonValueKind.Array)
                throw StrategicErrors.NoListOfLists();
            if (kind is not null && kind != current)
                throw StrategicErrors.MixedElements(original, patch);
            kind = current;
        }

        return kind ?? JsonValueKind.Undefined;
    }

    // $patch elements: delete removes matching items from the original; replace makes the patch's items the whole list.
    private static (List<JsonNode?> Original, List<JsonNode?> Items) ApplySpecialElements(List<JsonNode?> original, List<JsonNode?> patch, string key, string? type)
    {
        var items = new List<JsonNode?>();
        var replace = false;
        foreach (var element in patch)
        {
            var map = element as JsonObject ?? throw StrategicErrors.NoMergeKey(element, key);
            if (!map.TryGetPropertyValue(StrategicMerger.Directive, out var directive))
            {
                KeyOf(map, key);
                items.Add(map);
                continue;
            }

            switch (directive is JsonValue v && v.TryGetValue<string>(out var text) ? text : null)
            {
                case "delete":
                    var value = KeyOf(map, key);
                    original.RemoveAll(o => o is JsonObject obj && obj.TryGetPropertyValue(key, out var ov) && JsonEquality.Equal(ov, value));
                    break;
                case "replace":
                    replace = true;
                    break;
                case "merge":
                    throw StrategicErrors.MergeDirectiveInList();
                default:
                    throw StrategicErrors.BadPatchType(directive, map);
            }
        }

        return replace ? ([.. items.Select(i => (JsonNode?)StrategicMerger.MergeMap([], i!.AsObject(), type))], []) : (original, items);
    }

    // Moves the elements out of the array so they can be placed in the result without copying.
    private static List<JsonNode?> Take(JsonArray array)
    {
        var items = array.ToList();
        array.Clear();
        return items;
    }
}
