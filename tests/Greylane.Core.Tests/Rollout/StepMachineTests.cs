using Greylane.Core.Rollout;
using Microsoft.Extensions.Time.Testing;
using static Greylane.Core.Analysis.MeasurementVerdict;
using static Greylane.Core.Rollout.RolloutPhase;
using static Greylane.Core.Rollout.Tests.Facts;
using A = Greylane.Core.Rollout.RolloutAction;

namespace Greylane.Core.Rollout.Tests;

public sealed class StepMachineTests
{
    private static RolloutStatus Measuring(params MetricStatus[] metrics) =>
        In(StepAnalyzing) with { AnalysisSince = T0, Metrics = metrics };

    private static MetricStatus Metric(string name, int passed = 0, DateTimeOffset? lastAt = null) =>
        new() { Name = name, Passed = passed, LastAt = lastAt, NextAt = T0.AddHours(1) };

    [Fact]
    public void Deadline_message_says_what_the_release_waited_for()
    {
        var decision = StepMachine.Decide(Held.WithCanary(1, 0), In(StepScaling), Strategies.Seed, T0.AddMinutes(10));

        Assert.Equal(Aborting, decision.Status.Phase);
        Assert.Equal("step 1/2: waiting for canary ready 0/1 after 10m: rolling back", decision.Status.Message);
        Assert.Contains(decision.Actions, a => a is A.Emit { Reason: "DeadlineExceeded", Type: EventType.Warning });
    }

    [Fact]
    public void A_measurement_seen_twice_is_counted_once()
    {
        var facts = Held.WithCanary(1, 1).Measured("success-rate", Pass, T0.AddSeconds(30), 0.999) with { RoutingApplied = true };
        var strategy = Strategies.TwoMetrics;

        var first = StepMachine.Decide(facts, Measuring(Metric("success-rate"), Metric("latency")), strategy, T0.AddSeconds(31));
        var second = StepMachine.Decide(facts, first.Status, strategy, T0.AddSeconds(32));

        Assert.Equal(1, first.Status.Metrics[0].Passed);
        Assert.Equal(0.999, first.Status.Metrics[0].LastValue);
        Assert.Equal(1, second.Status.Metrics[0].Passed);
    }

    [Fact]
    public void Measurements_from_before_the_step_analysis_do_not_count()
    {
        var facts = Held.WithCanary(1, 1).Measured("success-rate", Pass, T0.AddSeconds(-1)) with { RoutingApplied = true };

        var decision = StepMachine.Decide(facts, Measuring(Metric("success-rate"), Metric("latency")), Strategies.TwoMetrics, T0.AddSeconds(1));

        Assert.Equal(0, decision.Status.Metrics[0].Passed);
    }

    [Fact]
    public void Metrics_are_measured_after_their_initial_delay_then_at_their_own_interval()
    {
        var facts = Held.WithCanary(1, 1) with { RoutingApplied = true };
        var strategy = Strategies.TwoMetrics;
        var routed = In(StepRouting) with { RoutedAt = T0 };

        var started = StepMachine.Decide(facts, routed, strategy, T0);
        var afterDelay = StepMachine.Decide(facts, started.Status, strategy, T0.AddSeconds(10));
        var later = StepMachine.Decide(facts, afterDelay.Status, strategy, T0.AddSeconds(30));

        Assert.Equal(["Emit(GraceElapsed)", "Measure(success-rate)", "RequeueAfter(10s)"], ActionText.Show(started.Actions));
        Assert.Equal(["Measure(latency)", "RequeueAfter(20s)"], ActionText.Show(afterDelay.Actions));
        Assert.Equal(["Measure(success-rate,latency)", "RequeueAfter(20s)"], ActionText.Show(later.Actions));
    }

    [Fact]
    public void A_step_passes_only_when_every_metric_it_names_has_its_count()
    {
        var facts = Held.WithCanary(1, 1) with { RoutingApplied = true };
        var strategy = Strategies.TwoMetrics;

        var missingLatency = StepMachine.Decide(facts, Measuring(Metric("success-rate", 3), Metric("latency", 1)), strategy, T0.AddSeconds(5));
        var both = StepMachine.Decide(facts, Measuring(Metric("success-rate", 3), Metric("latency", 2)), strategy, T0.AddSeconds(5));

        Assert.Equal(StepAnalyzing, missingLatency.Status.Phase);
        Assert.Equal(Promoting, both.Status.Phase);
    }

    [Fact]
    public void Analysis_progress_pushes_the_deadline_back()
    {
        var facts = Held.WithCanary(1, 1) with { RoutingApplied = true };
        var status = Measuring(Metric("success-rate", 1, T0.AddMinutes(9)), Metric("latency", 1, T0.AddMinutes(9)));

        var decision = StepMachine.Decide(facts, status, Strategies.TwoMetrics, T0.AddMinutes(12));

        Assert.Equal(StepAnalyzing, decision.Status.Phase);
    }

