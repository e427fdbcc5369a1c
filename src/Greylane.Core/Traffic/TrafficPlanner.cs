using System.Text.Json.Nodes;
using Greylane.Core.Strategy;

namespace Greylane.Core.Traffic;

/// <summary>Every routing object of one step, or of the restore, from the live objects (each computed from its saved original).</summary>
public static class TrafficPlanner
{
    /// <summary>The objects that put <paramref name="step"/> in place, or every reason Greylane refuses to.</summary>
    public static TrafficPlan Step(TrafficObjects live, StepSpec step, TrafficTarget target, ReleasePods pods)
    {
        RoutingMode mode;
        try
        {
            mode = RoutingObjects.Mode(live.VirtualServices, target);
        }
        catch (TrafficException e)
        {
            return new TrafficPlan(RoutingMode.Subset, [], [], [e.Message], []);
        }

        var errors = new List<string>();
        var notes = new List<string>();
        var prepare = new List<JsonObject>();
        var routes = new List<JsonObject>();
        if (live.VirtualServices.Count == 0)
        {
            errors.Add($"Service {target.Service}: no VirtualService routes to it; name one in traffic.istio.virtualServices or create one for host {target.Service}");
        }

        if (mode == RoutingMode.Subset)
        {
            if (live.DestinationRule is null)
            {
                errors.Add($"Service {target.Service}: the routes use subsets, but no DestinationRule for host {target.Service} was found; name it in traffic.istio.destinationRule");
            }
            else
            {
                Collect(DestinationRuleTransform.Desired(live.DestinationRule, target, RoutingObjects.StableSubsets(live.VirtualServices, target)), prepare, errors, notes);
            }
        }
        else if (live.Service is null)
        {
            errors.Add($"Service {target.Service}: the routes send to the host without subsets, so Greylane needs the Service to split stable and canary pods, and it was not found");
        }
        else
        {
            Collect(HostModeServices.CanaryService(live.Service, target, pods.Release, pods.Owner), prepare, errors, notes);
            Collect(HostModeServices.PinnedStableService(live.Service, target, pods.StablePodTemplateHash), prepare, errors, notes);
        }

        foreach (var vs in live.VirtualServices)
        {
            Collect(VirtualServiceTransform.Desired(vs, step, target, mode), routes, errors, notes);
        }

        return new TrafficPlan(mode, prepare, routes, errors, notes);
    }

    /// <summary>The objects that take the release's routing out, keeping what others changed meanwhile.</summary>
    public static TrafficRestorePlan Restore(TrafficObjects live, TrafficTarget target)
    {
        var mode = RestoreMode(live.VirtualServices, target);
        var results = live.VirtualServices.Where(vs => HasOrigin(vs) || HasGreylaneRoute(vs, target)).Select(vs => VirtualServiceRestore.Restore(vs, target, mode)).ToList();
        var routes = results.Select(r => r.Restored).ToList();
        var cleanup = new List<RestoreResult>();
        if (live.DestinationRule is { } dr
            && (HasOrigin(dr) || Json.Objects(dr["spec"], "subsets").Any(s => Json.String(s, "name") == target.CanarySubset)))
        {
            cleanup.Add(DestinationRuleRestore.Restore(dr, target));
        }

        if (live.Service is { } service && HasOrigin(service))
        {
            cleanup.Add(ServiceRestore.Restore(service));
        }

        var all = results.Concat(cleanup).ToList();
        return new TrafficRestorePlan(
            routes,
            [.. cleanup.Select(r => r.Restored)],
            mode == RoutingMode.Host ? target.CanaryService : null,
            all.All(r => r.Untouched),
            [.. all.SelectMany(r => r.Notes)]);
    }

    private static bool HasOrigin(JsonObject obj) => obj["metadata"]?["annotations"]?[GreylaneKeys.Origin] is not null;

    private static bool HasGreylaneRoute(JsonObject vs, TrafficTarget target) =>
        RouteKinds.All.SelectMany(kind => Json.Objects(vs["spec"], kind))
            .Any(r => Json.String(r, "name")?.StartsWith(target.RouteNamePrefix, StringComparison.Ordinal) == true);

    // A restore must go on even when an origin annotation was damaged: then the live routes decide the mode.
    private static RoutingMode RestoreMode(IReadOnlyList<JsonObject> virtualServices, TrafficTarget target)
    {
        try
        {
            return RoutingObjects.Mode(virtualServices, target);
        }
        catch (TrafficException)
        {
            return RoutingObjects.Mode([.. virtualServices.Select(OriginAnnotation.Remove)], target);
        }
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
