using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>How an item of an associative list is addressed: by its key fields (list-map) or its value (set).</summary>
internal static class ListItems
{
    public static PathElement ElementOf(ListShape list, JsonNode? item, string path)
    {
        if (list.Keys.Count > 0)
        {
            if (item is not JsonObject map)
                throw new ApplySchemaException(item is null
                    ? $"{path}: associative list with keys may not have a null element"
                    : $"{path}: associative list with keys may not have non-map elements");
            var fields = new List<KeyValuePair<string, JsonNode?>>();
            foreach (var key in list.Keys)
            {
                if (map.TryGetPropertyValue(key, out var value))
                    fields.Add(KeyValuePair.Create(key, value));
                else if (list.KeyDefault(key) is { } fallback)
                    fields.Add(KeyValuePair.Create(key, (JsonNode?)fallback));
            }

            if (fields.Count == 0)
                throw new ApplySchemaException(
                    $"{path}: associative list with keys has an element that omits all key fields [{string.Join(" ", list.Keys.Select(k => GoJson.Quote(k)))}] (and doesn't have default values for any key fields)");
            return PathElement.Key(fields);
        }

        return item switch
        {
            JsonObject => throw new ApplySchemaException($"{path}: associative list without keys has an element that's a map type"),
            JsonArray => throw new ApplySchemaException($"{path}: not supported: associative list with lists as elements"),
            null => throw new ApplySchemaException($"{path}: associative list without keys has an element that's an explicit null"),
            _ => PathElement.ValueOf(item),
        };
    }

    /// <summary>Each item with its path element; duplicates are kept, in order.</summary>
    public static List<(PathElement Element, JsonNode? Item)> Index(ListShape list, JsonArray? items, string path) =>
        items is null ? [] : [.. items.Select(i => (ElementOf(list, i, path), i))];
}
