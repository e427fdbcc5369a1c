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
            machine.Configure(phase).PermitIf(T.ReleaseDetected, Initializing, () => guards.NewRelease, "new release annotation");
        }

        machine.Configure(RolledBack).PermitIf(T.Retry, Initializing, () => guards.CanRetry, "rolled-back template still held");

        // A newer template, a revert, a deletion: every phase with a release in progress reacts the same way.
        foreach (var phase in (RolloutPhase[])[.. Pausable, Promoting, Finalizing, Aborting])
        {
            var state = machine.Configure(phase);
            if (phase == Initializing)
            {
                state.PermitReentryIf(T.Superseded, () => guards.Superseding, "newer release annotation");
            }
            else
            {
                state.PermitIf(T.Superseded, Initializing, () => guards.Superseding, "newer release annotation");
            }

            if (phase != Aborting)
            {
                state.PermitIf(T.RevertedToStable, Aborting, () => guards.Reverted, "template is the stable one again")
                    .PermitIf(T.DeploymentDeleted, Aborting, () => guards.Deleted, "Deployment deleted");
            }
        }

        foreach (var phase in Pausable)
        {
            machine.Configure(phase)
                .PermitIf(T.Abort, Aborting, () => true, "command abort")
                .PermitIf(T.DeadlineExceeded, Aborting, () => guards.DeadlineExceeded, "progressDeadline passed")
                .InternalTransitionIf(T.Pause, _ => true, t => Record(t, EventType.Normal), "command pause")
                .InternalTransitionIf(T.Resume, _ => guards.PausedByUser, t => Record(t, EventType.Normal), "paused by command");
        }

        foreach (var phase in Steps)
        {
            var state = machine.Configure(phase)
                .PermitIf(T.PromoteFull, Promoting, () => true, "command promote-full")
                .PermitIf(T.Promote, Promoting, () => !guards.HasNextStep, "command promote, last step");
            if (phase == StepScaling)
            {
                state.PermitReentryIf(T.Promote, () => guards.HasNextStep, "command promote, more steps");
            }
            else
            {
                state.PermitIf(T.Promote, StepScaling, () => guards.HasNextStep, "command promote, more steps");
            }
        }

        machine.Configure(Initializing)
            .InternalTransitionIf(T.RoutingRestored, _ => guards.RestoredNow, t => Record(t, EventType.Normal), "original routing in place")
            .PermitIf(T.Initialized, StepScaling, () => guards.Initialized, "routing restored, grace over, older canaries gone");

        machine.Configure(StepScaling)
            .PermitIf(T.CanaryReady, StepRouting, () => guards.CanaryReady, "available canary pods >= step replicas")
            .InternalTransitionIf(T.CanaryLost, _ => guards.CanaryLost, t => Record(t, EventType.Warning), "available canary pods < what the routing in force needs");

        // A canary that loses pods never keeps traffic: routing goes back to stable, and the step starts over once the
        // canary is ready again (progressDeadline bounds the wait, then it rolls back with what the pods say).
        foreach (var phase in (RolloutPhase[])[StepRouting, StepAnalyzing, StepPaused])
        {
            machine.Configure(phase).PermitIf(T.CanaryLost, StepScaling, () => guards.CanaryLost, "available canary pods < step replicas while routed");
        }

        machine.Configure(Promoting)
            .InternalTransitionIf(T.CanaryLost, _ => guards.CanaryLost, t => Record(t, EventType.Warning), "available canary pods < its replicas while routed");

        machine.Configure(StepRouting)
            .InternalTransitionIf(T.RoutingApplied, _ => guards.RoutingAppliedNow, t => Record(t, EventType.Normal), "step routing in place")
            .PermitIf(T.GraceElapsed, StepAnalyzing, () => guards.GraceElapsed, "gracePeriod since routing applied");

        machine.Configure(StepAnalyzing)
            .PermitIf(T.MeasurementFailed, Aborting, () => guards.FailedBeyondLimit, "failures > failureLimit")
            .PermitIf(T.MeasurementInconclusive, StepPaused, () => guards.InconclusiveBeyondLimit, "inconclusive > inconclusiveLimit or query rejected")
            .PermitIf(T.StepPassed, StepPaused, () => guards.StepPassed, "every step metric has count passes");

        machine.Configure(StepPaused)
            .PermitIf(T.MeasurementFailed, Aborting, () => guards.FailedBeyondLimit, "held, failures > failureLimit")
            .PermitIf(T.MeasurementPassed, StepAnalyzing, () => guards.PassWhileHeld, "held, a measurement passed")
            .PermitIf(T.Resume, StepAnalyzing, () => guards.ResumeFromHold, "held for a human")
            .PermitIf(T.PauseElapsed, StepScaling, () => guards.PauseOver && guards.HasNextStep, "pause over, more steps")
            .PermitIf(T.PauseElapsed, Promoting, () => guards.PauseOver && !guards.HasNextStep, "pause over, last step");

        // Abort is accepted in every phase with a release in progress. Once promotion has begun it cannot undo the
        // Deployment's own rollout; it halts it (re-paused) and cleans up, and the revert of the template finishes it.
        foreach (var phase in (RolloutPhase[])[Promoting, Finalizing])
        {
            machine.Configure(phase).PermitIf(T.Abort, Aborting, () => true, "command abort, halts the Deployment's rollout");
        }

        machine.Configure(Promoting)
            .PermitIf(T.PromotionRolledOut, Finalizing, () => guards.RolledOut, "Deployment rollout complete")
            .PermitReentryIf(T.DeadlineExceeded, () => guards.DeadlineExceeded, "progressDeadline passed, warn and keep waiting");

        foreach (var (phase, done, destination) in (ReadOnlySpan<(RolloutPhase, T, RolloutPhase)>)[(Finalizing, T.Finalized, Completed), (Aborting, T.CanaryDeleted, RolledBack)])
        {
            machine.Configure(phase)
                .InternalTransitionIf(T.RoutingRestored, _ => guards.RestoredNow, t => Record(t, EventType.Normal), "original routing in place")
                .PermitIf(done, destination, () => guards.CleanedUp, "routing restored, grace over, canary gone")
                .PermitReentryIf(T.DeadlineExceeded, () => guards.DeadlineExceeded, "progressDeadline passed, warn and keep cleaning up");
        }

        machine.Configure(Aborting).Ignore(T.Abort);
    }
}
