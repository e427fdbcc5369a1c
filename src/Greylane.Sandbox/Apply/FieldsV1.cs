using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Apply;

/// <summary>
/// The <c>FieldsV1</c> encoding of a <see cref="FieldSet"/>: an object per level whose keys are serialized path
/// elements; <c>{}</c> marks a member, a nested object its children, and <c>".": {}</c> a member that also has children.
/// </summary>
internal static class FieldsV1
{
    public static JsonObject Encode(FieldSet set) => Level(set, includeSelf: false);

    /// <summary>Reads a <c>fieldsV1</c> object; unknown element prefixes are dropped as the real decoder drops them.</summary>
    public static FieldSet Decode(JsonNode? fields)
    {
        var set = new FieldSet();
        if (fields is not JsonObject level)
            return fields is null ? set : throw new FormatException("fieldsV1 must be a JSON object");
        Read(level, set);
        return set;
    }

    private static JsonObject Level(FieldSet set, bool includeSelf)
    {
        var level = new JsonObject();
        var children = set.Children.Where(c => !c.Value.IsEmpty).ToDictionary(c => c.Key, c => c.Value);
        if (includeSelf && (set.Members.Count > 0 || children.Count > 0))
            level["."] = new JsonObject();
        var keys = new SortedSet<PathElement>(set.Members);
        keys.UnionWith(children.Keys);
        foreach (var element in keys)
        {
            level[element.Serialize()] = children.TryGetValue(element, out var child)
                ? Level(child, includeSelf: set.HasMember(element))
                : new JsonObject();
        }

        return level;
    }

    private static void Read(JsonObject level, FieldSet into)
    {
        foreach (var (key, value) in level)
        {
            if (key == ".")
                continue;
            if (PathElement.Parse(key) is not { } element)
                continue;
            var nested = value as JsonObject ?? throw new FormatException($"the value of {key} must be a JSON object");
            var hasChildren = nested.Any(p => p.Key != ".");
            if (!hasChildren || nested.ContainsKey("."))
                into.AddMember(element);
            if (hasChildren)
            {
                var child = new FieldSet();
                Read(nested, child);
                into.AddChild(element, child);
            }
        }
    }
}
