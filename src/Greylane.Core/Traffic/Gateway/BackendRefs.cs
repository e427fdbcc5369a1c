using System.Text.Json.Nodes;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>Recognises and builds the <c>backendRefs</c> of one release's Service in a route of <paramref name="routeNamespace"/>.</summary>
internal sealed class BackendRefs(TrafficTarget target, string routeNamespace)
{
    public TrafficTarget Target { get; } = target;

    /// <summary>A backendRef to the stable Service (core group, kind Service, the route's namespace).</summary>
    public bool IsStable(JsonObject backendRef) => Names(backendRef, Target.Service);

    /// <summary>A backendRef to the canary Service (what Greylane adds).</summary>
    public bool IsCanary(JsonObject backendRef) => Names(backendRef, Target.CanaryService);

    /// <summary>True when a rule sends some traffic to the stable Service.</summary>
    public bool RoutesToStable(JsonObject rule) => Json.Objects(rule, "backendRefs").Any(IsStable);

    /// <summary>The namespace of a backendRef that names a Service of the release's name in another namespace, else null.</summary>
    public string? Foreign(JsonObject backendRef) =>
        IsService(backendRef) && Json.String(backendRef, "name") == Target.Service
            && Json.String(backendRef, "namespace") is { } ns && ns != routeNamespace
            ? ns
            : null;

    /// <summary>The canary twin of a stable backendRef: same port and filters, the canary Service, no weight.</summary>
    public JsonObject CanaryOf(JsonObject stable)
    {
        var canary = stable.DeepClone().AsObject();
        canary["name"] = Target.CanaryService;
        canary.Remove("weight");
        return canary;
    }

    /// <summary>A backendRef's weight: Gateway API's default is 1.</summary>
    public static long Weight(JsonObject backendRef) => Json.Integer(backendRef, "weight") ?? 1;

    private bool Names(JsonObject backendRef, string service) =>
        IsService(backendRef)
        && Json.String(backendRef, "name") == service
        && (Json.String(backendRef, "namespace") ?? routeNamespace) == routeNamespace
        && routeNamespace == Target.Namespace;

    // The defaults the API server fills in: group "" (core) and kind Service.
    private static bool IsService(JsonObject backendRef) =>
        (Json.String(backendRef, "group") ?? "") is "" or "core" && (Json.String(backendRef, "kind") ?? "Service") == "Service";
}
