using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>
/// Compares a live routing object with the desired one on Greylane's changes only (its routes, canary destinations,
/// subset, pinned selector, origin annotation), so the controller re-asserts when they were reverted and leaves
/// unrelated edits alone instead of flapping.
/// </summary>
public static class TrafficDrift
{
    /// <summary>What of <paramref name="desired"/> (as built by the transforms) is missing from <paramref name="live"/>.</summary>
    public static DriftReport Check(JsonObject live, JsonObject desired)
    {
        var subject = Json.Describe(desired);
        var missing = new List<string>();
        var wantedOrigin = desired["metadata"]?["annotations"]?[GreylaneKeys.Origin];
        if (!Json.Same(live["metadata"]?["annotations"]?[GreylaneKeys.Origin], wantedOrigin))
        {
            missing.Add($"{subject}: annotation {GreylaneKeys.Origin} is missing or changed");
        }

        var origin = OriginAnnotation.Read(desired) ?? [];
        var wanted = desired["spec"] as JsonObject ?? [];
        var actual = live["spec"] as JsonObject ?? [];
        // Of a Service Greylane owns only the selector; the API server defaults ports, clusterIP and more.
        var kind = Json.String(desired, "kind");
        foreach (var (key, value) in wanted.Where(p => kind != "Service" || p.Key == "selector"))
        {
            if (value is JsonArray items && items.All(i => i is JsonObject))
            {
                var liveItems = actual[key] as JsonArray ?? [];
                var originItems = origin[key] as JsonArray ?? [];
                foreach (var item in items.Where(i => !originItems.Any(o => Json.Same(o, i))))
                {
                    if (!liveItems.Any(l => Json.Same(l, item)))
                    {
                        missing.Add($"{subject}: spec.{key} lacks {Label(item!)}");
                    }
                }
            }
            else if (!Json.Same(value, origin[key]) && !Json.Same(value, actual[key]))
            {
                missing.Add($"{subject}: spec.{key} is not as Greylane set it");
            }
        }

        return new DriftReport(missing);
    }

    private static string Label(JsonNode item) =>
        Json.String(item, "name") is { } name ? $"`{name}`" : $"the entry {item.ToJsonString()}";
}
