using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// structured-merge-diff's <c>Compare</c>: the fields added, modified and removed from <c>lhs</c> to <c>rhs</c>. A leaf
/// (scalar, atomic list or map, or both sides empty) is compared whole; a granular map or associative list is
/// compared item by item, and is itself added or removed when one side lacks it. Non-pointer structs of built-in
/// types count as present and empty when missing, as in Go's zero value.
/// </summary>
internal static class ComparisonWalker
{
    public static Comparison Compare(ApplyType type, JsonNode? lhs, JsonNode? rhs)
    {
        var result = new Comparison(new FieldSet(), new FieldSet(), new FieldSet());
        Walk(type, Slot.Of(lhs), Slot.Of(rhs), [], result);
        return result;
    }

    private static void Walk(ApplyType type, Slot left, Slot right, List<PathElement> path, Comparison result)
    {
        var shape = ShapeOf.Pair(type, left, right);
        var leaf = shape switch
        {
            ListShape list => list.Kind == ListKind.Atomic || (left.IsEmpty && right.IsEmpty),
            MapShape map => map.Atomic || (left.IsEmpty && right.IsEmpty),
            _ => true,
        };
        if (leaf)
        {
            if (!left.Present)
                result.Added.Insert(path);
            else if (!right.Present)
                result.Removed.Insert(path);
            else if (!GoJson.Equal(left.Value, right.Value))
                result.Modified.Insert(path);
            return;
        }

        if (shape is MapShape granular)
            WalkMap(granular, left.Value as JsonObject, right.Value as JsonObject, path, result);
        else
            WalkList((ListShape)shape, left.Value as JsonArray, right.Value as JsonArray, path, result);

        if (!left.Present)
            result.Added.Insert(path);
        else if (!right.Present)
            result.Removed.Insert(path);
    }

    private static void WalkMap(MapShape map, JsonObject? left, JsonObject? right, List<PathElement> path, Comparison result)
    {
        var keys = (left?.Select(p => p.Key) ?? []).Union(right?.Select(p => p.Key) ?? [], StringComparer.Ordinal).ToList();
        foreach (var key in keys)
        {
            var member = map.Field(key);
            var (l, r) = (Slot.In(left, key), Slot.In(right, key));
            if (member.Zero is { Present: true } zero)
            {
                // In Go's typed objects a non-pointer struct is never missing (an empty struct), nor is a list
                // without omitempty (null): an object that exists has them.
                l = l.Present || left is null ? l : Slot.Of(zero.Value?.DeepClone());
                r = r.Present || right is null ? r : Slot.Of(zero.Value?.DeepClone());
            }

            path.Add(PathElement.Field(key));
            Walk(member.Type, l, r, path, result);
            path.RemoveAt(path.Count - 1);
        }
    }

    private static void WalkList(ListShape list, JsonArray? left, JsonArray? right, List<PathElement> path, Comparison result)
    {
        var text = PathElement.PathText(path);
        var lefts = Group(ListItems.Index(list, left, text));
        var rights = Group(ListItems.Index(list, right, text));
        var order = lefts.Keys.Concat(rights.Keys.Where(k => !lefts.ContainsKey(k))).ToList();
        foreach (var key in order)
        {
            var l = lefts.TryGetValue(key, out var found) ? found : ([], null);
            var r = rights.TryGetValue(key, out found) ? found : ([], null);
            var element = l.Element ?? r.Element!;
            path.Add(element);
            switch (l.Items.Count, r.Items.Count)
            {
                case (<= 1, <= 1):
                    Walk(list.Element, l.Items.Count == 1 ? Slot.Of(l.Items[0]) : Slot.Absent, r.Items.Count == 1 ? Slot.Of(r.Items[0]) : Slot.Absent, path, result);
                    break;
                case (>= 2, >= 2):
                    // Duplicates on both sides are compared as one atomic value.
                    if (l.Items.Count != r.Items.Count || !l.Items.Zip(r.Items).All(p => GoJson.Equal(p.First, p.Second)))
                        result.Modified.Insert(path);
                    break;
                case (>= 2, _):
                    if (r.Items.Count == 1)
                        Walk(list.Element, Slot.Absent, Slot.Of(r.Items[0]), path, result);
                    result.Removed.Insert(path);
                    break;
                default:
                    if (l.Items.Count == 1)
                        Walk(list.Element, Slot.Of(l.Items[0]), Slot.Absent, path, result);
                    result.Added.Insert(path);
                    break;
            }

            path.RemoveAt(path.Count - 1);
        }
    }

    private static Dictionary<string, (List<JsonNode?> Items, PathElement? Element)> Group(List<(PathElement Element, JsonNode? Item)> items)
    {
        var groups = new Dictionary<string, (List<JsonNode?> Items, PathElement? Element)>(StringComparer.Ordinal);
        foreach (var (element, item) in items)
        {
            var key = element.Serialize();
            if (!groups.TryGetValue(key, out var group))
            {
                group = ([], element);
                groups[key] = group;
            }

            group.Items.Add(item);
        }

        return groups;
    }
}
