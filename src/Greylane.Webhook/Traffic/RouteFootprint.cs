using System.Text.Json.Nodes;
using Greylane.Core.Traffic;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// The routes of a VirtualService that carry a release: those Greylane named (<c>greylane-&lt;deployment&gt;-…</c>) and
/// those that send to the canary. <see cref="TrafficDrift"/> says what the desired object lacks; this says what the
/// live object has that the step no longer wants (a previous step's match route or weight).
/// </summary>
internal static class RouteFootprint
{
    private static readonly string[] RouteKinds = ["http", "tls", "tcp"];

    public static IReadOnlyList<JsonObject> Of(JsonObject? virtualService, TrafficTarget target) =>
        [.. RouteKinds
            .SelectMany(kind => (virtualService?["spec"]?[kind] as JsonArray ?? []).OfType<JsonObject>())
            .Where(route => Named(route, target) || (route["route"] as JsonArray ?? []).OfType<JsonObject>().Any(d => ToCanary(d, target)))];

    /// <summary>True when every release route of <paramref name="live"/> is one <paramref name="desired"/> has too.</summary>
    public static bool Within(JsonObject live, JsonObject desired, TrafficTarget target)
    {
        var wanted = Of(desired, target);
        return Of(live, target).All(route => wanted.Any(w => JsonNode.DeepEquals(w, route)));
    }

    private static bool Named(JsonObject route, TrafficTarget target) =>
        route["name"] is JsonValue v && v.TryGetValue<string>(out var name) && name.StartsWith(target.RouteNamePrefix, StringComparison.Ordinal);

    // Short or qualified host (`mocka`, `mocka.e2e.svc.cluster.local`); other namespaces are refused before this matters.
    private static bool ToCanary(JsonObject routeDestination, TrafficTarget target)
    {
        var destination = routeDestination["destination"];
        var host = destination?["host"] is JsonValue h && h.TryGetValue<string>(out var text) ? text.Split('.')[0] : null;
        var subset = destination?["subset"] is JsonValue s && s.TryGetValue<string>(out var name) ? name : null;
        return (host == target.Service && subset == target.CanarySubset) || host == target.CanaryService;
    }
}
