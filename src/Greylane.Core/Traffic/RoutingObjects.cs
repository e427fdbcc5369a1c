using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>Facts about the routing objects of one release, read from their original specs.</summary>
public static class RoutingObjects
{
    /// <summary>
    /// Checks a VirtualService or DestinationRule name from a strategy: references never leave the Deployment's
    /// namespace, so <c>ns/name</c> and dotted names are refused. Null when the name is fine, else the error.
    /// </summary>
    public static string? CheckReference(string kind, string name, string @namespace) =>
        name.Contains('/', StringComparison.Ordinal) || name.Contains('.', StringComparison.Ordinal)
            ? $"{kind} `{name}`: references never leave the Deployment's namespace {@namespace}; name the {kind} alone (e.g. `{name.Split('/', '.')[^1]}`) and keep it in {@namespace}"
            : null;

    /// <summary>
    /// <see cref="RoutingMode.Subset"/> when every destination of the Service in the original routes names a subset;
    /// otherwise <see cref="RoutingMode.Host"/> (a destination without subset would also reach canary pods).
    /// </summary>
    /// <exception cref="TrafficException">An origin annotation is damaged.</exception>
    public static RoutingMode Mode(IEnumerable<JsonObject> virtualServices, TrafficTarget target)
    {
        var destinations = StableDestinations(virtualServices, target).ToList();
        return destinations.Count > 0 && destinations.All(d => Json.String(d["destination"], "subset") is not null)
            ? RoutingMode.Subset
            : RoutingMode.Host;
    }

    /// <summary>The subsets the original routes send the Service's stable traffic to (the DestinationRule check needs them).</summary>
    public static IReadOnlyList<string> StableSubsets(IEnumerable<JsonObject> virtualServices, TrafficTarget target) =>
        [.. StableDestinations(virtualServices, target)
            .Select(d => Json.String(d["destination"], "subset"))
            .OfType<string>()
            .Distinct(StringComparer.Ordinal)];

    /// <summary>Discovery by host: true when the VirtualService's original routes send traffic to the Service (any form of its host).</summary>
    public static bool RoutesTo(JsonObject virtualService, TrafficTarget target)
    {
        try
        {
            return StableDestinations([virtualService], target).Any();
        }
        catch (TrafficException)
        {
            return StableDestinations([OriginAnnotation.Remove(virtualService)], target).Any();
        }
    }

    /// <summary>
    /// Discovery of the Service (when <c>traffic.service</c> is not named): true when the Service's original selector is
    /// not empty and every entry holds on the pod template's labels. The original, because a pinned stable Service also
    /// carries <c>pod-template-hash</c>, which template labels never have.
    /// </summary>
    public static bool SelectsPods(JsonObject service, IReadOnlyDictionary<string, string> templateLabels)
    {
        JsonObject spec;
        try
        {
            spec = OriginAnnotation.OriginalSpec(service);
        }
        catch (TrafficException)
        {
            spec = service["spec"] as JsonObject ?? [];
        }

        var selector = spec["selector"] as JsonObject ?? [];
        return selector.Count > 0 && selector.All(p => templateLabels.TryGetValue(p.Key, out var v) && v == Json.String(spec["selector"], p.Key));
    }

    /// <summary>Discovery by host: true when the DestinationRule is for the Service's host (and in its namespace).</summary>
    public static bool IsDestinationRuleFor(JsonObject destinationRule, TrafficTarget target) =>
        (Json.Namespace(destinationRule) ?? target.Namespace) == target.Namespace
        && ServiceHost.Names(Json.String(destinationRule["spec"], "host"), target.Service, target.Namespace, target.Namespace);

    /// <summary>The object's namespace (its own, or the target's when unset); a foreign one is refused.</summary>
    internal static string RequireNamespace(JsonObject obj, TrafficTarget target)
    {
        var ns = Json.Namespace(obj) ?? target.Namespace;
        return ns == target.Namespace
            ? ns
            : throw new TrafficException(Json.Describe(obj), $"is in namespace {ns}, but the Deployment {target.Deployment} is in {target.Namespace}; references never leave the Deployment's namespace, so use a VirtualService or DestinationRule in {target.Namespace}");
    }

    private static IEnumerable<JsonObject> StableDestinations(IEnumerable<JsonObject> virtualServices, TrafficTarget target) =>
        virtualServices.SelectMany(vs =>
        {
            var hosts = new HostDestinations(target, RoutingMode.Subset, Json.Namespace(vs) ?? target.Namespace);
            var spec = OriginAnnotation.OriginalSpec(vs);
            return RouteKinds.All.SelectMany(kind => Json.Objects(spec, kind)).SelectMany(r => Json.Objects(r, "route")).Where(hosts.IsStable);
        });
}
