using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Analysis;
using Greylane.Core.Release;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using Greylane.Core.Traffic;
using Greylane.Webhook.Traffic;
using static Greylane.Core.Rollout.RolloutAction;

namespace Greylane.Webhook.Controller;

/// <content>Running the actions of a decision, after its status is stored. Each is idempotent.</content>
internal sealed partial class RolloutReconciler
{
    /// <summary>
    /// Runs the actions in order. <paramref name="version"/> is the Deployment's resourceVersion after the status write
    /// (null for a Deployment that is gone): every later write of the Deployment carries it, so that it lands only if
    /// nobody (a new leader, a person) wrote the Deployment since this decision; a 409 sends the key back to the queue.
    /// </summary>
    private async Task<ReconcileResult> RunAsync(
        DeploymentDocument deployment, RoutedRelease release, RolloutStatus status, IReadOnlyList<RolloutAction> actions, string? version, CancellationToken cancellationToken)
    {
        var live = version is not null;
        TimeSpan? requeue = null;
        foreach (var action in actions)
        {
            switch (action)
            {
                case Emit emit:
                    await events.RecordAsync(deployment, emit.Reason, emit.Message, emit.Type, cancellationToken);
                    break;
                case ScaleCanary scale when live:
                    await ScaleCanaryAsync(deployment, release.Strategy, scale, cancellationToken);
                    break;
                case ApplyRouting apply:
                    var applied = await router.ApplyAsync(release, apply.Step, cancellationToken);
                    LogRouting(deployment.Key, "apply", applied.Changed, string.Join("; ", applied.Errors.Concat(applied.Notes)));
                    break;
                case RestoreRouting:
                    var restored = await router.RestoreAsync(release, cancellationToken);
                    if (restored.Changed && restored.Notes.Count > 0)
                    {
                        await events.RecordAsync(deployment, "RoutingRestoredWithEdits", string.Join("; ", restored.Notes), EventType.Normal, cancellationToken);
                    }

                    break;
                case Measure measure:
                    await MeasureAsync(deployment, release, measure, cancellationToken);
                    requeue = TimeSpan.Zero;
                    break;
                case UnpinStable:
                    await router.UnpinStableAsync(release, cancellationToken);
                    break;
                case Unpause when live:
                    version = await PatchDeploymentAsync(deployment, DeploymentPatch(version, paused: false), cancellationToken);
                    break;
                case Repause when live:
                    version = await PatchDeploymentAsync(deployment, DeploymentPatch(version, paused: true), cancellationToken);
                    break;
                case DeleteCanary delete:
                    await cluster.DeleteReplicaSetAsync(deployment.Namespace, CanaryReplicaSet.Name(deployment.Name, delete.Release), cancellationToken);
                    break;
                case ClearRelease when live:
                    version = await PatchDeploymentAsync(deployment, DeploymentPatch(version, clearRelease: true), cancellationToken);
                    break;
                case RequeueAfter after:
                    requeue = requeue is { } earlier && earlier < after.Delay ? earlier : after.Delay;
                    break;
            }

            if (live && version is null)
            {
                LogConflict(deployment.Key);
                return ReconcileResult.Conflicted;
            }
        }

        LogReconciled(deployment.Key, status.Phase, status.Step + 1, status.Message ?? "");
        return new ReconcileResult(requeue);
    }

