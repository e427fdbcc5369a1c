using static Greylane.Core.Rollout.RolloutPhase;
using A = Greylane.Core.Rollout.RolloutAction;

namespace Greylane.Core.Rollout;

/// <content>
/// The actions of the phase the decision ended in. They follow from the phase and the facts alone (not from
/// the transitions taken), so a decision repeated after a crash between persist and act issues them again.
/// </content>
internal sealed partial class Decider
{
    /// <summary>How often to look again at a deleted Deployment, whose cleanup no watch event announces.</summary>
    private static readonly TimeSpan DeletedPoll = TimeSpan.FromSeconds(5);

    private static readonly TimeSpan UnwatchedPollMin = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan UnwatchedPollMax = TimeSpan.FromSeconds(30);

    private Decision Finish(bool bounded)
    {
        var actions = new List<RolloutAction>();
        if (facts.Command is not null)
        {
            actions.Add(new A.ClearCommand());
        }

        actions.AddRange(events);
        if (facts.Deleted && current.Phase.IsAtRest)
        {
            return new Decision(current, actions);
        }

        if (current.Phase.IsAtRest)
        {
            AtRest(actions);
        }

        var step = StepView.Of(strategy, current.Step);
        switch (current.Phase)
        {
            case { IsStep: true } when current.Release is { } release:
                var replicas = step.Replicas.Resolve(facts.DesiredReplicas);
                if (facts.Canaries.FirstOrDefault(c => c.Release == release) is not { } canary || canary.Replicas != replicas)
                {
                    actions.Add(new A.ScaleCanary(release, replicas));
                }

                if (current.TrafficWithdrawn && !facts.RoutingRestored)
                {
                    actions.Add(new A.RestoreRouting());
                }
                else if (current.Phase != StepScaling && guards.RoutingNeeded && !guards.RoutingInPlace)
                {
                    actions.Add(new A.ApplyRouting(current.Step));
                    current = current with { RoutingTouched = true };
                }

                var measuring = current.Phase == StepAnalyzing || (current.Phase == StepPaused && current.Held);
                if (measuring && !current.PausedByUser && MeasurementLedger.Due(current, strategy, now) is { Count: > 0 } due)
                {
                    actions.Add(new A.Measure(due));
                    current = MeasurementLedger.Requested(current, strategy, due, now);
                }

                break;
            case Initializing or Finalizing or Aborting:
                // Without a release annotation nothing is held any more (the user opted out, and the webhook unpaused
                // so that Kubernetes finishes the rollout): pausing again would strand the Deployment.
                if (current.Phase == Aborting && !facts.Paused && !facts.TemplateIsStable && !facts.Deleted && facts.Release is not null)
                {
                    actions.Add(new A.Repause());
                }

                if (!facts.RoutingRestored)
                {
                    actions.Add(new A.RestoreRouting());
                }
                else if (guards.CleanupGraceDone)
                {
                    // Initializing keeps the current release's canary (a retry reuses it); cleanup removes every one.
                    actions.AddRange(facts.Canaries
                        .Where(c => current.Phase != Initializing || c.Release != current.Release)
                        .Select(c => new A.DeleteCanary(c.Release)));

                    // Only once the canaries are gone may the stable Service select every pod again.
                    if (current.Phase != Initializing && facts.Canaries.Count == 0 && facts.StablePinned)
                    {
                        actions.Add(new A.UnpinStable());
                    }
                }

                break;
            case Promoting:
                if (current.TrafficWithdrawn && !facts.RoutingRestored)
                {
                    actions.Add(new A.RestoreRouting());
                }

                if (facts.Paused)
                {
                    // The Deployment's own rolling update replaces the pods the stable Service is pinned to: unpin first.
                    if (facts.StablePinned)
                    {
                        actions.Add(new A.UnpinStable());
                    }

                    actions.Add(new A.Unpause());
                }

                break;
            case Completed when facts.Release is not null && facts.Release == current.Release:
                actions.Add(new A.ClearRelease());
                break;

            // Reverted after a rollback: nothing is held any more; unpause first so that a crash in between cannot leave it paused.
            case RolledBack when facts.TemplateIsStable:
                if (facts.Paused)
                {
                    actions.Add(new A.Unpause());
                }

                if (facts.Release is not null)
                {
                    actions.Add(new A.ClearRelease());
                }

                break;
        }

        if (current.Phase.IsAtRest && facts.Release is null && current.Release is not null)
        {
            current = current with { ReleaseCleared = true };
        }

        if (Requeue(bounded) is { } delay)
        {
            actions.Add(new A.RequeueAfter(delay));
        }

        return new Decision(current, actions);
    }

