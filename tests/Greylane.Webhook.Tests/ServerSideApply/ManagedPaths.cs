using System.Text.Json.Nodes;

namespace Greylane.Webhook.ServerSideApply.Tests;

/// <summary>
/// The fields each manager owns, read from an object's <c>metadata.managedFields</c> (FieldsV1) as dotted paths:
/// <c>spec.paused</c>, <c>metadata.annotations.greylane.dev/status</c>, <c>spec.template.spec.containers[name=app].image</c>.
/// </summary>
internal static class ManagedPaths
{
    /// <summary>Manager name → the leaf paths it owns (entries of one manager, Apply and Update alike, joined).</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Of(JsonObject obj)
    {
        var owners = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var entry in (obj["metadata"]?["managedFields"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var manager = entry["manager"]!.GetValue<string>();
            if (!owners.TryGetValue(manager, out var paths))
            {
                owners[manager] = paths = [];
            }

            Walk(entry["fieldsV1"] as JsonObject ?? [], "", paths);
        }

        return owners.ToDictionary(o => o.Key, o => (IReadOnlyList<string>)o.Value, StringComparer.Ordinal);
    }

    /// <summary>The paths <paramref name="manager"/> owns (none when it has no entry).</summary>
    public static IReadOnlyList<string> Owned(JsonObject obj, string manager) => Of(obj).GetValueOrDefault(manager) ?? [];

    private static void Walk(JsonObject set, string prefix, List<string> paths)
    {
        foreach (var (key, child) in set)
        {
            if (key == ".")
            {
                continue;
            }

            var name = key switch
            {
                _ when key.StartsWith("f:", StringComparison.Ordinal) => (prefix.Length == 0 ? "" : prefix + ".") + key[2..],
                _ when key.StartsWith("k:", StringComparison.Ordinal) => prefix + "[" + KeyText(key[2..]) + "]",
                _ => prefix + "[" + key + "]",
            };
            if (child is JsonObject { Count: > 0 } inner && inner.Any(p => p.Key != "."))
            {
                Walk(inner, name, paths);
            }
            else
            {
                paths.Add(name);
            }
        }
    }

    private static string KeyText(string json) =>
        string.Join(",", (JsonNode.Parse(json) as JsonObject ?? []).Select(p => $"{p.Key}={p.Value}"));
}