    private async Task ScaleCanaryAsync(DeploymentDocument deployment, RolloutStrategy strategy, ScaleCanary scale, CancellationToken cancellationToken)
    {
        var name = CanaryReplicaSet.Name(deployment.Name, scale.Release);

        // The synced informer answers without a GET, also when it shows no canary: the API is asked only before it has
        // synced, or while the informer has not shown a canary this process created (a second create would be a second
        // request). A canary another leader created since the list answers the create with 409, which counts as created.
        var known = canaries.In(deployment.Namespace);
        var existing = known?.FirstOrDefault(rs => rs.Metadata?.Name == name)
            ?? (known is null || canaries.MayLag(deployment.Namespace, name)
                ? await cluster.GetReplicaSetAsync(deployment.Namespace, name, cancellationToken)
                : null);
        if (existing is not null)
        {
            if (existing.Spec?.Replicas != scale.Replicas)
            {
                await cluster.ScaleReplicaSetAsync(deployment.Namespace, name, scale.Replicas, cancellationToken);
            }

            return;
        }

        if (deployment.TemplateHash != scale.Release)
        {
            // The template moved on since the release was detected: the next decision supersedes this release.
            LogTemplateMoved(deployment.Key, scale.Release);
            return;
        }

        var build = CanaryReplicaSet.Build(deployment.Json, scale.Release, scale.Replicas, strategy.CanaryLabels);
        if (build.ReplicaSet is null)
        {
            await events.RecordAsync(deployment, "CanaryRefused", build.Error!, EventType.Warning, cancellationToken);
            return;
        }

        canaries.Created(deployment.Namespace, name, await cluster.CreateReplicaSetAsync(build.ReplicaSet, cancellationToken));
    }

    /// <summary>
    /// What <c>{{service}}</c> stands for: the Service routing discovery chooses (<see cref="RoutingDiscovery.FindService"/>,
    /// the rule of routing and <c>kubectl greylane plan</c>). When it chooses none, a query using <c>{{service}}</c> is
    /// refused with discovery's message (<see cref="AnalysisContext.ServiceProblem"/>), like a query Prometheus rejects.
    /// </summary>
    private async Task<ServiceChoice> ServiceAsync(DeploymentDocument deployment, RolloutStrategy strategy, CancellationToken cancellationToken)
    {
        // A Service the strategy names needs no read.
        IReadOnlyList<JsonObject> services = strategy.Traffic.Service is null ? await cluster.ListServicesAsync(deployment.Namespace, cancellationToken) : [];
        return RoutingDiscovery.FindService(strategy, deployment.Namespace, deployment.Name, deployment.TemplateLabels, services);
    }

    // The merge patch carries the resourceVersion the decision was made on (or its own last write's).
    private Task<string?> PatchDeploymentAsync(DeploymentDocument deployment, JsonObject patch, CancellationToken cancellationToken) =>
        cluster.PatchDeploymentAsync(deployment.Namespace, deployment.Name, patch, cancellationToken);

    private async Task MeasureAsync(DeploymentDocument deployment, RoutedRelease release, Measure measure, CancellationToken cancellationToken)
    {
        var strategy = release.Strategy;
        var specs = measure.Metrics
            .Select(name => strategy.Analysis.Metrics.FirstOrDefault(m => m.Name == name))
            .OfType<MetricSpec>()
            .ToList();
        if (specs.Count == 0)
        {
            return;
        }

        var service = await ServiceAsync(deployment, strategy, cancellationToken);
        var context = new AnalysisContext(
            deployment.Namespace,
            deployment.Name,
            service.Name ?? "",
            release.Release,
            release.Stable ?? "",
            strategy.CanaryLabels,
            strategy.Analysis.Interval)
        {
            ServiceProblem = service.Problem?.Message,
            CanonicalService = CanonicalNames.Service(deployment.TemplateLabels, deployment.Name),
        };
        var taken = await analyzer.MeasureAsync(context, specs, cancellationToken);
        foreach (var measurement in taken)
        {
            await events.RecordAsync(
                deployment,
                "Measured",
                $"{measurement.Metric}: {measurement.Verdict}: {measurement.Message}",
                measurement.Verdict == MeasurementVerdict.Pass ? EventType.Normal : EventType.Warning,
                cancellationToken);
        }

        inbox.Add(deployment.Key, [.. taken.Select(m => new Measurement(m.Metric, m.Verdict, m.Value, m.Message, m.Time)
        {
            QueryRejected = m.QueryRejected,
            StableValue = m.StableValue,
            Statistic = m.Statistic,
            PValue = m.PValue,
            Query = m.Query,
            StableQuery = m.StableQuery,
        })]);
    }
}
