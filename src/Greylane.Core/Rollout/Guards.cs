using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Rollout;

/// <summary>
/// Every guard of the machine as a plain boolean, computed from the facts and the status before a trigger is
/// fired (and again before the next one), so the machine's configuration stays declarative and drawable.
/// </summary>
internal sealed record Guards
{
    public bool NewRelease { get; init; }
    public bool Superseding { get; init; }
    public bool Reverted { get; init; }
    public bool Deleted { get; init; }
    public bool CanRetry { get; init; }
    public bool HasNextStep { get; init; }
    public bool PausedByUser { get; init; }
    public bool ResumeFromHold { get; init; }
    public bool RestoredNow { get; init; }
    public bool Initialized { get; init; }
    public bool CanaryReady { get; init; }
    public bool CanaryLost { get; init; }
    public bool RoutingNeeded { get; init; }
    public bool RoutingInPlace { get; init; }
    public bool RoutingAppliedNow { get; init; }
    public bool GraceElapsed { get; init; }
    public bool StepPassed { get; init; }
    public bool FailedBeyondLimit { get; init; }
    public bool InconclusiveBeyondLimit { get; init; }
    public bool PassWhileHeld { get; init; }
    public bool PauseOver { get; init; }
    public bool RolledOut { get; init; }
    public bool CleanupGraceDone { get; init; }
    public bool CleanedUp { get; init; }
    public bool DeadlineExceeded { get; init; }

    /// <summary>The phases a progress deadline bounds (a pause waits for a person or its own duration instead).</summary>
    public static bool IsBounded(RolloutPhase phase) =>
        phase is RolloutPhase.Initializing or RolloutPhase.StepScaling or RolloutPhase.StepRouting
            or RolloutPhase.StepAnalyzing or RolloutPhase.Promoting or RolloutPhase.Finalizing or RolloutPhase.Aborting;

    public static Guards Compute(Observation facts, RolloutStatus input, RolloutStatus current, RolloutStrategy strategy, DateTimeOffset now)
    {
        var step = StepView.Of(strategy, current.Step);
        var grace = strategy.Traffic.GracePeriod;
        var canary = facts.Canaries.FirstOrDefault(c => c.Release == current.Release);
        var routingNeeded = step.ChangesRouting || current.RoutingTouched;

        // The controller checked routing for the step of the status it read; that fact says nothing about a step entered since.
        var routingInPlace = !routingNeeded
            || (facts.RoutingApplied && current.Step == input.Step && current.Release == input.Release);
        // Traffic only needs time to drain from the canary if routing ever sent it there (and anyone is left to serve it).
        var drain = current.RoutingTouched && !facts.Deleted;
        var cleanupGraceDone = facts.RoutingRestored
            && (!drain || (current.RestoredAt is { } restoredAt && now >= restoredAt + grace));
        var progress = !current.PausedByUser;
        var newRelease = !facts.Deleted && facts.Release is not null
            && (facts.Release != current.Release || current.ReleaseCleared);

        return new Guards
        {
            // Detected even when already reverted, so the rollback path unpauses and clears it.
            NewRelease = newRelease,
            Superseding = newRelease && !facts.TemplateIsStable,
            Reverted = !facts.Deleted && (facts.TemplateIsStable || facts.Release is null),
            Deleted = facts.Deleted,
            CanRetry = !facts.Deleted && facts.Release is not null && facts.Release == current.Release
                && !facts.TemplateIsStable && !current.ReleaseCleared,
            HasNextStep = StepView.HasNext(strategy, current.Step),
            PausedByUser = current.PausedByUser,
            ResumeFromHold = current.Held && !current.PausedByUser,
            RestoredNow = drain && facts.RoutingRestored && current.RestoredAt is null,
            Initialized = progress && cleanupGraceDone && facts.Canaries.All(c => c.Release == current.Release),
            CanaryReady = progress && canary is not null && canary.AvailableReplicas >= step.Replicas.Resolve(facts.DesiredReplicas),
            CanaryLost = !facts.Deleted && (canary?.AvailableReplicas ?? 0) < TrafficNeeds(strategy, current, facts),
            RoutingNeeded = routingNeeded,
            RoutingInPlace = routingInPlace,
            RoutingAppliedNow = progress && routingInPlace && current.RoutedAt is null,
            GraceElapsed = progress && current.RoutedAt is { } routedAt && now >= routedAt + (routingNeeded ? grace : TimeSpan.Zero),
            StepPassed = progress && step.Analysis.All(name => Passed(strategy, current, name)),
            FailedBeyondLimit = progress && Any(strategy, current, (spec, m) => m.Failed > spec.FailureLimit),
            InconclusiveBeyondLimit = progress && Any(strategy, current, (spec, m) => m.Inconclusive > spec.InconclusiveLimit || m.QueryRejected),
            PassWhileHeld = progress && current.Held
                && current.Metrics.Any(m => m.Last == MeasurementVerdict.Pass && m.LastAt > current.Since),
            PauseOver = progress && !current.Held && !step.Pause.IsManual && now >= current.Since + step.Pause.Duration,
            RolledOut = facts.RolloutComplete,
            CleanupGraceDone = cleanupGraceDone,
            CleanedUp = cleanupGraceDone && facts.Canaries.Count == 0 && !facts.StablePinned,
            DeadlineExceeded = progress && IsBounded(current.Phase) && now >= DeadlineStart(current) + strategy.ProgressDeadline,
        };
    }

