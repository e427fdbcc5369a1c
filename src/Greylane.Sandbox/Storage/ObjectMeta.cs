using System.Globalization;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Storage;

/// <summary>Reads and writes the <c>metadata</c> fields the store and REST layer care about.</summary>
public static class ObjectMeta
{
    /// <summary>The object's <c>metadata</c>, created when missing.</summary>
    public static JsonObject Metadata(this JsonObject obj)
    {
        if (obj["metadata"] is JsonObject meta)
        {
            return meta;
        }

        meta = [];
        obj["metadata"] = meta;
        return meta;
    }

    /// <summary>A string field of <c>metadata</c>, or null when absent or not a string.</summary>
    public static string? MetaString(this JsonObject obj, string field) =>
        obj["metadata"] is JsonObject meta && meta[field] is JsonValue v && v.TryGetValue(out string? s) ? s : null;

    /// <summary><c>metadata.name</c> or the empty string.</summary>
    public static string Name(this JsonObject obj) => obj.MetaString("name") ?? "";

    /// <summary><c>metadata.namespace</c> or null.</summary>
    public static string? Namespace(this JsonObject obj) => obj.MetaString("namespace") is { Length: > 0 } ns ? ns : null;

    /// <summary><c>metadata.resourceVersion</c> parsed, or null when absent or empty.</summary>
    public static string? ResourceVersion(this JsonObject obj) => obj.MetaString("resourceVersion") is { Length: > 0 } rv ? rv : null;

    /// <summary><c>metadata.generation</c>, 0 when absent.</summary>
    public static long Generation(this JsonObject obj) =>
        JsonNumbers.AsLong(obj["metadata"]?["generation"]) ?? 0;

    /// <summary>True when <c>metadata.finalizers</c> holds at least one entry.</summary>
    public static bool HasFinalizers(this JsonObject obj) =>
        obj["metadata"] is JsonObject meta && meta["finalizers"] is JsonArray { Count: > 0 };

    /// <summary>The labels as a dictionary (empty when none).</summary>
    public static IReadOnlyDictionary<string, string> Labels(this JsonObject obj)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        if (obj["metadata"] is JsonObject meta && meta["labels"] is JsonObject map)
        {
            foreach (var (key, value) in map)
            {
                labels[key] = value is JsonValue v && v.TryGetValue(out string? s) ? s : value?.ToJsonString() ?? "";
            }
        }

        return labels;
    }

    /// <summary>RFC 3339 at whole seconds, as <c>metav1.Time</c> serialises.</summary>
    public static string Timestamp(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
