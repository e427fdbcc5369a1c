using Greylane.Core;
using Greylane.Core.Release;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using Greylane.Webhook.Traffic;
using k8s;

namespace Greylane.Webhook.Controller;

/// <content>Gathering the facts of one decision.</content>
internal sealed partial class RolloutReconciler
{
    private async Task<(Observation Facts, RoutingState Routing)> ObserveAsync(
        DeploymentDocument deployment, RolloutStatus status, RolloutStrategy strategy, CancellationToken cancellationToken)
    {
        var releaseAnnotation = deployment.Annotation(GreylaneKeys.Release);
        var stable = deployment.Annotation(GreylaneKeys.Stable);
        var canaries = await ListCanariesAsync(deployment, cancellationToken);
        var routed = new RoutedRelease(deployment.Typed(), strategy, status.Release ?? releaseAnnotation ?? "", status.Stable ?? stable);
        var routing = await router.CheckAsync(routed, status.Step, cancellationToken);
        if (await ReassertAsync(deployment, routed, status, routing, cancellationToken))
        {
            routing = await router.CheckAsync(routed, status.Step, cancellationToken);
        }

        var facts = new Observation
        {
            Release = releaseAnnotation,
            Stable = stable,
            TemplateIsStable = stable is not null && deployment.TemplateHash == stable,
            DesiredReplicas = deployment.Replicas,
            Paused = deployment.Paused,
            Deleted = deployment.Deleting,
            Command = deployment.Annotation(GreylaneKeys.Command),
            Canaries = canaries,
            RoutingApplied = routing.Applied,
            RoutingRestored = routing.Restored,
            StablePinned = routing.StablePinned,
            CanaryProblem = await CanaryProblemAsync(deployment, status, canaries, cancellationToken),
            RolloutComplete = deployment.RolloutComplete,
            Measurements = inbox.Peek(deployment.Key),
        };
        return (facts, routing);
    }

    /// <summary>
    /// Every canary ReplicaSet this Deployment owns (by owner uid, so a namesake in another life is not counted), from the
    /// leader's informer (<see cref="CanaryCache"/>), else listed.
    /// </summary>
    private async Task<IReadOnlyList<CanaryObservation>> ListCanariesAsync(DeploymentDocument deployment, CancellationToken cancellationToken)
    {
        var replicaSets = canaries.In(deployment.Namespace)
            ?? await cluster.ListReplicaSetsAsync(deployment.Namespace, GreylaneKeys.Release, cancellationToken);
        return [.. replicaSets
            .Where(rs => CanaryReplicaSet.IsCanaryOf(
                deployment.Uid, (rs.Metadata.OwnerReferences ?? []).Select(o => ((string?)o.Kind, (string?)o.Uid)), rs.Metadata.DeletionTimestamp is not null))
            .Select(rs => new CanaryObservation(
                rs.Metadata.Labels[GreylaneKeys.Release],
                rs.Spec.Replicas ?? 0,
                rs.Status?.AvailableReplicas ?? 0))];
    }

    /// <summary>
    /// When the canary has fewer available pods than it should, what its pods say is wrong: for the message of a step
    /// that waits for it past its deadline, and of a step whose routing is withdrawn because the canary lost pods.
    /// </summary>
    private async Task<string?> CanaryProblemAsync(DeploymentDocument deployment, RolloutStatus status, IReadOnlyList<CanaryObservation> canaries, CancellationToken cancellationToken)
    {
        if (!(status.Phase.IsStep || status.Phase == RolloutPhase.Promoting)
            || status.Release is not { } release
            || canaries.FirstOrDefault(c => c.Release == release) is not { } canary || canary.AvailableReplicas >= canary.Replicas)
        {
            return null;
        }

        return PodProblem.Describe(await cluster.ListPodsAsync(deployment.Namespace, $"{GreylaneKeys.Release}={release}", cancellationToken));
    }

    /// <summary>
    /// Someone (a GitOps sync, a person) reverted the step's routing while the step holds: put it back rather than
    /// measure a canary that gets no traffic, and say so. Returns true when it wrote.
    /// </summary>
    private async Task<bool> ReassertAsync(DeploymentDocument deployment, RoutedRelease routed, RolloutStatus status, RoutingState routing, CancellationToken cancellationToken)
    {
        // Also while a person paused the release: the status is the truth, and a write a deposed leader made before it
        // noticed is undone by its successor's first pass.
        if (routing.Applied || routing.Errors.Count > 0 || !status.RoutingTouched || deployment.Deleting
            || status.Phase is not (RolloutPhase.StepAnalyzing or RolloutPhase.StepPaused))
        {
            return false;
        }

        var outcome = await router.ApplyAsync(routed, status.Step, cancellationToken);
        if (outcome.Errors.Count > 0)
        {
            return false;
        }

        await events.RecordAsync(deployment, "RoutingReasserted",
            $"step {status.Step + 1}: routing was changed by someone else and has been put back: {string.Join("; ", routing.Drift)}", EventType.Warning, cancellationToken);
        return true;
    }
}
