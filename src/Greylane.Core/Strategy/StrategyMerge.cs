using System.Text.Json.Nodes;

namespace Greylane.Core.Strategy;

/// <summary>
/// The inline strategy over the shared one, the way Helm merges values: mappings merge key by key, lists and
/// scalars from the inline strategy replace the shared ones whole, and an inline <c>null</c> removes a shared key.
/// </summary>
internal static class StrategyMerge
{
    /// <summary>The merged mapping; <paramref name="sharedPaths"/> receives the paths whose values came from the shared strategy.</summary>
    public static JsonObject Merge(JsonObject? shared, JsonObject? inline, ICollection<string> sharedPaths)
    {
        if (inline is null)
        {
            if (shared is not null)
            {
                sharedPaths.Add("");
            }

            return (JsonObject?)shared?.DeepClone() ?? [];
        }

        return shared is null ? (JsonObject)inline.DeepClone() : Objects(shared, inline, "", sharedPaths);
    }

    private static JsonObject Objects(JsonObject shared, JsonObject inline, string path, ICollection<string> sharedPaths)
    {
        var merged = new JsonObject();
        foreach (var (key, sharedValue) in shared)
        {
            var child = ChildPath(path, key);
            if (!inline.TryGetPropertyValue(key, out var inlineValue))
            {
                merged[key] = sharedValue?.DeepClone();
                sharedPaths.Add(child);
            }
            else if (inlineValue is JsonObject inlineMap && sharedValue is JsonObject sharedMap)
            {
                merged[key] = Objects(sharedMap, inlineMap, child, sharedPaths);
            }
            else if (inlineValue is not null)
            {
                merged[key] = inlineValue.DeepClone();
            }
        }

        foreach (var (key, inlineValue) in inline)
        {
            if (!shared.ContainsKey(key))
            {
                merged[key] = inlineValue?.DeepClone();
            }
        }

        return merged;
    }

    // Label keys hold dots and slashes, so the errors about them use the bracket form.
    private static string ChildPath(string path, string key) =>
        path == StrategyFields.CanaryLabels ? StrategyPath.Key(path, key) : StrategyPath.Field(path, key);
}
