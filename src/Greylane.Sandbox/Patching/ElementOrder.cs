using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Patching;

/// <summary>
/// apimachinery's <c>mergePatchIntoOriginal</c>: a <c>$setElementOrder/&lt;list&gt;</c> directive (sent by
/// <c>kubectl apply</c>) merges that list and then orders it: the listed items as listed, server-only items kept
/// where they stood. The list and the directive are removed from the patch once handled.
/// </summary>
internal static class ElementOrder
{
    public static void Apply(JsonObject original, JsonObject patch, string? type)
    {
        foreach (var (directiveKey, orderNode) in patch.Where(p => p.Key.StartsWith(StrategicMerger.SetElementOrderPrefix, StringComparison.Ordinal)).ToList())
        {
            patch.Remove(directiveKey);
            var name = directiveKey[StrategicMerger.SetElementOrderPrefix.Length..];
            if (name.Length == 0 || orderNode is not JsonArray orderArray)
                throw StrategicErrors.BadSetElementOrder();
            var order = orderArray.ToList();

            original.TryGetPropertyValue(name, out var originalNode);
            patch.TryGetPropertyValue(name, out var patchNode);
            var originalList = originalNode as JsonArray;
            var patchList = patchNode as JsonArray;
            if ((originalNode is not null && originalList is null) || (patchNode is not null && patchList is null))
                throw StrategicErrors.BadSetElementOrder();
            if (originalList is null && patchList is null)
                continue;

            var field = PatchSchema.Lookup(type, name);
            var key = field.MergeKey;
            if (patchList is not null)
                Validate([.. patchList], order, key);
            var serverOrder = originalList?.ToList() ?? [];

            var merged = (originalList, patchList) switch
            {
                (not null, null) => StrategicMerger.Detach(originalList),
                (null, not null) => (JsonArray)StrategicMerger.Fresh(StrategicMerger.Detach(patchList), field),
                _ when field.MergeList => ListMerger.MergeSlice(StrategicMerger.Detach(originalList!), StrategicMerger.Detach(patchList!), field, isDeleteList: false),
                _ => StrategicMerger.Detach(patchList!),
            };
            patch.Remove(name);

            var items = merged.ToList();
            merged.Clear();
            var elementKey = items.FirstOrDefault() is JsonObject ? key : null;
            var (listed, serverOnly) = ListMerger.Partition(items, order, elementKey);
            original[name] = ListMerger.Normalize(listed, serverOnly, order, serverOrder, elementKey);
        }
    }

    // The patch's items must appear in the same relative order as in the directive (deletions aside).
    private static void Validate(List<JsonNode?> patchList, List<JsonNode?> order, string? key)
    {
        if (patchList.Count == 0 || order.Count == 0)
            return;
        var items = patchList.Where(i => !(i is JsonObject o && o.ContainsKey(StrategicMerger.Directive))).ToList();
        var (p, s) = (0, 0);
        while (p < items.Count && s < order.Count)
        {
            var equal = key is null
                ? JsonEquality.Equal(items[p], order[s])
                : JsonEquality.Equal(ListMerger.KeyOf(items[p], key), ListMerger.KeyOf(order[s], key));
            if (equal)
                p++;
            s++;
        }

        if (p < items.Count)
            throw StrategicErrors.OrderMismatch([.. patchList.Select(n => n?.DeepClone())], [.. order.Select(n => n?.DeepClone())]);
    }
}
