using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic.Gateway;

/// <summary>Every object of one Gateway API step, or of the restore, from the live objects (each route computed from its saved original).</summary>
public static class GatewayPlanner
{
    /// <summary>
    /// The objects that put <paramref name="step"/> in place (Prepare: the canary Service, then the stable Service pinned
    /// to stable pods; Routes: the routes), or every reason Greylane refuses to.
    /// </summary>
    public static TrafficPlan Step(GatewayObjects live, StepSpec step, TrafficTarget target, ReleasePods pods)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(pods);
        var errors = new List<string>();
        var notes = new List<string>();
        var prepare = new List<JsonObject>();
        var routes = new List<JsonObject>();
        if (live.Routes.Count == 0)
        {
            errors.Add($"Service {target.Namespace}/{target.Service}: no HTTPRoute or GRPCRoute of {target.Namespace} has a backendRef to it; name the routes in traffic.gatewayAPI or add a backendRef to {target.Service}");
        }

        if (live.Service is null)
        {
            errors.Add($"Service {target.Namespace}/{target.Service}: not found; Gateway API routing needs it to build the canary Service {target.CanaryService} (same ports, canary pods only)");
        }
        else
        {
            Collect(HostModeServices.CanaryService(live.Service, target, pods.Release, pods.Owner), prepare, errors, notes);
            Collect(HostModeServices.PinnedStableService(live.Service, target, pods.StablePodTemplateHash), prepare, errors, notes);
        }

        foreach (var route in live.Routes)
        {
            Collect(GatewayRouteTransform.Desired(route, step, target), routes, errors, notes);
        }

        return new TrafficPlan(RoutingMode.Host, prepare, routes, errors, notes);
    }

    /// <summary>
    /// The objects that take the release's routing out, keeping what others changed meanwhile: the routes first, then the
    /// stable Service unpinned (when it is among <paramref name="live"/>), then the canary Service deleted.
    /// </summary>
    public static TrafficRestorePlan Restore(GatewayObjects live, TrafficTarget target)
    {
        ArgumentNullException.ThrowIfNull(live);
        ArgumentNullException.ThrowIfNull(target);
        var results = live.Routes
            .Where(r => r["metadata"]?["annotations"]?[GreylaneKeys.Origin] is not null || GatewayRoutes.Footprint(r, target).Count > 0)
            .Select(r => GatewayRouteRestore.Restore(r, target))
            .ToList();
        var cleanup = new List<RestoreResult>();
        if (live.Service is { } service && service["metadata"]?["annotations"]?[GreylaneKeys.Origin] is not null)
        {
            cleanup.Add(ServiceRestore.Restore(service));
        }

        var all = results.Concat(cleanup).ToList();
        return new TrafficRestorePlan(
            [.. results.Select(r => r.Restored)],
            [.. cleanup.Select(r => r.Restored)],
            target.CanaryService,
            all.All(r => r.Untouched),
            [.. all.SelectMany(r => r.Notes)]);
    }

    private static void Collect(TrafficResult result, List<JsonObject> into, List<string> errors, List<string> notes)
    {
        if (result.Desired is not null)
        {
            into.Add(result.Desired);
        }

        errors.AddRange(result.Errors);
        notes.AddRange(result.Notes);
    }
}
