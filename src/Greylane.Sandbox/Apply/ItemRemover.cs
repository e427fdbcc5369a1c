using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// structured-merge-diff's <c>RemoveItems</c>: the value without the fields of a set. An item or field in the set
/// goes with everything under it; a map or list left empty goes too (the real walker leaves a null that Go's typed
/// conversion then drops).
/// </summary>
internal static class ItemRemover
{
    public static JsonObject Remove(ApplyType type, JsonObject value, FieldSet remove) =>
        Walk(type, value, remove, []) as JsonObject ?? [];

    private static JsonNode? Walk(ApplyType type, JsonNode? value, FieldSet remove, List<PathElement> path)
    {
        switch (type.For(value))
        {
            case MapShape { Atomic: false } map when value is JsonObject { Count: > 0 } fields:
                var kept = new JsonObject();
                foreach (var (key, child) in fields)
                {
                    var element = PathElement.Field(key);
                    if (remove.HasMember(element))
                        continue;
                    var below = remove.WithPrefix(element);
                    if (below.IsEmpty)
                    {
                        kept[key] = child?.DeepClone();
                        continue;
                    }

                    path.Add(element);
                    var rest = Walk(map.Field(key).Type, child, below, path);
                    path.RemoveAt(path.Count - 1);
                    if (rest is not null)
                        kept[key] = rest;
                }

                return kept.Count > 0 ? kept : null;
            case ListShape { Kind: not ListKind.Atomic } list when value is JsonArray { Count: > 0 } items:
                var text = PathElement.PathText(path);
                var remaining = new JsonArray();
                foreach (var item in items)
                {
                    var element = ListItems.ElementOf(list, item, text);
                    if (remove.HasMember(element))
                        continue;
                    var below = remove.WithPrefix(element);
                    var rest = below.IsEmpty ? item?.DeepClone() : Walk(list.Element, item, below, [.. path, element]);
                    if (rest is not null)
                        remaining.Add(rest);
                }

                return remaining.Count > 0 ? remaining : null;
            case MapShape or ListShape:
                // Atomic, or empty: the real walker returns nothing when it is asked to remove inside it.
                return null;
            default:
                return value?.DeepClone();
        }
    }
}
