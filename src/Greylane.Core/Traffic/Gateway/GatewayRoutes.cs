using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>Facts about Gateway API routes, read from their original specs.</summary>
public static class GatewayRoutes
{
    /// <summary>Discovery by backendRef: true when a rule of the route's original spec has a backendRef to the Service.</summary>
    public static bool RoutesTo(JsonObject route, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(route);
        ArgumentNullException.ThrowIfNull(target);
        var refs = new BackendRefs(target, Json.Namespace(route) ?? target.Namespace);
        JsonObject spec;
        try
        {
            spec = OriginAnnotation.OriginalSpec(route);
        }
        catch (TrafficException)
        {
            spec = route["spec"] as JsonObject ?? [];
        }

        return Json.Objects(spec, "rules").Any(refs.RoutesToStable);
    }

    /// <summary>True when the route carries a rule this release added (named <c>greylane-&lt;deployment&gt;-…</c>).</summary>
    public static bool HasGreylaneRule(JsonObject route, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        return Json.Objects(route?["spec"], "rules").Any(r => Json.String(r, "name")?.StartsWith(target.RouteNamePrefix, StringComparison.Ordinal) == true);
    }

    /// <summary>
    /// The rules of a live route that carry the release: Greylane's named rules and rules with a backendRef to the canary
    /// Service (what a later step or a restore must take out again).
    /// </summary>
    public static IReadOnlyList<JsonObject> Footprint(JsonObject? route, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(target);
        if (route is null)
        {
            return [];
        }

        var refs = new BackendRefs(target, Json.Namespace(route) ?? target.Namespace);
        return [.. Json.Objects(route["spec"], "rules").Where(r =>
            Json.String(r, "name")?.StartsWith(target.RouteNamePrefix, StringComparison.Ordinal) == true
            || Json.Objects(r, "backendRefs").Any(refs.IsCanary))];
    }
}
