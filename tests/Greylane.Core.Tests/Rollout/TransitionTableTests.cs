using Greylane.Core.Rollout;
using Greylane.Core.Strategy;
using static Greylane.Core.Analysis.MeasurementVerdict;
using static Greylane.Core.Rollout.RolloutPhase;
using static Greylane.Core.Rollout.Tests.Facts;

namespace Greylane.Core.Rollout.Tests;

/// <summary>One row per transition: facts and status in, phase and actions out.</summary>
public sealed class TransitionTableTests
{
    private static readonly RolloutStrategy Seed = Strategies.Seed;
    private static readonly MetricStatus SuccessRate = new() { Name = "success-rate", NextAt = T0.AddSeconds(30) };

    private static RolloutStatus Analyzing(int passed = 0, int failed = 0, int inconclusive = 0) =>
        In(StepAnalyzing, 1) with
        {
            RoutingTouched = true,
            AnalysisSince = T0,
            Metrics = [SuccessRate with { Passed = passed, Failed = failed, Inconclusive = inconclusive }],
        };

    private static RolloutStatus HeldForInconclusive() =>
        Analyzing(inconclusive: 4) with { Phase = StepPaused, Held = true, Since = T0.AddMinutes(2) };

    private static readonly Dictionary<string, Row> Table = new()
    {
        ["release detected on an idle Deployment starts step 1"] =
            new(Held, RolloutStatus.Idle, Seed, T0, StepScaling, ["Emit(ReleaseDetected)", "Emit(Initialized)", "ScaleCanary(r1,1)", "RequeueAfter(600s)"]),
        ["no release annotation leaves an idle Deployment alone"] =
            new(new Observation(), RolloutStatus.Idle, Seed, T0, Idle, []),
        ["canary not yet available keeps scaling until the deadline"] =
            new(Held.WithCanary(1, 0), In(StepScaling), Seed, T0.AddMinutes(4), StepScaling, ["RequeueAfter(360s)"]),
        ["canary of the wrong size is scaled"] =
            new(Held.WithCanary(1, 1), In(StepScaling, 1), Seed, T0, StepScaling, ["ScaleCanary(r1,2)", "RequeueAfter(600s)"]),
        ["canary ready moves to routing and applies the step's matches"] =
            new(Held.WithCanary(1, 1), In(StepScaling), Seed, T0, StepRouting, ["Emit(CanaryReady)", "ApplyRouting(0)", "RequeueAfter(1s)"]),
        ["routing in place starts the grace period"] =
            new(Held.WithCanary(1, 1) with { RoutingApplied = true }, In(StepRouting) with { RoutingTouched = true }, Seed, T0.AddSeconds(5), StepRouting, ["Emit(RoutingApplied)", "RequeueAfter(3s)"]),
        ["grace over on a step without analysis passes it into its manual pause"] =
            new(Held.WithCanary(1, 1) with { RoutingApplied = true }, In(StepRouting) with { RoutingTouched = true, RoutedAt = T0 }, Seed, T0.AddSeconds(3), StepPaused, ["Emit(GraceElapsed)", "Emit(StepPassed)"]),
        ["a manual pause waits for a person"] =
            new(Held.WithCanary(1, 1) with { RoutingApplied = true }, In(StepPaused) with { RoutingTouched = true }, Seed, T0.AddDays(3), StepPaused, []),
        ["promote in a manual pause starts the next step"] =
            new(Held.WithCanary(1, 1).WithCommand("promote") with { RoutingApplied = true }, In(StepPaused) with { RoutingTouched = true }, Seed, T0, StepScaling, ["ClearCommand", "Emit(Promote)", "ScaleCanary(r1,2)", "RequeueAfter(600s)"]),
        ["grace over on a gated step starts measuring after the initial delay"] =
            new(Held.WithCanary(2, 2) with { RoutingApplied = true }, In(StepRouting, 1) with { RoutingTouched = true, RoutedAt = T0 }, Seed, T0.AddSeconds(3), StepAnalyzing, ["Emit(GraceElapsed)", "Measure(success-rate)", "RequeueAfter(30s)"]),
        ["the last needed pass moves into the timed pause"] =
            new(Held.WithCanary(2, 2).Measured("success-rate", Pass, T0.AddSeconds(61), 0.999) with { RoutingApplied = true }, Analyzing(passed: 2), Seed, T0.AddSeconds(62), StepPaused, ["Emit(StepPassed)", "RequeueAfter(120s)"]),
        ["failures beyond failureLimit roll back, restoring routing first"] =
            new(Held.WithCanary(2, 2).Measured("success-rate", Fail, T0.AddSeconds(61), 0.8) with { RoutingApplied = true, RoutingRestored = false }, Analyzing(failed: 1), Seed, T0.AddSeconds(62), Aborting, ["Emit(MeasurementFailed)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["failures within failureLimit keep measuring"] =
            new(Held.WithCanary(2, 2).Measured("success-rate", Fail, T0.AddSeconds(31), 0.8) with { RoutingApplied = true }, Analyzing(), Seed, T0.AddSeconds(32), StepAnalyzing, ["Measure(success-rate)", "RequeueAfter(30s)"]),
        ["inconclusive beyond inconclusiveLimit holds for a human and keeps measuring"] =
            new(Held.WithCanary(2, 2).Measured("success-rate", Inconclusive, T0.AddSeconds(61), message: "no data") with { RoutingApplied = true }, Analyzing(inconclusive: 3), Seed, T0.AddSeconds(62), StepPaused, ["Emit(MeasurementInconclusive)", "Measure(success-rate)", "RequeueAfter(30s)"]),
        ["a pass while held resumes the analysis"] =
            new(Held.WithCanary(2, 2).Measured("success-rate", Pass, T0.AddMinutes(3), 0.995) with { RoutingApplied = true }, HeldForInconclusive(), Seed, T0.AddMinutes(3), StepAnalyzing, ["Emit(MeasurementPassed)", "Measure(success-rate)", "RequeueAfter(30s)"]),
        ["resume while held resumes the analysis"] =
            new(Held.WithCanary(2, 2).WithCommand("resume") with { RoutingApplied = true }, HeldForInconclusive(), Seed, T0.AddMinutes(3), StepAnalyzing, ["ClearCommand", "Emit(Resume)", "Measure(success-rate)", "RequeueAfter(30s)"]),
        ["a timed pause on the last step ends in promotion"] =
            new(Held.WithCanary(2, 2) with { RoutingApplied = true }, Analyzing(passed: 3) with { Phase = StepPaused }, Seed, T0.AddMinutes(2), Promoting, ["Emit(PauseElapsed)", "Unpause", "RequeueAfter(600s)"]),
        ["the Deployment's finished rollout starts finalizing by restoring routing"] =
            new(Held.WithCanary(2, 2) with { Paused = false, RolloutComplete = true, RoutingRestored = false }, In(Promoting, 1) with { RoutingTouched = true }, Seed, T0, Finalizing, ["Emit(PromotionRolledOut)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["restored routing in finalizing waits the grace period"] =
            new(Held.WithCanary(2, 2) with { Paused = false }, In(Finalizing, 1) with { RoutingTouched = true }, Seed, T0, Finalizing, ["Emit(RoutingRestored)", "RequeueAfter(3s)"]),
        ["grace over in finalizing deletes the canary"] =
            new(Held.WithCanary(2, 2) with { Paused = false }, In(Finalizing, 1) with { RoutingTouched = true, RestoredAt = T0 }, Seed, T0.AddSeconds(3), Finalizing, ["DeleteCanary(r1)", "RequeueAfter(597s)"]),
        ["canary gone in finalizing completes and clears the release"] =
            new(Held with { Paused = false }, In(Finalizing, 1) with { RoutingTouched = true, RestoredAt = T0 }, Seed, T0.AddSeconds(4), Completed, ["Emit(Finalized)", "ClearRelease"]),
        ["canary gone while aborting ends rolled back, still paused"] =
            new(Held, In(Aborting, 1) with { RoutingTouched = true, RestoredAt = T0 }, Seed, T0.AddSeconds(4), RolledBack, ["Emit(CanaryDeleted)"]),
        ["a canary that never gets ready hits the deadline and rolls back"] =
            new(Held.WithCanary(1, 0), In(StepScaling), Seed, T0.AddMinutes(10), Aborting, ["Emit(DeadlineExceeded)", "DeleteCanary(r1)", "RequeueAfter(600s)"]),
        ["a routed canary that loses its pods takes its traffic back to stable and scales again"] =
            new(Held.WithCanary(1, 0) with { RoutingApplied = true, RoutingRestored = false, CanaryProblem = "container app waiting: CrashLoopBackOff" }, In(StepPaused) with { RoutingTouched = true }, Seed, T0.AddMinutes(1), StepScaling, ["Emit(CanaryLost)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["a canary losing its pods is withdrawn even while a person paused the release"] =
            new(Held.WithCanary(1, 0) with { RoutingApplied = true, RoutingRestored = false }, In(StepPaused) with { RoutingTouched = true, PausedByUser = true }, Seed, T0.AddMinutes(1), StepScaling, ["Emit(CanaryLost)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["a canary short of pods on a step that routes nothing to it keeps its step"] =
            new(Held.WithCanary(1, 0) with { RoutingApplied = true }, In(StepPaused) with { PausedByUser = true }, Strategies.Plain, T0, StepPaused, []),
        ["a canary that loses pods while the next step scales withdraws the last step's routing"] =
            new(Held.WithCanary(2, 0) with { RoutingRestored = false }, In(StepScaling, 1) with { RoutingTouched = true }, Seed, T0, StepScaling, ["Emit(CanaryLost)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["a recovered canary gets its step's routing again"] =
            new(Held.WithCanary(1, 1), In(StepScaling) with { RoutingTouched = true, TrafficWithdrawn = true }, Seed, T0, StepRouting, ["Emit(CanaryReady)", "ApplyRouting(0)", "RequeueAfter(1s)"]),
        ["a canary that never recovers rolls back at the deadline"] =
            new(Held.WithCanary(1, 0), In(StepScaling) with { RoutingTouched = true, TrafficWithdrawn = true }, Seed, T0.AddMinutes(10), Aborting, ["Emit(DeadlineExceeded)", "Emit(RoutingRestored)", "RequeueAfter(3s)"]),
        ["a canary losing its pods during promotion withdraws its traffic and promotion goes on"] =
            new(Held.WithCanary(2, 0) with { Paused = false, RoutingRestored = false }, In(Promoting, 1) with { RoutingTouched = true }, Seed, T0, Promoting, ["Emit(CanaryLost)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["promotion unpins a host-mode stable Service before unpausing"] =
            new(Held.WithCanary(2, 2) with { RoutingApplied = true, StablePinned = true }, In(Promoting, 1) with { RoutingTouched = true }, Seed, T0, Promoting, ["UnpinStable", "Unpause", "RequeueAfter(1s)"]),
        ["with the canary gone a host-mode stable Service is unpinned before the release ends"] =
            new(Held with { StablePinned = true }, In(Aborting, 1) with { RoutingTouched = true, RestoredAt = T0 }, Seed, T0.AddSeconds(4), Aborting, ["UnpinStable", "RequeueAfter(1s)"]),
        ["a restart in routing that finds the step's routing written moves on at once"] =
            new(Held.WithCanary(1, 1) with { RoutingApplied = true }, In(StepRouting) with { RoutingTouched = true }, Seed, T0.AddMinutes(3), StepRouting, ["Emit(RoutingApplied)", "RequeueAfter(3s)"]),
        ["routing refused for long is looked at again less often"] =
            new(Held.WithCanary(1, 1), In(StepRouting) with { RoutingTouched = true }, Seed, T0.AddMinutes(5), StepRouting, ["ApplyRouting(0)", "RequeueAfter(30s)"]),
        ["routing left changed at rest is restored first"] =
            new(Held.WithCanary(1, 1) with { Release = null, RoutingRestored = false }, In(RolledBack) with { ReleaseCleared = true }, Seed, T0, RolledBack, ["Emit(LeftoverRouting)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["a canary left at rest is deleted once routing is original"] =
            new(Held.WithCanary(1, 1) with { Release = null }, In(Completed) with { ReleaseCleared = true }, Seed, T0, Completed, ["Emit(LeftoverCanary)", "DeleteCanary(r1)"]),
        ["a stable Service left pinned at rest is unpinned"] =
            new(Held with { Release = null, StablePinned = true }, In(Completed) with { ReleaseCleared = true }, Seed, T0, Completed, ["UnpinStable", "RequeueAfter(1s)"]),
        ["abort with nothing in progress touches nothing"] =
            new(new Observation().WithCommand("abort"), RolloutStatus.Idle, Seed, T0, Idle, ["ClearCommand", "Emit(CommandIgnored)"]),
        ["abort mid-step rolls back"] =
            new(Held.WithCanary(2, 2).WithCommand("abort") with { RoutingApplied = true, RoutingRestored = false }, Analyzing(), Seed, T0, Aborting, ["ClearCommand", "Emit(Abort)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["abort while promoting halts the Deployment's rollout, then restores routing"] =
            new(Held.WithCommand("abort") with { Paused = false, RoutingRestored = false }, In(Promoting, 1), Seed, T0, Aborting, ["ClearCommand", "Emit(Abort)", "Repause", "RestoreRouting", "RequeueAfter(1s)"]),
        ["a newer release supersedes: routing restored before anything else"] =
            new(Held.WithCanary(2, 2) with { Release = NewerRelease, RoutingRestored = false }, Analyzing(), Seed, T0, Initializing, ["Emit(Superseded)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["after a superseding release's grace the old canary is deleted"] =
            new(Held.WithCanary(2, 2) with { Release = NewerRelease }, In(Initializing) with { Release = NewerRelease, RoutingTouched = true, RestoredAt = T0 }, Seed, T0.AddSeconds(3), Initializing, ["DeleteCanary(r1)", "RequeueAfter(597s)"]),
        ["with the old canary gone the superseding release starts at step 1"] =
            new(Held with { Release = NewerRelease }, In(Initializing) with { Release = NewerRelease, RoutingTouched = true, RestoredAt = T0 }, Seed, T0.AddSeconds(3), StepScaling, ["Emit(Initialized)", "ScaleCanary(r2,1)", "RequeueAfter(600s)"]),
        ["the template reverted to stable rolls back"] =
            new(Held.WithCanary(1, 1) with { TemplateIsStable = true, RoutingApplied = true, RoutingRestored = false }, In(StepPaused) with { RoutingTouched = true }, Seed, T0, Aborting, ["Emit(RevertedToStable)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["a revert after a rollback unpauses at once and clears the release"] =
            new(Held with { TemplateIsStable = true }, In(RolledBack), Seed, T0, RolledBack, ["Unpause", "ClearRelease"]),
        ["a deleted Deployment restores routing without waiting"] =
            new(Held.WithCanary(2, 2) with { Deleted = true, RoutingRestored = false }, Analyzing(), Seed, T0, Aborting, ["Emit(DeploymentDeleted)", "RestoreRouting", "RequeueAfter(1s)"]),
        ["retry after a rollback restarts at step 1"] =
            new(Held.WithCommand("retry"), In(RolledBack, 1), Seed, T0, StepScaling, ["ClearCommand", "Emit(Retry)", "Emit(Initialized)", "ScaleCanary(r1,1)", "RequeueAfter(600s)"]),
        ["promote-full skips the remaining steps"] =
            new(Held.WithCanary(1, 0).WithCommand("promote-full"), In(StepScaling), Seed, T0, Promoting, ["ClearCommand", "Emit(PromoteFull)", "Unpause", "RequeueAfter(600s)"]),
        ["pause holds a ready canary where it is"] =
            new(Held.WithCanary(1, 1).WithCommand("pause"), In(StepScaling), Seed, T0.AddHours(1), StepScaling, ["ClearCommand", "Emit(Pause)"]),
        ["an unknown command is refused with the list of commands"] =
            new(Held.WithCanary(1, 1).WithCommand("yolo"), In(StepScaling), Seed, T0, StepRouting, ["ClearCommand", "Emit(UnknownCommand)", "Emit(CanaryReady)", "ApplyRouting(0)", "RequeueAfter(1s)"]),
        ["a completed release's annotation is cleared, then a new one is detected"] =
            new(Held with { Release = NewerRelease }, In(Completed) with { ReleaseCleared = true }, Seed, T0, StepScaling, ["Emit(ReleaseDetected)", "Emit(Initialized)", "ScaleCanary(r2,1)", "RequeueAfter(600s)"]),
        ["a vacuous strategy runs through every step in one decision"] =
            new(Held.WithCanary(4, 4), In(StepScaling), Strategies.Plain, T0, Promoting, ["Emit(CanaryReady)", "Emit(RoutingApplied)", "Emit(GraceElapsed)", "Emit(StepPassed)", "Emit(PauseElapsed)", "Emit(CanaryReady)", "Emit(RoutingApplied)", "Emit(GraceElapsed)", "Emit(StepPassed)", "Emit(PauseElapsed)", "Emit(CanaryReady)", "Emit(RoutingApplied)", "Emit(GraceElapsed)", "Emit(StepPassed)", "Emit(PauseElapsed)", "Unpause", "RequeueAfter(600s)"]),
    };

    public static TheoryData<string> Rows => [.. Table.Keys];

    [Theory]
    [MemberData(nameof(Rows))]
    public void Transition(string row)
    {
        var (facts, status, strategy, now, phase, actions) = Table[row];

        var decision = StepMachine.Decide(facts, status, strategy, now);

        Assert.Equal(phase, decision.Status.Phase);
        Assert.Equal(actions, ActionText.Show(decision.Actions));
    }

    private sealed record Row(Observation Facts, RolloutStatus Status, RolloutStrategy Strategy, DateTimeOffset Now, RolloutPhase Phase, string[] Actions);
}
