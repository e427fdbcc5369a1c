using static Greylane.Core.Rollout.RolloutPhase;
using T = Greylane.Core.Rollout.RolloutTrigger;

namespace Greylane.Core.Rollout;

/// <content>The machine's shape: every transition with its guard, as the generated diagram shows it.</content>
internal sealed partial class Decider
{
    private static readonly RolloutPhase[] Steps = [StepScaling, StepRouting, StepAnalyzing, StepPaused];
    private static readonly RolloutPhase[] Pausable = [Initializing, .. Steps];
    private static readonly RolloutPhase[] Final = [Idle, Completed, RolledBack];

    private void Configure()
    {
        foreach (var phase in Final)
        {
            _machine.Configure(phase).PermitIf(T.ReleaseDetected, Initializing, () => _guards.NewRelease, "new release annotation");
        }

        _machine.Configure(RolledBack).PermitIf(T.Retry, Initializing, () => _guards.CanRetry, "rolled-back template still held");

        // A newer template, a revert, a deletion: every phase with a release in progress reacts the same way.
        foreach (var phase in (RolloutPhase[])[.. Pausable, Promoting, Finalizing, Aborting])
        {
            var state = _machine.Configure(phase);
            if (phase == Initializing)
            {
                state.PermitReentryIf(T.Superseded, () => _guards.Superseding, "newer release annotation");
            }
            else
            {
                state.PermitIf(T.Superseded, Initializing, () => _guards.Superseding, "newer release annotation");
            }

            if (phase != Aborting)
            {
                state.PermitIf(T.RevertedToStable, Aborting, () => _guards.Reverted, "template is the stable one again")
                    .PermitIf(T.DeploymentDeleted, Aborting, () => _guards.Deleted, "Deployment deleted");
            }
        }

        foreach (var phase in Pausable)
        {
            _machine.Configure(phase)
                .PermitIf(T.Abort, Aborting, () => true, "command abort")
                .PermitIf(T.DeadlineExceeded, Aborting, () => _guards.DeadlineExceeded, "progressDeadline passed")
                .InternalTransitionIf(T.Pause, _ => true, t => Record(t, EventType.Normal), "command pause")
                .InternalTransitionIf(T.Resume, _ => _guards.PausedByUser, t => Record(t, EventType.Normal), "paused by command");
        }

        foreach (var phase in Steps)
        {
            var state = _machine.Configure(phase)
                .PermitIf(T.PromoteFull, Promoting, () => true, "command promote-full")
                .PermitIf(T.Promote, Promoting, () => !_guards.HasNextStep, "command promote, last step");
            if (phase == StepScaling)
            {
                state.PermitReentryIf(T.Promote, () => _guards.HasNextStep, "command promote, more steps");
            }
            else
            {
                state.PermitIf(T.Promote, StepScaling, () => _guards.HasNextStep, "command promote, more steps");
            }
        }

        _machine.Configure(Initializing)
            .InternalTransitionIf(T.RoutingRestored, _ => _guards.RestoredNow, t => Record(t, EventType.Normal), "original routing in place")
            .PermitIf(T.Initialized, StepScaling, () => _guards.Initialized, "routing restored, grace over, older canaries gone");

        _machine.Configure(StepScaling)
            .PermitIf(T.CanaryReady, StepRouting, () => _guards.CanaryReady, "available canary pods >= step replicas")
            .InternalTransitionIf(T.CanaryLost, _ => _guards.CanaryLost, t => Record(t, EventType.Warning), "available canary pods < what the routing in force needs");

        // A canary that loses pods never keeps traffic: routing goes back to stable, and the step starts over once the
        // canary is ready again (progressDeadline bounds the wait, then it rolls back with what the pods say).
        foreach (var phase in (RolloutPhase[])[StepRouting, StepAnalyzing, StepPaused])
        {
            _machine.Configure(phase).PermitIf(T.CanaryLost, StepScaling, () => _guards.CanaryLost, "available canary pods < step replicas while routed");
        }

        _machine.Configure(Promoting)
            .InternalTransitionIf(T.CanaryLost, _ => _guards.CanaryLost, t => Record(t, EventType.Warning), "available canary pods < its replicas while routed");

        _machine.Configure(StepRouting)
            .InternalTransitionIf(T.RoutingApplied, _ => _guards.RoutingAppliedNow, t => Record(t, EventType.Normal), "step routing in place")
            .PermitIf(T.GraceElapsed, StepAnalyzing, () => _guards.GraceElapsed, "gracePeriod since routing applied");

        _machine.Configure(StepAnalyzing)
            .PermitIf(T.MeasurementFailed, Aborting, () => _guards.FailedBeyondLimit, "failures > failureLimit")
            .PermitIf(T.MeasurementInconclusive, StepPaused, () => _guards.InconclusiveBeyondLimit, "inconclusive > inconclusiveLimit or query rejected")
            .PermitIf(T.StepPassed, StepPaused, () => _guards.StepPassed, "every step metric has count passes");

        _machine.Configure(StepPaused)
            .PermitIf(T.MeasurementFailed, Aborting, () => _guards.FailedBeyondLimit, "held, failures > failureLimit")
            .PermitIf(T.MeasurementPassed, StepAnalyzing, () => _guards.PassWhileHeld, "held, a measurement passed")
            .PermitIf(T.Resume, StepAnalyzing, () => _guards.ResumeFromHold, "held for a human")
            .PermitIf(T.PauseElapsed, StepScaling, () => _guards.PauseOver && _guards.HasNextStep, "pause over, more steps")
            .PermitIf(T.PauseElapsed, Promoting, () => _guards.PauseOver && !_guards.HasNextStep, "pause over, last step");

        // Abort is accepted in every phase with a release in progress. Once promotion has begun it cannot undo the
        // Deployment's own rollout; it halts it (re-paused) and cleans up, and the revert of the template finishes it.
        foreach (var phase in (RolloutPhase[])[Promoting, Finalizing])
        {
            _machine.Configure(phase).PermitIf(T.Abort, Aborting, () => true, "command abort, halts the Deployment's rollout");
        }

        _machine.Configure(Promoting)
            .PermitIf(T.PromotionRolledOut, Finalizing, () => _guards.RolledOut, "Deployment rollout complete")
            .PermitReentryIf(T.DeadlineExceeded, () => _guards.DeadlineExceeded, "progressDeadline passed, warn and keep waiting");

        foreach (var (phase, done, destination) in (ReadOnlySpan<(RolloutPhase, T, RolloutPhase)>)[(Finalizing, T.Finalized, Completed), (Aborting, T.CanaryDeleted, RolledBack)])
        {
            _machine.Configure(phase)
                .InternalTransitionIf(T.RoutingRestored, _ => _guards.RestoredNow, t => Record(t, EventType.Normal), "original routing in place")
                .PermitIf(done, destination, () => _guards.CleanedUp, "routing restored, grace over, canary gone")
                .PermitReentryIf(T.DeadlineExceeded, () => _guards.DeadlineExceeded, "progressDeadline passed, warn and keep cleaning up");
        }

        _machine.Configure(Aborting).Ignore(T.Abort);
    }
}