    /// <summary>
    /// The phase waits for routing objects or Services, which no watch reports on (nor does a write of them made by an
    /// earlier leader, or by this one just before a crash): only looking again moves it on.
    /// </summary>
    private bool AwaitsUnwatched() => current.Phase switch
    {
        StepRouting => current.RoutedAt is null && guards.RoutingNeeded,
        Initializing or Finalizing or Aborting => !facts.RoutingRestored || (current.Phase != Initializing && facts.StablePinned),
        StepScaling or Promoting => current.TrafficWithdrawn && !facts.RoutingRestored || (current.Phase == Promoting && facts.StablePinned),
        { IsAtRest: true } => !facts.RoutingRestored || facts.StablePinned,
        _ => false,
    };

    // Soon after the phase began (a write just made), then less often (routing refused until a person fixes it): a
    // tenth of the wait so far, from 1 s to 30 s.
    private TimeSpan UnwatchedPoll(DateTimeOffset since) =>
        TimeSpan.FromTicks(Math.Clamp((now - since).Ticks / 10, UnwatchedPollMin.Ticks, UnwatchedPollMax.Ticks));

    /// <summary>
    /// A release that is over leaves original routing and no canary. What a leader that lost its lease mid-write (or a
    /// person) left behind is taken out in the usual order: routing, then canaries, then the stable Service's pin.
    /// </summary>
    private void AtRest(List<RolloutAction> actions)
    {
        if (!facts.RoutingRestored)
        {
            actions.Add(new A.Emit("LeftoverRouting", $"no release is in progress ({current.Phase}), yet routing still carries Greylane's changes: restoring the original routing", EventType.Warning));
            actions.Add(new A.RestoreRouting());
        }
        else if (facts.Canaries.Count > 0)
        {
            actions.Add(new A.Emit("LeftoverCanary", $"no release is in progress ({current.Phase}), yet canary ReplicaSet(s) of {string.Join(", ", facts.Canaries.Select(c => c.Release))} exist: deleting them", EventType.Warning));
            actions.AddRange(facts.Canaries.Select(c => new A.DeleteCanary(c.Release)));
        }
        else if (facts.StablePinned)
        {
            actions.Add(new A.UnpinStable());
        }
    }

    private TimeSpan? Requeue(bool bounded)
    {
        if (bounded)
        {
            return TimeSpan.Zero;
        }

        var grace = strategy.Traffic.GracePeriod;
        var step = StepView.Of(strategy, current.Step);
        var times = new List<DateTimeOffset>();
        if (Guards.IsBounded(current.Phase) && !current.PausedByUser)
        {
            times.Add(Guards.DeadlineStart(current) + strategy.ProgressDeadline);
        }

        if (current.Phase == StepRouting && current.RoutedAt is { } routedAt)
        {
            times.Add(routedAt + grace);
        }

        if (current.Phase is Initializing or Finalizing or Aborting && current.RestoredAt is { } restoredAt)
        {
            times.Add(restoredAt + grace);
        }

        if ((current.Phase == StepAnalyzing || (current.Phase == StepPaused && current.Held)) && !current.PausedByUser)
        {
            times.AddRange(current.Metrics.Where(m => m.NextAt is not null).Select(m => m.NextAt!.Value));
        }

        if (current.Phase == StepPaused && !current.Held && !current.PausedByUser && !step.Pause.IsManual && current.Since is { } since)
        {
            times.Add(since + step.Pause.Duration);
        }

        if (facts.Deleted && !current.Phase.IsAtRest)
        {
            times.Add(now + DeletedPoll);
        }

        if (AwaitsUnwatched())
        {
            times.Add(now + UnwatchedPoll(current.Since ?? now));
        }

        // Whatever was due by now has fired in this decision; a past time left over would only spin the queue.
        var future = times.Where(t => t > now).ToList();
        return future.Count == 0 ? null : future.Min() - now;
    }
}
