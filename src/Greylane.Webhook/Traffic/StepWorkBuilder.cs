using System.Text.Json.Nodes;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Webhook.Traffic;

/// <summary>
/// Compares the live objects with what one step wants: the <see cref="TrafficPlanner"/> objects for a step that changes
/// routing, the original routes (others' edits kept) for a step that does not, and the lane's dye EnvoyFilter.
/// </summary>
internal sealed class StepWorkBuilder(RoutingApi api)
{
    public async Task<StepWork> BuildAsync(RoutedRelease release, StepSpec? step, RoutingWorld world, CancellationToken ct)
    {
        var target = world.Target ?? throw new ArgumentException("the world has no target", nameof(world));
        var pending = new List<PendingWrite>();
        var errors = new List<string>();
        var notes = new List<string>();
        if (step is { ChangesRouting: true })
        {
            var pods = await PodsAsync(release, world, errors, ct).ConfigureAwait(false);
            if (pods is not null)
            {
                var plan = TrafficPlanner.Step(world.Objects, step, target, pods);
                errors.AddRange(plan.Errors);
                notes.AddRange(plan.Notes);
                if (plan.IsValid)
                {
                    pending.AddRange(plan.Prepare.Concat(plan.Routes).Select(d => Compare(world.Find(d), d, target)).OfType<PendingWrite>());
                }
            }
        }
        else
        {
            // No routing change: the original routes, without the origin annotation, so nothing is written while they are original.
            foreach (var restored in TrafficPlanner.Restore(world.Objects, target).Routes)
            {
                if (world.Find(restored) is { } live && RouteFootprint.Of(live, target).Count > 0)
                {
                    pending.Add(new PendingWrite(restored, live, []));
                }
            }
        }

        if (errors.Count == 0 && await LaneDyeWork.CompareAsync(api, release, target.Namespace, errors, notes, ct).ConfigureAwait(false) is { } dye)
        {
            pending.Add(dye);
        }

        return new StepWork(errors.Count == 0 ? pending : [], errors, notes);
    }

    private static PendingWrite? Compare(JsonObject? live, JsonObject desired, TrafficTarget target)
    {
        if (live is null)
        {
            return new PendingWrite(desired, null, [$"{Describe(desired)} does not exist"]);
        }

        var drift = TrafficDrift.Check(live, desired);
        var stale = RoutingApi.Kind(desired) == "VirtualService" && !RouteFootprint.Within(live, desired, target);
        if (drift.InPlace && !stale)
        {
            return null;
        }

        var body = RoutingApi.Kind(desired) == "Service" && RoutingApi.Name(desired) == target.CanaryService ? CanaryServiceUpdate(live, desired) : desired;
        return new PendingWrite(body, live, drift.Missing);
    }

    // An existing canary Service keeps what the API server allocated (clusterIP); Greylane sets its selector, ports and
    // owner. Both routers' canary Services (Istio host mode, Gateway API) are updated this way.
    internal static JsonObject CanaryServiceUpdate(JsonObject live, JsonObject desired)
    {
        var body = live.DeepClone().AsObject();
        var spec = body["spec"] as JsonObject ?? [];
        spec["selector"] = desired["spec"]?["selector"]?.DeepClone();
        spec["ports"] = desired["spec"]?["ports"]?.DeepClone();
        body["spec"] = spec;
        OwnerReferences.Ensure(body, desired);
        return body;
    }

    private async Task<ReleasePods?> PodsAsync(RoutedRelease release, RoutingWorld world, List<string> errors, CancellationToken ct)
    {
        var deployment = release.Deployment;
        var owner = deployment.Metadata?.Uid is { } uid ? Owner.Deployment(deployment.Metadata.Name, uid) : null;
        RoutingMode mode;
        try
        {
            mode = RoutingObjects.Mode(world.Objects.VirtualServices, world.Target!);
        }
        catch (TrafficException)
        {
            // The planner reports the damaged annotation itself.
            return new ReleasePods(release.Release, "", owner);
        }

        if (mode == RoutingMode.Subset)
        {
            return new ReleasePods(release.Release, "", owner);
        }

        if (world.ForeignCanaryService is { } foreign)
        {
            errors.Add(foreign);
            return null;
        }

        if (string.IsNullOrEmpty(release.Release))
        {
            // The canary Service selects greylane.dev/release=<release>: an empty value would select no canary pod.
            errors.Add($"Deployment {world.Target!.Namespace}/{deployment.Metadata?.Name}: the release hash ({Greylane.Core.GreylaneKeys.Release}) is unknown, and host mode's canary Service selects canary pods by it; let the webhook mark the release");
            return null;
        }

        var replicaSets = await api.ListReplicaSetsAsync(world.Target!.Namespace, ct).ConfigureAwait(false);
        if (StableReplicaSet.PodTemplateHash(replicaSets, deployment.Metadata?.Uid, release.Release, release.Stable) is { } hash)
        {
            return new ReleasePods(release.Release, hash, owner);
        }

        errors.Add($"Deployment {world.Target.Namespace}/{deployment.Metadata?.Name}: its routes send to Service {world.Target.Service} without subsets (host mode), so Greylane pins that Service to the stable pods, but found no stable ReplicaSet of the Deployment (none it controls with a {HostModeServices.PodTemplateHash} label); wait until the Deployment has rolled out once, or route through DestinationRule subsets");
        return null;
    }

    public static string Describe(JsonObject obj) =>
        $"{RoutingApi.Kind(obj)} {obj["metadata"]?["namespace"]?.GetValue<string>()}/{RoutingApi.Name(obj)}";
}