    [Fact]
    public void Pause_holds_everything_until_resume_and_the_deadline_counts_from_the_resume()
    {
        var facts = Held.WithCanary(1, 0);
        var paused = StepMachine.Decide(facts.WithCommand("pause"), In(StepScaling), Strategies.Seed, T0);
        var muchLater = StepMachine.Decide(facts with { Canaries = [new CanaryObservation(Facts.Release, 1, 1)] }, paused.Status, Strategies.Seed, T0.AddHours(2));
        var resumed = StepMachine.Decide(facts.WithCommand("resume"), muchLater.Status, Strategies.Seed, T0.AddHours(2));
        var beforeDeadline = StepMachine.Decide(facts, resumed.Status, Strategies.Seed, T0.AddHours(2).AddMinutes(9));

        Assert.True(paused.Status.PausedByUser);
        Assert.Equal(StepScaling, muchLater.Status.Phase);
        Assert.DoesNotContain(muchLater.Actions, a => a is A.RequeueAfter);
        Assert.False(resumed.Status.PausedByUser);
        Assert.Equal(T0.AddHours(2), resumed.Status.Since);
        Assert.Equal(StepScaling, beforeDeadline.Status.Phase);
    }

    [Theory]
    [InlineData(Initializing)]
    [InlineData(StepScaling)]
    [InlineData(StepRouting)]
    [InlineData(StepAnalyzing)]
    [InlineData(StepPaused)]
    public void Abort_rolls_back_from_every_phase_before_promotion(RolloutPhase phase)
    {
        var decision = StepMachine.Decide(Held.WithCanary(1, 1).WithCommand("abort") with { RoutingRestored = false }, In(phase), Strategies.Seed, T0);

        Assert.Equal(Aborting, decision.Status.Phase);
        Assert.Contains(decision.Actions, a => a is A.RestoreRouting);
        Assert.DoesNotContain(decision.Actions, a => a is A.DeleteCanary);
    }

    [Fact]
    public void Abort_while_aborting_is_accepted_and_changes_nothing()
    {
        var status = In(Aborting) with { RoutingTouched = true };

        var decision = StepMachine.Decide(Held.WithCanary(1, 1).WithCommand("abort") with { RoutingRestored = false }, status, Strategies.Seed, T0);

        Assert.Equal(["ClearCommand", "RestoreRouting", "RequeueAfter(1s)"], ActionText.Show(decision.Actions));
        Assert.Equal(RolloutStatusJson.Write(status), RolloutStatusJson.Write(decision.Status));
    }

