using Stateless;
using static Greylane.Core.Rollout.RolloutPhase;
using T = Greylane.Core.Rollout.RolloutTrigger;

namespace Greylane.Core.Rollout;

/// <content>What entering a phase does to the status, and the Event and history entry of every transition.</content>
internal sealed partial class Decider
{
    private void OnTransitioned(StateMachine<RolloutPhase, T>.Transition t)
    {
        // Stateless has already called the state mutator, so the phase left is the transition's source.
        var before = _current with { Phase = t.Source };
        _current = _current with { Phase = t.Destination, Since = _now };
        if (!(t.IsReentry && t.Trigger == T.DeadlineExceeded))
        {
            _current = Enter(_current, t);
        }

        Record(t, Severity(t.Trigger), Describe(t, before), before);
    }

    /// <summary>Records an internal transition (no phase change): its status effect, Event and history entry.</summary>
    private void Record(StateMachine<RolloutPhase, T>.Transition t, EventType type)
    {
        var before = _current;
        _current = t.Trigger switch
        {
            T.RoutingApplied => _current with { RoutedAt = _now, RoutedPods = StepView.Of(_strategy, _current.Step).Replicas.Resolve(_facts.DesiredReplicas) },
            T.RoutingRestored => _current with { RestoredAt = _now },
            T.Pause => _current with { PausedByUser = true },
            T.CanaryLost => _current with { TrafficWithdrawn = true, RoutedPods = null },

            // Deadlines and timed pauses count again from the resume: the person took over the clock.
            T.Resume => _current with { PausedByUser = false, Since = _now },
            _ => _current,
        };
        Record(t, type, Describe(t, _current), before);
    }

    private void Record(StateMachine<RolloutPhase, T>.Transition t, EventType type, string message, RolloutStatus before)
    {
        var history = _current.History.Append(new TransitionRecord(t.Source, t.Destination, t.Trigger, _now));
        _current = _current with
        {
            Reason = t.Trigger,
            Message = message,
            History = [.. history.TakeLast(RolloutStatus.HistoryLimit)],
        };
        _events.Add(new RolloutAction.Emit(t.Trigger.ToString(), message, type));
        _transitions.Add(new ReleaseTransition(t.Trigger, before, _current, message, _transitions.Count));
    }

    private RolloutStatus Enter(RolloutStatus s, StateMachine<RolloutPhase, T>.Transition t) => t.Destination switch
    {
        Initializing => s with
        {
            Step = 0,
            TrafficWithdrawn = false,
            RoutedPods = null,
            Release = _facts.Release ?? s.Release,
            Stable = _facts.Stable ?? s.Stable,
            RoutedAt = null,
            RestoredAt = null,
            AnalysisSince = null,
            Metrics = [],
            Measurements = [],
            PausedByUser = false,
            Held = false,
            ReleaseCleared = false,
        },

        // Initializing waited out the grace period after restoring routing, so the new release starts clean.
        // A lost canary goes back to scaling the same step, with routing withdrawn until it is ready again.
        StepScaling when t.Trigger == T.CanaryLost => s with
        {
            TrafficWithdrawn = true,
            RoutedPods = null,
            RoutedAt = null,
            AnalysisSince = null,
            Metrics = [],
            Held = false,
        },
        StepScaling => s with
        {
            Step = t.Trigger == T.Initialized ? 0 : s.Step + 1,
            RoutingTouched = t.Trigger != T.Initialized && s.RoutingTouched,
            RoutedAt = null,
            AnalysisSince = null,
            Metrics = [],
            Held = false,
        },
        StepRouting => s with { RoutedAt = null, TrafficWithdrawn = false },
        StepAnalyzing when t.Source == StepRouting => s with
        {
            AnalysisSince = _now,
            Metrics = MeasurementLedger.Start(_strategy, StepView.Of(_strategy, s.Step), _now),
        },
        StepAnalyzing => s with { Held = false, Metrics = MeasurementLedger.Forgive(s.Metrics) },
        StepPaused => s with { Held = t.Trigger == T.MeasurementInconclusive },
        Promoting => s with { PausedByUser = false, Held = false },
        Finalizing or Aborting => s with { RestoredAt = null, PausedByUser = false, Held = false },
        Completed or RolledBack => s with { RoutingTouched = false, TrafficWithdrawn = false, RoutedPods = null },
        _ => s,
    };

    private static EventType Severity(T trigger) => trigger switch
    {
        T.DeadlineExceeded or T.MeasurementFailed or T.MeasurementInconclusive or T.Abort or T.CanaryDeleted
            or T.RevertedToStable or T.DeploymentDeleted or T.CanaryLost => EventType.Warning,
        _ => EventType.Normal,
    };
}
