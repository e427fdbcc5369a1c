using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>Small helpers over <see cref="JsonNode"/> for Kubernetes-shaped objects.</summary>
internal static class Json
{
    /// <summary>The object under <paramref name="key"/>, created when absent.</summary>
    public static JsonObject ObjectAt(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    /// <summary>The string under <paramref name="key"/>, or null when absent or not a string.</summary>
    public static string? String(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    /// <summary>The integer under <paramref name="key"/>, or null when absent or not a number.</summary>
    public static long? Integer(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonValue v && v.GetValueKind() == JsonValueKind.Number
            && double.TryParse(v.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var n)
            ? (long)Math.Round(n)
            : null;

    /// <summary>The string map under <paramref name="key"/> (labels, selectors); non-string values are skipped.</summary>
    public static Dictionary<string, string> StringMap(JsonNode? node, string key)
    {
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        if (node is JsonObject obj && obj[key] is JsonObject values)
        {
            foreach (var (k, v) in values)
            {
                if (v is JsonValue value && value.GetValueKind() == JsonValueKind.String)
                {
                    map[k] = value.GetValue<string>();
                }
            }
        }

        return map;
    }

    /// <summary>A JSON object for a string map, keys in the given order.</summary>
    public static JsonObject FromMap(IEnumerable<KeyValuePair<string, string>> map)
    {
        var obj = new JsonObject();
        foreach (var (k, v) in map)
        {
            obj[k] = v;
        }

        return obj;
    }

    /// <summary>The items of the array under <paramref name="key"/> that are objects.</summary>
    public static IEnumerable<JsonObject> Objects(JsonNode? node, string key) =>
        node is JsonObject obj && obj[key] is JsonArray items ? items.OfType<JsonObject>() : [];

    /// <summary>"Kind namespace/name" for messages.</summary>
    public static string Describe(JsonObject obj) =>
        $"{String(obj, "kind") ?? "object"} {String(obj["metadata"], "namespace") ?? ""}/{String(obj["metadata"], "name") ?? "(unnamed)"}".Replace(" /", " ", StringComparison.Ordinal);

    /// <summary>The object's namespace, or null.</summary>
    public static string? Namespace(JsonObject obj) => String(obj["metadata"], "namespace");

    /// <summary>Two values equal as JSON (null equals missing).</summary>
    public static bool Same(JsonNode? a, JsonNode? b) => JsonNode.DeepEquals(a, b);
}