    [Theory]
    [InlineData(Promoting)]
    [InlineData(Finalizing)]
    public void Abort_after_promotion_started_halts_the_rollout_and_points_to_the_revert(RolloutPhase phase)
    {
        var decision = StepMachine.Decide(Held.WithCanary(2, 2).WithCommand("abort") with { Paused = false, RoutingRestored = false }, In(phase, 1) with { RoutingTouched = true }, Strategies.Seed, T0);

        Assert.Equal(Aborting, decision.Status.Phase);
        Assert.Equal(["ClearCommand", "Emit(Abort)", "Repause", "RestoreRouting", "RequeueAfter(1s)"], ActionText.Show(decision.Actions));
        Assert.Contains("revert the template", decision.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Abort_after_a_revert_never_pauses_the_stable_template_again()
    {
        var reverted = Held.WithCanary(2, 2).WithCommand("abort") with { Paused = false, TemplateIsStable = true, RoutingRestored = false };

        var decision = StepMachine.Decide(reverted, In(Promoting, 1) with { RoutingTouched = true }, Strategies.Seed, T0);

        Assert.DoesNotContain(decision.Actions, a => a is A.Repause);
    }

    [Fact]
    public void Opting_out_mid_release_cleans_up_without_pausing_the_deployment_again()
    {
        var optedOut = Held.WithCanary(1, 1) with { Release = null, Paused = false, RoutingRestored = true };

        var decision = StepMachine.Decide(optedOut, In(StepPaused, 0), Strategies.Seed, T0);

        Assert.Equal(Aborting, decision.Status.Phase);
        Assert.DoesNotContain(decision.Actions, a => a is A.Repause);
        Assert.Contains(decision.Actions, a => a is A.DeleteCanary);
    }

    [Fact]
    public void Abort_with_no_release_in_progress_never_touches_anything()
    {
        var random = new Random(7);
        for (var i = 0; i < 200; i++)
        {
            var facts = new Observation
            {
                Command = "abort",
                Paused = random.Next(2) == 0,
                DesiredReplicas = random.Next(0, 20),
                RoutingRestored = random.Next(2) == 0,
                RoutingApplied = random.Next(2) == 0,
                RolloutComplete = random.Next(2) == 0,
                Canaries = random.Next(2) == 0 ? [new CanaryObservation("old", 1, 1)] : [],
            };

            var now = T0.AddMinutes(random.Next(1000));
            var decision = StepMachine.Decide(facts, RolloutStatus.Idle, Strategies.Seed, now);
            var withoutCommand = StepMachine.Decide(facts with { Command = null }, RolloutStatus.Idle, Strategies.Seed, now);

            // Leftovers at rest are cleaned up whether or not a command came; the abort itself adds nothing.
            Assert.Equal(Idle, decision.Status.Phase);
            Assert.Equal(
                withoutCommand.Actions,
                decision.Actions.Where(a => a is not A.ClearCommand && !(a is A.Emit { Reason: "CommandIgnored" })));
        }
    }

    [Fact]
    public void A_cleanup_past_its_deadline_warns_and_keeps_trying()
    {
        var decision = StepMachine.Decide(Held.WithCanary(1, 1) with { RoutingRestored = false }, In(Aborting) with { RoutingTouched = true }, Strategies.Seed, T0.AddMinutes(10));

        Assert.Equal(Aborting, decision.Status.Phase);
        Assert.Equal(T0.AddMinutes(10), decision.Status.Since);
        Assert.Equal(["Emit(DeadlineExceeded)", "RestoreRouting", "RequeueAfter(1s)"], ActionText.Show(decision.Actions));
        Assert.Contains("waiting for routing restored after 10m", decision.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_hold_for_a_human_is_not_cut_short_by_the_deadline()
    {
        var held = In(StepPaused, 1) with { Held = true, AnalysisSince = T0, Metrics = [Metric("success-rate") with { Inconclusive = 4 }] };

        var decision = StepMachine.Decide(Held.WithCanary(2, 2) with { RoutingApplied = true }, held, Strategies.Seed, T0.AddDays(1));

        Assert.Equal(StepPaused, decision.Status.Phase);
        Assert.True(decision.Status.Held);
    }

    [Fact]
    public void Scaling_the_Deployment_mid_release_resizes_the_canary()
    {
        var decision = StepMachine.Decide(Held.WithCanary(2, 2) with { DesiredReplicas = 10, RoutingApplied = true }, In(StepPaused, 1), Strategies.Seed, T0);

        Assert.Contains(new A.ScaleCanary(Facts.Release, 5), decision.Actions);
    }

    [Fact]
    public void A_deleted_Deployment_with_nothing_in_progress_needs_nothing()
    {
        var decision = StepMachine.Decide(new Observation { Deleted = true, RoutingRestored = false }, In(Completed), Strategies.Seed, T0);

        Assert.Empty(decision.Actions);
    }

    [Fact]
    public void Retry_is_refused_once_the_rolled_back_template_is_gone()
    {
        var decision = StepMachine.Decide(Held.WithCommand("retry") with { TemplateIsStable = true }, In(RolledBack), Strategies.Seed, T0);

        Assert.Equal(RolledBack, decision.Status.Phase);
        Assert.Contains(decision.Actions, a => a is A.Emit { Reason: "CommandIgnored" });
    }

    [Fact]
    public void Every_transition_is_an_event_and_history_keeps_the_last_ten()
    {
        var decision = StepMachine.Decide(Held.WithCanary(4, 4), RolloutStatus.Idle, Strategies.Plain, T0);
        var transitions = decision.Actions.OfType<A.Emit>().ToList();

        Assert.Equal(Promoting, decision.Status.Phase);
        Assert.Equal(17, transitions.Count);
        Assert.Equal(RolloutStatus.HistoryLimit, decision.Status.History.Count);
        Assert.Equal(
            transitions.TakeLast(RolloutStatus.HistoryLimit).Select(e => e.Reason),
            decision.Status.History.Select(h => h.Trigger.ToString()));
        Assert.Equal(new TransitionRecord(StepPaused, Promoting, RolloutTrigger.PauseElapsed, T0), decision.Status.History[^1]);
    }

    [Fact]
    public void Decide_reads_the_time_from_a_time_provider()
    {
        var time = new FakeTimeProvider(T0);
        time.Advance(TimeSpan.FromMinutes(10));

        var decision = StepMachine.Decide(Held.WithCanary(1, 0), In(StepScaling), Strategies.Seed, time);

        Assert.Equal(Aborting, decision.Status.Phase);
        Assert.Equal(time.GetUtcNow(), decision.Status.Since);
    }

    [Fact]
    public void A_metric_missing_from_the_analysis_is_never_measured_and_the_deadline_names_it()
    {
        var strategy = Strategies.Build([new Greylane.Core.Strategy.StepSpec(Greylane.Core.Strategy.ReplicaCount.Of(1), null, [], Greylane.Core.Strategy.PauseSpec.None, ["error-budget"])]);
        var facts = Held.WithCanary(1, 1) with { RoutingApplied = true };

        var started = StepMachine.Decide(facts, In(StepRouting) with { RoutedAt = T0 }, strategy, T0);
        var expired = StepMachine.Decide(facts, started.Status, strategy, T0.AddMinutes(10));

        Assert.DoesNotContain(started.Actions, a => a is A.Measure);
        Assert.Equal(Aborting, expired.Status.Phase);
        Assert.Contains("error-budget passed 0/? (not defined in analysis.metrics)", expired.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_release_already_reverted_when_first_seen_is_rolled_back_and_unpaused()
    {
        var facts = Held with { TemplateIsStable = true };

        var decision = StepMachine.Decide(facts, RolloutStatus.Idle, Strategies.Seed, T0);

        Assert.Equal(RolledBack, decision.Status.Phase);
        Assert.Equal(
            ["Emit(ReleaseDetected)", "Emit(RevertedToStable)", "Emit(CanaryDeleted)", "Unpause", "ClearRelease"],
            ActionText.Show(decision.Actions));
        Assert.Contains("unpaused", decision.Status.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pause_sent_with_a_new_template_holds_the_new_release_before_it_starts()
    {
        var decision = StepMachine.Decide(Held.WithCommand("pause"), RolloutStatus.Idle, Strategies.Seed, T0);

        Assert.Equal(Initializing, decision.Status.Phase);
        Assert.True(decision.Status.PausedByUser);
        Assert.DoesNotContain(decision.Actions, a => a is A.ScaleCanary);
    }

    [Fact]
    public void A_manual_pause_after_analysis_waits_without_requeueing()
    {
        var strategy = Strategies.Build([Strategies.WeightStep with { Pause = Greylane.Core.Strategy.PauseSpec.Manual }, Strategies.HeaderStep]);
        var passed = In(StepAnalyzing) with { AnalysisSince = T0, Metrics = [Metric("success-rate", 3) with { NextAt = T0.AddSeconds(90) }] };
        var facts = Held.WithCanary(2, 2) with { RoutingApplied = true };

        var paused = StepMachine.Decide(facts, passed, strategy, T0.AddSeconds(80));
        var later = StepMachine.Decide(facts, paused.Status, strategy, T0.AddMinutes(5));

        Assert.Equal(StepPaused, later.Status.Phase);
        Assert.Empty(later.Actions);
    }

    [Fact]
    public void A_hold_after_inconclusive_analysis_tells_a_human_why_and_what_to_do()
    {
        var facts = Held.WithCanary(2, 2).Measured("success-rate", Inconclusive, T0.AddSeconds(61), message: "Prometheus unreachable") with { RoutingApplied = true };
        var status = In(StepAnalyzing, 1) with { AnalysisSince = T0, Metrics = [Metric("success-rate") with { Inconclusive = 3 }] };

        var decision = StepMachine.Decide(facts, status, Strategies.Seed, T0.AddSeconds(62));

        Assert.Equal(StepPaused, decision.Status.Phase);
        Assert.True(decision.Status.Held);
        Assert.Equal(
            "step 2/2: analysis inconclusive (success-rate 4 > inconclusiveLimit 3, last no value: Prometheus unreachable): held for a human: promote or abort; analysis resumes on its own when a measurement passes",
            decision.Status.Message);
        Assert.Contains(decision.Actions, a => a is A.Emit { Reason: "MeasurementInconclusive", Type: EventType.Warning });
    }

    [Fact]
    public void A_query_Prometheus_rejects_holds_at_once_with_its_message_until_resumed()
    {
        var rejected = new Measurement("success-rate", Inconclusive, null, "parse error at char 5: unexpected \"}\"", T0.AddSeconds(61)) { QueryRejected = true };
        var facts = Held.WithCanary(2, 2) with { RoutingApplied = true, Measurements = [rejected] };
        var status = In(StepAnalyzing, 1) with { AnalysisSince = T0, Metrics = [Metric("success-rate")] };

        var held = StepMachine.Decide(facts, status, Strategies.Seed, T0.AddSeconds(62));

        Assert.Equal(StepPaused, held.Status.Phase);
        Assert.True(held.Status.Held);
        Assert.Equal(
            "step 2/2: held: Prometheus rejected the query of metric success-rate: parse error at char 5: unexpected \"}\"; fix the query in the strategy, then resume (or abort)",
            held.Status.Message);

        var resumed = StepMachine.Decide(Held.WithCanary(2, 2).WithCommand("resume") with { RoutingApplied = true }, held.Status, Strategies.Seed, T0.AddSeconds(70));

        Assert.Equal(StepAnalyzing, resumed.Status.Phase);
        Assert.False(resumed.Status.Metrics.Single().QueryRejected);
    }
}
