using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// structured-merge-diff's <c>ToFieldSet</c>: the fields a value sets. Leaves, atomic lists and atomic maps are
/// members; a list item is a member and its fields below it; a map key or undeclared field is a member as well as
/// its content; a declared struct field only through its content (unless null or empty).
/// </summary>
internal static class FieldSetWalker
{
    public static FieldSet Of(ApplyType type, JsonNode? value)
    {
        var set = new FieldSet();
        Walk(type, value, [], set);
        return set;
    }

    private static void Walk(ApplyType type, JsonNode? value, List<PathElement> path, FieldSet set)
    {
        switch (type.For(value))
        {
            case ListShape list when list.Kind != ListKind.Atomic && value is JsonArray items:
                WalkItems(list, items, path, set);
                break;
            case MapShape { Atomic: false } map when value is JsonObject fields:
                foreach (var (key, child) in fields)
                {
                    var member = map.Field(key);
                    path.Add(PathElement.Field(key));
                    Walk(member.Type, child, path, set);
                    if (child is null || child is JsonObject { Count: 0 } || !member.Declared)
                        set.Insert(path);
                    path.RemoveAt(path.Count - 1);
                }

                break;
            case ListShape or MapShape when value is null:
                break;
            default:
                set.Insert(path);
                break;
        }
    }

    private static void WalkItems(ListShape list, JsonArray items, List<PathElement> path, FieldSet set)
    {
        var text = PathElement.PathText(path);
        var indexed = ListItems.Index(list, items, text);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var duplicates = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (element, _) in indexed)
        {
            if (!seen.Add(element.Serialize()) && duplicates.Add(element.Serialize()))
                set.Insert([.. path, element]);
        }

        foreach (var (element, item) in indexed)
        {
            if (duplicates.Contains(element.Serialize()))
                continue;
            path.Add(element);
            Walk(list.Element, item, path, set);
            set.Insert(path);
            path.RemoveAt(path.Count - 1);
        }
    }
}
