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
        if (_facts.Command is not null)
        {
            actions.Add(new A.ClearCommand());
        }

        actions.AddRange(_events);
        if (_facts.Deleted && _current.Phase.IsAtRest)
        {
            return new Decision(_current, actions) { Transitions = _transitions };
        }

        if (_current.Phase.IsAtRest)
        {
            AtRest(actions);
        }

        var step = StepView.Of(_strategy, _current.Step);
        switch (_current.Phase)
        {
            case { IsStep: true } when _current.Release is { } release:
                var replicas = step.Replicas.Resolve(_facts.DesiredReplicas);
                if (_facts.Canaries.FirstOrDefault(c => c.Release == release) is not { } canary || canary.Replicas != replicas)
                {
                    actions.Add(new A.ScaleCanary(release, replicas));
                }

                if (_current.TrafficWithdrawn && !_facts.RoutingRestored)
                {
                    actions.Add(new A.RestoreRouting());
                }
                else if (_current.Phase != StepScaling && _guards.RoutingNeeded && !_guards.RoutingInPlace)
                {
                    actions.Add(new A.ApplyRouting(_current.Step));
                    _current = _current with { RoutingTouched = true };
                }

                var measuring = _current.Phase == StepAnalyzing || (_current.Phase == StepPaused && _current.Held);
                if (measuring && !_current.PausedByUser && MeasurementLedger.Due(_current, _strategy, _now) is { Count: > 0 } due)
                {
                    actions.Add(new A.Measure(due));
                    _current = MeasurementLedger.Requested(_current, _strategy, due, _now);
                }

                break;
            case Initializing or Finalizing or Aborting:
                // Without a release annotation nothing is held any more (the user opted out, and the webhook unpaused
                // so that Kubernetes finishes the rollout): pausing again would strand the Deployment.
                if (_current.Phase == Aborting && !_facts.Paused && !_facts.TemplateIsStable && !_facts.Deleted && _facts.Release is not null)
                {
                    actions.Add(new A.Repause());
                }

                if (!_facts.RoutingRestored)
                {
                    actions.Add(new A.RestoreRouting());
                }
                else if (_guards.CleanupGraceDone)
                {
                    // Initializing keeps the current release's canary (a retry reuses it); cleanup removes every one.
                    actions.AddRange(_facts.Canaries
                        .Where(c => _current.Phase != Initializing || c.Release != _current.Release)
                        .Select(c => new A.DeleteCanary(c.Release)));

                    // Only once the canaries are gone may the stable Service select every pod again.
                    if (_current.Phase != Initializing && _facts.Canaries.Count == 0 && _facts.StablePinned)
                    {
                        actions.Add(new A.UnpinStable());
                    }
                }

                break;
            case Promoting:
                if (_current.TrafficWithdrawn && !_facts.RoutingRestored)
                {
                    actions.Add(new A.RestoreRouting());
                }

                if (_facts.Paused)
                {
                    // The Deployment's own rolling update replaces the pods the stable Service is pinned to: unpin first.
                    if (_facts.StablePinned)
                    {
                        actions.Add(new A.UnpinStable());
                    }

                    actions.Add(new A.Unpause());
                }

                break;
            case Completed when _facts.Release is not null && _facts.Release == _current.Release:
                actions.Add(new A.ClearRelease());
                break;

            // Reverted after a rollback: nothing is held any more; unpause first so that a crash in between cannot leave it paused.
            case RolledBack when _facts.TemplateIsStable:
                if (_facts.Paused)
                {
                    actions.Add(new A.Unpause());
                }

                if (_facts.Release is not null)
                {
                    actions.Add(new A.ClearRelease());
                }

                break;
        }

        if (_current.Phase.IsAtRest && _facts.Release is null && _current.Release is not null)
        {
            _current = _current with { ReleaseCleared = true };
        }

        if (Requeue(bounded) is { } delay)
        {
            actions.Add(new A.RequeueAfter(delay));
        }

        return new Decision(_current, actions) { Transitions = _transitions };
    }

    /// <summary>
    /// The phase waits for routing objects or Services, which no watch reports on (nor does a write of them made by an
    /// earlier leader, or by this one just before a crash): only looking again moves it on.
    /// </summary>
    private bool AwaitsUnwatched() => _current.Phase switch
    {
        StepRouting => _current.RoutedAt is null && _guards.RoutingNeeded,
        Initializing or Finalizing or Aborting => !_facts.RoutingRestored || (_current.Phase != Initializing && _facts.StablePinned),
        StepScaling or Promoting => _current.TrafficWithdrawn && !_facts.RoutingRestored || (_current.Phase == Promoting && _facts.StablePinned),
        { IsAtRest: true } => !_facts.RoutingRestored || _facts.StablePinned,
        _ => false,
    };

    // Soon after the phase began (a write just made), then less often (routing refused until a person fixes it): a
    // tenth of the wait so far, from 1 s to 30 s.
    private TimeSpan UnwatchedPoll(DateTimeOffset since) =>
        TimeSpan.FromTicks(Math.Clamp((_now - since).Ticks / 10, UnwatchedPollMin.Ticks, UnwatchedPollMax.Ticks));

    /// <summary>
    /// A release that is over leaves original routing and no canary. What a leader that lost its lease mid-write (or a
    /// person) left behind is taken out in the usual order: routing, then canaries, then the stable Service's pin.
    /// </summary>
    private void AtRest(List<RolloutAction> actions)
    {
        if (!_facts.RoutingRestored)
        {
            actions.Add(new A.Emit("LeftoverRouting", $"no release is in progress ({_current.Phase}), yet routing still carries Greylane's changes: restoring the original routing", EventType.Warning));
            actions.Add(new A.RestoreRouting());
        }
        else if (_facts.Canaries.Count > 0)
        {
            actions.Add(new A.Emit("LeftoverCanary", $"no release is in progress ({_current.Phase}), yet canary ReplicaSet(s) of {string.Join(", ", _facts.Canaries.Select(c => c.Release))} exist: deleting them", EventType.Warning));
            actions.AddRange(_facts.Canaries.Select(c => new A.DeleteCanary(c.Release)));
        }
        else if (_facts.StablePinned)
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

        var grace = _strategy.Traffic.GracePeriod;
        var step = StepView.Of(_strategy, _current.Step);
        var times = new List<DateTimeOffset>();
        if (Guards.IsBounded(_current.Phase) && !_current.PausedByUser)
        {
            times.Add(Guards.DeadlineStart(_current) + _strategy.ProgressDeadline);
        }

        if (_current.Phase == StepRouting && _current.RoutedAt is { } routedAt)
        {
            times.Add(routedAt + grace);
        }

        if (_current.Phase is Initializing or Finalizing or Aborting && _current.RestoredAt is { } restoredAt)
        {
            times.Add(restoredAt + grace);
        }

        if ((_current.Phase == StepAnalyzing || (_current.Phase == StepPaused && _current.Held)) && !_current.PausedByUser)
        {
            times.AddRange(_current.Metrics.Where(m => m.NextAt is not null).Select(m => m.NextAt!.Value));
        }

        if (_current.Phase == StepPaused && !_current.Held && !_current.PausedByUser && !step.Pause.IsManual && _current.Since is { } since)
        {
            times.Add(since + step.Pause.Duration);
        }

        if (_facts.Deleted && !_current.Phase.IsAtRest)
        {
            times.Add(_now + DeletedPoll);
        }

        if (AwaitsUnwatched())
        {
            times.Add(_now + UnwatchedPoll(_current.Since ?? _now));
        }

        // Whatever was due by now has fired in this decision; a past time left over would only spin the queue.
        var future = times.Where(t => t > _now).ToList();
        return future.Count == 0 ? null : future.Min() - _now;
    }
}
