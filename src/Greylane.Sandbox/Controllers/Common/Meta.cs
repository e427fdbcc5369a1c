using System.Globalization;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Controllers.Common;

/// <summary>Read helpers for the metadata and small fields of JSON Kubernetes objects.</summary>
internal static class Meta
{
    public static JsonObject Metadata(JsonObject obj) => obj["metadata"] as JsonObject ?? [];

    public static string Name(JsonObject obj) => Str(Metadata(obj), "name") ?? "";

    public static string Namespace(JsonObject obj) => Str(Metadata(obj), "namespace") ?? "";

    public static string Uid(JsonObject obj) => Str(Metadata(obj), "uid") ?? "";

    public static long Generation(JsonObject obj) => Int(Metadata(obj), "generation") ?? 0;

    public static bool IsDeleting(JsonObject obj) => Metadata(obj)["deletionTimestamp"] is not null;

    public static DateTimeOffset? CreationTimestamp(JsonObject obj) => Time(Metadata(obj), "creationTimestamp");

    public static IReadOnlyDictionary<string, string> Labels(JsonObject obj) => Storage.ObjectMeta.Labels(obj);

    public static string? Annotation(JsonObject obj, string key) => Str(Metadata(obj)["annotations"] as JsonObject, key);

    public static Dictionary<string, string> StringMap(JsonObject? map)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, value) in map ?? [])
        {
            if (value is JsonValue v && v.TryGetValue<string>(out var s))
            {
                result[key] = s;
            }
        }

        return result;
    }

    public static string? Str(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    public static long? Int(JsonObject? obj, string key) => obj?[key] is JsonValue v ? AsLong(v) : null;

    public static bool Bool(JsonObject? obj, string key) =>
        obj?[key] is JsonValue v && v.TryGetValue<bool>(out var b) && b;

    public static DateTimeOffset? Time(JsonObject? obj, string key) =>
        Str(obj, key) is { } s && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var t) ? t : null;

    public static JsonObject Child(JsonObject parent, string key)
    {
        if (parent[key] is JsonObject existing)
        {
            return existing;
        }

        var created = new JsonObject();
        parent[key] = created;
        return created;
    }

    private static long? AsLong(JsonValue v)
    {
        if (v.TryGetValue<long>(out var l))
        {
            return l;
        }

        if (v.TryGetValue<int>(out var i))
        {
            return i;
        }

        return v.TryGetValue<double>(out var d) ? (long)d : null;
    }
}
