using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic;

/// <summary>Recognises and builds the route destinations (Istio <c>RouteDestination</c>) of one release's host.</summary>
internal sealed class HostDestinations(TrafficTarget target, RoutingMode mode, string objectNamespace)
{
    public TrafficTarget Target { get; } = target;

    public RoutingMode Mode { get; } = mode;

    /// <summary>A destination that sends the Service's host to stable pods.</summary>
    public bool IsStable(JsonObject routeDestination) =>
        ServiceHost.Names(Host(routeDestination), Target.Service, Target.Namespace, objectNamespace)
        && Json.String(routeDestination["destination"], "subset") != Target.CanarySubset;

    /// <summary>A destination to the canary (what Greylane adds).</summary>
    public bool IsCanary(JsonObject routeDestination) => Mode switch
    {
        RoutingMode.Subset => ServiceHost.Names(Host(routeDestination), Target.Service, Target.Namespace, objectNamespace)
            && Json.String(routeDestination["destination"], "subset") == Target.CanarySubset,
        _ => ServiceHost.Names(Host(routeDestination), Target.CanaryService, Target.Namespace, objectNamespace),
    };

    /// <summary>True when the route (http, tls or tcp) sends some traffic of the host to stable.</summary>
    public bool RoutesToStable(JsonObject route) => Json.Objects(route, "route").Any(IsStable);

    /// <summary>The canary twin of a stable destination: same port and header operations, the canary subset or host, no weight.</summary>
    public JsonObject CanaryOf(JsonObject stable)
    {
        var canary = stable.DeepClone().AsObject();
        canary.Remove("weight");
        var destination = Json.ObjectAt(canary, "destination");
        if (Mode == RoutingMode.Subset)
        {
            destination["subset"] = Target.CanarySubset;
        }
        else
        {
            destination["host"] = ServiceHost.Rename(Json.String(destination, "host") ?? Target.Service, Target.Service, Target.CanaryService);
            destination.Remove("subset");
        }

        return canary;
    }

    /// <summary>The first destination that names the Service in another namespace, if any.</summary>
    public string? ForeignHost(JsonObject route) =>
        Json.Objects(route, "route").Select(Host).FirstOrDefault(h => ServiceHost.ForeignNamespace(h, Target.Service, Target.Namespace) is not null);

    private static string? Host(JsonObject routeDestination) => Json.String(routeDestination["destination"], "host");
}