    /// <summary>
    /// How many available canary pods the routing in force needs (0 when it sends the canary nothing): the step's size, but
    /// never more than the routing was put in place for (a Deployment scaled up mid-step raises a size in percent, and
    /// its new canary pods starting are no loss), and while the next step scales, the smaller of the two steps' sizes.
    /// A person's pause does not suspend this: traffic to missing pods is an outage.
    /// </summary>
    private static int TrafficNeeds(RolloutStrategy strategy, RolloutStatus status, Observation facts)
    {
        if (status.TrafficWithdrawn || status.Release is null)
        {
            return 0;
        }

        var size = StepView.Of(strategy, status.Step).Replicas.Resolve(facts.DesiredReplicas);
        var routedBefore = status.Step > 0 && StepView.Of(strategy, status.Step - 1).ChangesRouting;
        var routedNow = StepView.Of(strategy, status.Step).ChangesRouting;
        var stepNeeds = Math.Min(size, status.RoutedPods ?? size);
        return status.Phase switch
        {
            RolloutPhase.StepScaling when routedBefore =>
                Math.Min(size, status.RoutedPods ?? StepView.Of(strategy, status.Step - 1).Replicas.Resolve(facts.DesiredReplicas)),
            RolloutPhase.StepRouting when routedNow || routedBefore => stepNeeds,
            RolloutPhase.StepAnalyzing or RolloutPhase.StepPaused when routedNow => stepNeeds,

            // Promotion keeps the last routing until Finalizing restores it.
            RolloutPhase.Promoting when !facts.RoutingRestored =>
                status.RoutedPods ?? facts.Canaries.FirstOrDefault(c => c.Release == status.Release)?.Replicas ?? 1,
            _ => 0,
        };
    }

    /// <summary>When the current wait started; in analysis every counted measurement is progress.</summary>
    public static DateTimeOffset DeadlineStart(RolloutStatus status)
    {
        var start = status.Since ?? DateTimeOffset.MinValue;
        if (status.Phase == RolloutPhase.StepAnalyzing)
        {
            foreach (var metric in status.Metrics)
            {
                if (metric.LastAt > start)
                {
                    start = metric.LastAt.Value;
                }
            }
        }

        return start;
    }

    private static bool Passed(RolloutStrategy strategy, RolloutStatus status, string name) =>
        StepView.Metric(strategy, name) is { } spec
        && status.Metrics.FirstOrDefault(m => m.Name == name) is { } counters
        && counters.Passed >= spec.Count;

    private static bool Any(RolloutStrategy strategy, RolloutStatus status, Func<MetricSpec, MetricStatus, bool> beyond) =>
        status.Metrics.Any(m => StepView.Metric(strategy, m.Name) is { } spec && beyond(spec, m));
}
