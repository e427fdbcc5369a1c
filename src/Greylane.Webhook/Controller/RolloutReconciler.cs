using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using Greylane.Core;
using Greylane.Core.Notifications;
using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using Greylane.Webhook.Analysis;
using Greylane.Webhook.Notifications;
using Greylane.Webhook.Traffic;

namespace Greylane.Webhook.Controller;

/// <summary>
/// One reconcile of one Deployment: read what the API says, let the step machine decide, persist the new status with
/// a resourceVersion precondition (a 409 goes back to the queue to re-read), then run the actions, each idempotent.
/// </summary>
internal sealed partial class RolloutReconciler(
    ClusterClient cluster,
    ITrafficRouter router,
    IMetricAnalyzer analyzer,
    MeasurementInbox inbox,
    EventRecorder events,
    ControllerMetrics metrics,
    NotificationOutbox notifications,
    CanaryCache canaries,
    OwnWrites writes,
    TimeProvider time,
    ILogger<RolloutReconciler> logger)
{
    private static readonly TimeSpan InvalidStrategyRecheck = TimeSpan.FromMinutes(1);

    // A deleted Deployment cannot store a status: its cleanup continues from the status the last decision returned.
    private readonly ConcurrentDictionary<string, RolloutStatus> _gone = new(StringComparer.Ordinal);

    /// <summary>
    /// Reconciles <paramref name="key"/> (<c>namespace/name</c>). <paramref name="cached"/> is the informer's copy: when it
    /// is quiet, nothing is read (a start with 10,000 idle Deployments costs no GET each) unless <paramref name="recheck"/>
    /// asks to look for leftovers (a canary moved, or the sweep found routing Greylane changed); <paramref name="lastSeen"/>
    /// is the last copy of a Deployment that is gone.
    /// </summary>
    public async Task<ReconcileResult> ReconcileAsync(string key, DeploymentEntry? cached, DeploymentDocument? lastSeen, bool recheck, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            // The cache is at least as new as the event that queued the key, so a quiet copy is a quiet Deployment.
            if (!recheck && cached?.QuietPhase is { } phase)
            {
                metrics.AtRest(cached.Namespace, cached.Name, phase);
                return ReconcileResult.Idle;
            }

            // A Deployment in a release is cached whole (lean); once the cache shows Greylane's own last write it is as good
            // as a GET (every write still carries its resourceVersion precondition), so the API is read only when it may lag.
            var (ns, name) = Split(key);
            var deployment = cached?.Document is { } document && writes.CacheIsCurrent(key)
                ? document
                : await cluster.GetDeploymentAsync(ns, name, cancellationToken);
            if (deployment is null || new DeploymentDocument(deployment).Deleting)
            {
                return await ReconcileGoneAsync(key, deployment is null ? lastSeen : new DeploymentDocument(deployment), cancellationToken);
            }

            _gone.TryRemove(key, out _);
            return await ReconcileLiveAsync(new DeploymentDocument(deployment), recheck, cancellationToken);
        }
        finally
        {
            metrics.Reconciled(Stopwatch.GetElapsedTime(started));
        }
    }

    private async Task<ReconcileResult> ReconcileLiveAsync(DeploymentDocument deployment, bool recheck, CancellationToken cancellationToken)
    {
        var status = RolloutStatusJson.Read(deployment.Annotation(GreylaneKeys.Status));
        if (!recheck && IsQuiet(deployment, status, out var quiet))
        {
            return quiet;
        }

        var read = await ReadStrategyAsync(deployment, cancellationToken);
        if (!read.IsValid)
        {
            return await ReportInvalidStrategyAsync(deployment, status, read.Errors, cancellationToken);
        }

        var strategy = read.Strategy!;
        var (facts, routing) = await ObserveAsync(deployment, status, strategy, cancellationToken);
        var decision = StepMachine.Decide(facts, status, strategy, time);
        var next = decision.Status;
        var refused = routing.Errors.Count > 0 && next.Phase == RolloutPhase.StepRouting;
        if (refused)
        {
            // The machine only knows "not in place yet"; the person needs to know why and what to fix.
            next = next with { Message = $"{StepLabel(strategy, next.Step)}: routing refused: {string.Join("; ", routing.Errors)}" };
        }

        // The status and the Deployment changes that can go with it, in one write (StatusWrite says which).
        var write = StatusWrite.Of(decision with { Status = next });
        next = write.Status;
        var written = RolloutStatusJson.Write(next);
        var version = deployment.ResourceVersion;
        if (written != deployment.Annotation(GreylaneKeys.Status) || write.ChangesMoreThanStatus)
        {
            version = await PersistAsync(deployment, written, write, cancellationToken);
            if (version is null)
            {
                LogConflict(deployment.Key);
                return ReconcileResult.Conflicted;
            }
        }

        inbox.Remove(deployment.Key, facts.Measurements);

        // Queued only once the transitions are stored, so nothing is told that a 409 undid; sending happens elsewhere.
        notifications.Add(ReleaseNotifications.From(deployment.Namespace, deployment.Name, decision, strategy));
        metrics.Phase(deployment.Namespace, deployment.Name, next);
        if (next.Phase != status.Phase && next.Phase.IsEnded)
        {
            metrics.Ended(next.Phase);
        }

        if (refused && next.Message != status.Message)
        {
            await events.RecordAsync(deployment, "RoutingRefused", next.Message!, EventType.Warning, cancellationToken);
        }

        var release = new RoutedRelease(deployment.Typed(), strategy, next.Release ?? "", next.Stable);
        return await RunAsync(deployment, release, next, write.Rest, version, cancellationToken);
    }

    private async Task<ReconcileResult> ReconcileGoneAsync(string key, DeploymentDocument? lastSeen, CancellationToken cancellationToken)
    {
        if (lastSeen is null)
        {
            Forget(key);
            return ReconcileResult.Idle;
        }

        var status = _gone.GetValueOrDefault(key) ?? RolloutStatusJson.Read(lastSeen.Annotation(GreylaneKeys.Status));
        if (status.Phase.IsAtRest)
        {
            Forget(key);
            return ReconcileResult.Idle;
        }

        var read = await ReadStrategyAsync(lastSeen, cancellationToken);
        var strategy = read.Strategy ?? RolloutStrategy.Default;
        var (facts, _) = await ObserveAsync(lastSeen, status, strategy, cancellationToken);
        var decision = StepMachine.Decide(facts with { Deleted = true }, status, strategy, time);
        _gone[key] = decision.Status;
        notifications.Add(ReleaseNotifications.From(lastSeen.Namespace, lastSeen.Name, decision, strategy));
        var release = new RoutedRelease(lastSeen.Typed(), strategy, decision.Status.Release ?? "", decision.Status.Stable);
        var result = await RunAsync(lastSeen, release, decision.Status, decision.Actions, version: null, cancellationToken);
        if (result.RequeueAfter is null)
        {
            Forget(key);
        }

        return result;
    }

    private void Forget(string key)
    {
        _gone.TryRemove(key, out _);
        inbox.Forget(key);
        var (ns, name) = Split(key);
        metrics.Forget(ns, name);
    }

    // Nothing can happen to a quiet Deployment (QuietDeployment): skip every read.
    private bool IsQuiet(DeploymentDocument deployment, RolloutStatus status, out ReconcileResult result)
    {
        result = ReconcileResult.Idle;
        if (!QuietDeployment.Is(deployment.Annotation(GreylaneKeys.Release), deployment.Annotation(GreylaneKeys.Command), status))
        {
            return false;
        }

        metrics.AtRest(deployment.Namespace, deployment.Name, status.Phase);
        return true;
    }

    private Task<string?> PersistAsync(DeploymentDocument deployment, string status, StatusWrite? write, CancellationToken cancellationToken) =>
        cluster.PatchDeploymentAsync(
            deployment.Namespace,
            deployment.Name,
            DeploymentPatch(deployment.ResourceVersion, status, write?.ClearCommand == true, write?.Paused, write?.ClearRelease == true),
            cancellationToken);

    /// <summary>
    /// A reconcile's Deployment write as a merge patch, whether it is the status write with what <see cref="StatusWrite"/>
    /// folded into it or one change on its own: one home for how each change is spelled (clearing a release also clears
    /// its stable hash), always with the resourceVersion that was read as the precondition.
    /// </summary>
    private static JsonObject DeploymentPatch(string? version, string? status = null, bool clearCommand = false, bool? paused = null, bool clearRelease = false)
    {
        var metadata = new JsonObject { ["resourceVersion"] = version };
        var patch = new JsonObject { ["metadata"] = metadata };
        var annotations = new JsonObject();
        if (status is not null)
        {
            annotations[GreylaneKeys.Status] = status;
        }

        if (clearCommand)
        {
            // Folded into the status write, so a crash can never apply a command twice.
            annotations[GreylaneKeys.Command] = null;
        }

        if (clearRelease)
        {
            annotations[GreylaneKeys.Release] = null;
            annotations[GreylaneKeys.Stable] = null;
        }

        if (annotations.Count > 0)
        {
            metadata["annotations"] = annotations;
        }

        if (paused is { } value)
        {
            patch["spec"] = new JsonObject { ["paused"] = value };
        }

        return patch;
    }

    private Task<StrategyReadResult> ReadStrategyAsync(DeploymentDocument deployment, CancellationToken cancellationToken) =>
        StrategySource.ReadAsync(
            deployment.Namespace,
            deployment.Annotation,
            (name, ct) => cluster.GetConfigMapValueAsync(deployment.Namespace, name, GreylaneKeys.StrategyConfigMapKey, ct),
            tenancy: null,
            cancellationToken);

    private async Task<ReconcileResult> ReportInvalidStrategyAsync(DeploymentDocument deployment, RolloutStatus status, IReadOnlyList<StrategyError> errors, CancellationToken cancellationToken)
    {
        var message = $"the strategy is invalid, nothing moves until it is fixed: {string.Join("; ", errors)}";
        if (status.Message != message)
        {
            if (await PersistAsync(deployment, RolloutStatusJson.Write(status with { Message = message }), write: null, cancellationToken) is null)
            {
                return ReconcileResult.Conflicted;
            }

            await events.RecordAsync(deployment, "StrategyInvalid", message, EventType.Warning, cancellationToken);
        }

        // ConfigMaps are not watched: look again later in case the shared strategy was fixed.
        return new ReconcileResult(InvalidStrategyRecheck);
    }

    private static string StepLabel(RolloutStrategy strategy, int step) => $"step {step + 1}/{strategy.Steps.Count}";

    private static (string Namespace, string Name) Split(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        return (key[..slash], key[(slash + 1)..]);
    }
}
