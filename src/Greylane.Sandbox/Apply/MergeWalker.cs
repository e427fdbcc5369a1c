using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// structured-merge-diff's <c>Merge</c> with its keep-the-right-side rule: the applied configuration (rhs) over the
/// live object (lhs). Leaves take the applied value; granular maps merge key by key; associative lists merge item
/// by item, applied items in the applied order with the live-only items kept where they stood.
/// </summary>
internal static class MergeWalker
{
    public static JsonObject Merge(ApplyType type, JsonObject live, JsonObject applied) =>
        Walk(type, Slot.Of(live), Slot.Of(applied), []).Value as JsonObject ?? [];

    private static Slot Walk(ApplyType type, Slot left, Slot right, List<PathElement> path)
    {
        var shape = ShapeOf.Pair(type, left, right);
        var leaf = shape switch
        {
            ListShape list => list.Kind == ListKind.Atomic || (left.IsEmpty && right.IsEmpty),
            MapShape map => map.Atomic || (left.IsEmpty && right.IsEmpty),
            _ => true,
        };
        if (leaf)
            return right.Present ? Slot.Of(right.Value?.DeepClone()) : Slot.Of(left.Value?.DeepClone());
        return shape is MapShape map2
            ? WalkMap(map2, left.Value as JsonObject, right.Value as JsonObject, path)
            : WalkList((ListShape)shape, left.Value as JsonArray, right.Value as JsonArray, path);
    }

    private static Slot WalkMap(MapShape map, JsonObject? left, JsonObject? right, List<PathElement> path)
    {
        var result = new JsonObject();
        var keys = (left?.Select(p => p.Key) ?? []).Union(right?.Select(p => p.Key) ?? [], StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            path.Add(PathElement.Field(key));
            var merged = Walk(map.Field(key).Type, Slot.In(left, key), Slot.In(right, key), path);
            path.RemoveAt(path.Count - 1);
            if (merged.Present)
                result[key] = merged.Value;
        }

        return result.Count > 0 ? Slot.Of(result) : Slot.Absent;
    }

    private static Slot WalkList(ListShape list, JsonArray? left, JsonArray? right, List<PathElement> path)
    {
        var text = PathElement.PathText(path);
        var rhs = ListItems.Index(list, right, text);
        var lhs = ListItems.Index(list, left, text);
        var observedRight = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (element, item) in rhs)
        {
            if (!observedRight.TryAdd(element.Serialize(), item))
                throw new ApplySchemaException($"{text}: duplicate entries for key {element}");
        }

        // A key the live list holds twice merges as null: the real walker refuses to pick one of the duplicates.
        var observedLeft = new Dictionary<string, JsonNode?>(StringComparer.Ordinal);
        foreach (var (element, item) in lhs)
        {
            var key = element.Serialize();
            observedLeft[key] = observedLeft.ContainsKey(key) ? null : item;
        }

        var shared = new Queue<string>(rhs.Select(r => r.Element.Serialize()).Where(observedLeft.ContainsKey));
        var nextShared = shared.Count > 0 ? shared.Dequeue() : null;
        var merged = new HashSet<string>(StringComparer.Ordinal);
        var output = new JsonArray();
        void Add(PathElement element, Slot l, Slot r)
        {
            path.Add(element);
            var item = Walk(list.Element, l, r, path);
            path.RemoveAt(path.Count - 1);
            if (item.Present)
                output.Add(item.Value);
        }

        Slot Left(string key) => observedLeft.TryGetValue(key, out var value) ? Slot.Of(value) : Slot.Absent;
        for (int l = 0, r = 0; l < lhs.Count || r < rhs.Count;)
        {
            if (l < lhs.Count && r < rhs.Count)
            {
                var key = lhs[l].Element.Serialize();
                if (key == rhs[r].Element.Serialize())
                {
                    merged.Add(key);
                    Add(lhs[l].Element, Left(key), Slot.Of(observedRight[key]));
                    l++;
                    r++;
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
                    continue;
                }

                if (observedRight.ContainsKey(key) && nextShared is not null && nextShared != key)
                {
                    // A shared item, but not the one due now: it is merged when the applied list reaches it.
                    l++;
                    continue;
                }
            }

            if (l < lhs.Count)
            {
                var key = lhs[l].Element.Serialize();
                if (!observedRight.ContainsKey(key))
                {
                    Add(lhs[l].Element, Slot.Of(lhs[l].Item), Slot.Absent);
                    l++;
                    continue;
                }

                if (merged.Contains(key))
                    l++;
            }

            if (r < rhs.Count)
            {
                var key = rhs[r].Element.Serialize();
                merged.Add(key);
                Add(rhs[r].Element, Left(key), Slot.Of(observedRight[key]));
                r++;
                if (nextShared == key)
                    nextShared = shared.Count > 0 ? shared.Dequeue() : null;
            }
        }

        return output.Count > 0 ? Slot.Of(output) : Slot.Absent;
    }
}
