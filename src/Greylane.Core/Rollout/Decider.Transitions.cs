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
        var before = current with { Phase = t.Source };
        current = current with { Phase = t.Destination, Since = now };
        if (!(t.IsReentry && t.Trigger == T.DeadlineExceeded))
        {
            current = Enter(current, t);
        }

        Record(t, Severity(t.Trigger), Describe(t, before));
    }

    /// <summary>Records an internal transition (no phase change): its status effect, Event and history entry.</summary>
    private void Record(StateMachine<RolloutPhase, T>.Transition t, EventType type)
    {
        current = t.Trigger switch
        {
            T.RoutingApplied => current with { RoutedAt = now, RoutedPods = StepView.Of(strategy, current.Step).Replicas.Resolve(facts.DesiredReplicas) },
            T.RoutingRestored => current with { RestoredAt = now },
            T.Pause => current with { PausedByUser = true },
            T.CanaryLost => current with { TrafficWithdrawn = true, RoutedPods = null },

            // Deadlines and timed pauses count again from the resume: the person took over the clock.
            T.Resume => current with { PausedByUser = false, Since = now },
            _ => current,
        };
        Record(t, type, Describe(t, current));
    }

    private void Record(StateMachine<RolloutPhase, T>.Transition t, EventType type, string message)
    {
        var history = current.History.Append(new TransitionRecord(t.Source, t.Destination, t.Trigger, now));
        current = current with
        {
            Reason = t.Trigger,
            Message = message,
            History = [.. history.TakeLast(RolloutStatus.HistoryLimit)],
        };
        events.Add(new RolloutAction.Emit(t.Trigger.ToString(), message, type));
    }

    private RolloutStatus Enter(RolloutStatus s, StateMachine<RolloutPhase, T>.Transition t) => t.Destination switch
    {
        Initializing => s with
        {
            Step = 0,
            TrafficWithdrawn = false,
            RoutedPods = null,
            Release = facts.Release ?? s.Release,
            Stable = facts.Stable ?? s.Stable,
            RoutedAt = null,
            RestoredAt = null,
            AnalysisSince = null,
            Metrics = [],
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
            AnalysisSince = now,
            Metrics = MeasurementLedger.Start(strategy, StepView.Of(strategy, s.Step), now),
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
