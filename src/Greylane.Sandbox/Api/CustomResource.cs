using System.Text.Json.Nodes;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Api;

/// <summary>A served version of a CRD: its resource type, the printer columns <c>kubectl get</c> shows, and its schema.</summary>
internal sealed record CustomResource(ResourceType Type, IReadOnlyList<PrinterColumn> Columns, JsonObject? Schema)
{
    public static IReadOnlyList<CustomResource> FromCrd(JsonObject crd)
    {
        var spec = crd["spec"] as JsonObject ?? [];
        var names = spec["names"] as JsonObject ?? [];
        var group = Text(spec["group"]);
        var plural = Text(names["plural"]);
        var kind = Text(names["kind"]);
        var namespaced = Text(spec["scope"]) != "Cluster";
        var shortNames = (names["shortNames"] as JsonArray ?? []).Select(Text).Where(s => s.Length > 0).ToArray();
        return [.. (spec["versions"] as JsonArray ?? [])
            .OfType<JsonObject>()
            .Where(v => v["served"] is not JsonValue s || !s.TryGetValue(out bool served) || served)
            .Select(v => new CustomResource(
                new ResourceType(group, Text(v["name"]), plural, kind, namespaced, shortNames,
                    [.. (v["subresources"] as JsonObject ?? []).Select(p => p.Key)]),
                [.. (v["additionalPrinterColumns"] as JsonArray ?? []).OfType<JsonObject>().Select(PrinterColumn.FromCrd)],
                (v["schema"]?["openAPIV3Schema"] as JsonObject)?.DeepClone() as JsonObject))];
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : "";
}
