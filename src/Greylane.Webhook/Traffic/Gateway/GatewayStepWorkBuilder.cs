using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;
using Greylane.Core.Traffic.Gateway;

namespace Greylane.Webhook.Traffic.Gateway;

/// <summary>
/// Compares the live objects with what one step wants: the <see cref="GatewayPlanner"/> objects for a step that changes
/// routing, the original routes (others' edits kept) for a step that does not.
/// </summary>
internal sealed class GatewayStepWorkBuilder(RoutingApi api)
{
    public async Task<StepWork> BuildAsync(RoutedRelease release, StepSpec? step, GatewayWorld world, CancellationToken ct)
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
                var plan = GatewayPlanner.Step(world.Objects, step, target, pods);
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
            foreach (var restored in GatewayPlanner.Restore(world.Objects with { Service = null }, target).Routes)
            {
                if (world.Find(restored) is { } live && GatewayRoutes.Footprint(live, target).Count > 0)
                {
                    pending.Add(new PendingWrite(restored, live, []));
                }
            }
        }

        return new StepWork(errors.Count == 0 ? pending : [], errors, notes);
    }

    private static PendingWrite? Compare(JsonObject? live, JsonObject desired, TrafficTarget target)
    {
        if (live is null)
        {
            return new PendingWrite(desired, null, [$"{StepWorkBuilder.Describe(desired)} does not exist"]);
        }

        var drift = TrafficDrift.Check(live, desired);
        var isRoute = GatewayKind.Of(RoutingApi.Kind(desired)) is not null;
        // A rule of an earlier step (its lane copy, its weight) that this step does not want is stale too.
        var stale = isRoute && !GatewayRoutes.Footprint(live, target).All(rule => GatewayRoutes.Footprint(desired, target).Any(w => JsonNode.DeepEquals(w, rule)));
        if (drift.InPlace && !stale)
        {
            return null;
        }

        var body = RoutingApi.Kind(desired) == "Service" && RoutingApi.Name(desired) == target.CanaryService ? StepWorkBuilder.CanaryServiceUpdate(live, desired) : desired;
        return new PendingWrite(body, live, drift.Missing);
    }

    private async Task<ReleasePods?> PodsAsync(RoutedRelease release, GatewayWorld world, List<string> errors, CancellationToken ct)
    {
        var deployment = release.Deployment;
        var owner = deployment.Metadata?.Uid is { } uid ? Owner.Deployment(deployment.Metadata.Name, uid) : null;
        if (world.ForeignCanaryService is { } foreign)
        {
            errors.Add(foreign);
            return null;
        }

        if (string.IsNullOrEmpty(release.Release))
        {
            // The canary Service selects greylane.dev/release=<release>: an empty value would select no canary pod.
            errors.Add($"Deployment {world.Target!.Namespace}/{deployment.Metadata?.Name}: the release hash ({GreylaneKeys.Release}) is unknown, and the canary Service selects canary pods by it; let the webhook mark the release");
            return null;
        }

        var replicaSets = await api.ListReplicaSetsAsync(world.Target!.Namespace, ct).ConfigureAwait(false);
        if (StableReplicaSet.PodTemplateHash(replicaSets, deployment.Metadata?.Uid, release.Release, release.Stable) is { } hash)
        {
            return new ReleasePods(release.Release, hash, owner);
        }

        errors.Add($"Deployment {world.Target.Namespace}/{deployment.Metadata?.Name}: Gateway API routing pins Service {world.Target.Service} to the stable pods, but found no stable ReplicaSet of the Deployment (none it controls with a {HostModeServices.PodTemplateHash} label); wait until the Deployment has rolled out once");
        return null;
    }
}
