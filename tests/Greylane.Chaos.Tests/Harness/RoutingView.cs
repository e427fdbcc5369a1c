using System.Text.Json.Nodes;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// What the routing objects say, read independently of the product's code: the VirtualService's lane routes
/// (<c>greylane-…</c>) and canary weight, and whether the DestinationRule defines the canary subset.
/// </summary>
internal sealed record RoutingView(Traffic Traffic, bool CanarySubset, bool Origin)
{
    public const string CanarySubsetName = "canary";

    public static RoutingView Read(JsonObject? virtualService, JsonObject? destinationRule)
    {
        var lane = false;
        var weight = 0;
        foreach (var route in (virtualService?["spec"]?["http"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var destinations = (route["route"] as JsonArray ?? []).OfType<JsonObject>().ToList();
            var toCanary = destinations.Where(d => d["destination"]?["subset"]?.GetValue<string>() == CanarySubsetName).ToList();
            if (route["name"]?.GetValue<string>()?.StartsWith("greylane-", StringComparison.Ordinal) == true)
            {
                lane |= toCanary.Count > 0;
                continue;
            }

            // Istio: a lone destination takes everything; among several, an omitted weight is 0.
            weight += toCanary.Sum(d => JsonInt.Of(d["weight"]) ?? (destinations.Count == 1 ? 100 : 0));
        }

        var subset = (destinationRule?["spec"]?["subsets"] as JsonArray ?? []).OfType<JsonObject>()
            .Any(s => s["name"]?.GetValue<string>() == CanarySubsetName);
        var origin = virtualService?["metadata"]?["annotations"]?["greylane.dev/origin"] is not null
            || destinationRule?["metadata"]?["annotations"]?["greylane.dev/origin"] is not null;
        return new RoutingView(new Traffic(lane, weight), subset, origin);
    }

    public override string ToString() => $"{Traffic}{(CanarySubset ? " +subset" : "")}";
}
