using Greylane.Core.Notifications;
using Greylane.Core.Rollout;
using Greylane.Core.Rollout.Tests;
using Greylane.Core.Strategy;
using static Greylane.Core.Analysis.MeasurementVerdict;
using static Greylane.Core.Rollout.RolloutPhase;
using static Greylane.Core.Rollout.Tests.Facts;

namespace Greylane.Core.Notifications.Tests;

public sealed class ReleaseNotificationsTests
{
    private static readonly RolloutStrategy Everything = Strategies.Seed with { Notify = new NotifySpec(NotificationTypes.All.ToHashSet()) };

    private static IReadOnlyList<ReleaseNotification> Notify(Observation facts, RolloutStatus status, RolloutStrategy strategy, DateTimeOffset now) =>
        ReleaseNotifications.From("shop", "web", StepMachine.Decide(facts, status, strategy, now), strategy);

    [Fact]
    public void A_new_release_is_started_with_its_source_and_no_step()
    {
        var started = Assert.Single(Notify(Held, RolloutStatus.Idle, Strategies.Seed, T0));

        Assert.Equal(NotificationType.Started, started.Type);
        Assert.Equal("dev.greylane.release.started", started.CloudEventType);
        Assert.Equal("/namespaces/shop/deployments/web", started.Source);
        Assert.Equal(("r1", "s0", 0, 2, "Initializing"), (started.Release, started.Stable, started.Step, started.Steps, started.Phase));
        Assert.Equal(T0, started.Time);
        Assert.Matches("^[0-9a-f]{32}$", started.Id);
    }

    [Fact]
    public void The_same_transition_gets_the_same_id_and_another_deployment_another()
    {
        var decision = StepMachine.Decide(Held, RolloutStatus.Idle, Strategies.Seed, T0);

        var first = ReleaseNotifications.From("shop", "web", decision, Strategies.Seed).Single().Id;
        var again = ReleaseNotifications.From("shop", "web", StepMachine.Decide(Held, RolloutStatus.Idle, Strategies.Seed, T0), Strategies.Seed).Single().Id;
        var other = ReleaseNotifications.From("shop", "api", decision, Strategies.Seed).Single().Id;
        var later = ReleaseNotifications.From("shop", "web", StepMachine.Decide(Held, RolloutStatus.Idle, Strategies.Seed, T0.AddSeconds(1)), Strategies.Seed).Single().Id;

        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
        Assert.NotEqual(first, later);
    }

    [Fact]
    public void Failed_analysis_is_rolled_back_for_analysis_with_the_metrics_last_values()
    {
        var status = In(StepAnalyzing, 1) with
        {
            AnalysisSince = T0,
            Metrics = [new MetricStatus { Name = "success-rate", Passed = 1, Failed = 1, NextAt = T0.AddHours(1) }],
        };
        var facts = Held.WithCanary(2, 2).Measured("success-rate", Fail, T0.AddSeconds(30), 0.91) with { RoutingApplied = true };

        var rolledBack = Assert.Single(Notify(facts, status, Strategies.Seed, T0.AddSeconds(31)));

        Assert.Equal((NotificationType.RolledBack, "analysis", "Aborting", 2), (rolledBack.Type, rolledBack.Reason, rolledBack.Phase, rolledBack.Step));
        var metric = Assert.Single(rolledBack.Metrics);
        Assert.Equal(("success-rate", 0.91, "Fail", 2), (metric.Name, metric.Value, metric.Verdict, metric.Failed));
        Assert.Contains("analysis failed", rolledBack.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("abort", NotificationType.RolledBack, "abort")]
    [InlineData("pause", NotificationType.Paused, "command")]
    public void Commands_are_told_with_their_reason(string command, NotificationType type, string reason)
    {
        var notification = Assert.Single(Notify(Held.WithCanary(1, 1).WithCommand(command), In(StepScaling), Strategies.Seed, T0));

        Assert.Equal((type, reason), (notification.Type, notification.Reason));
    }

    [Fact]
    public void A_deadline_rolls_back_for_deadline()
    {
        var notification = Assert.Single(Notify(Held.WithCanary(1, 0), In(StepScaling), Strategies.Seed, T0.AddMinutes(10)));

        Assert.Equal((NotificationType.RolledBack, "deadline"), (notification.Type, notification.Reason));
    }

    [Fact]
    public void A_revert_rolls_back_for_revert()
    {
        var facts = Held.WithCanary(1, 1) with { TemplateIsStable = true, Release = StableHash };

        var notification = Assert.Single(Notify(facts, In(StepPaused), Strategies.Seed, T0));

        Assert.Equal((NotificationType.RolledBack, "revert"), (notification.Type, notification.Reason));
    }

    [Fact]
    public void A_newer_template_supersedes_the_old_release_and_starts_the_new_one()
    {
        var facts = Held.WithCanary(1, 1) with { Release = NewerRelease };

        var notifications = Notify(facts, In(StepPaused), Strategies.Seed, T0);

        Assert.Equal([NotificationType.Superseded, NotificationType.Started], notifications.Select(n => n.Type));
        Assert.Equal(["r1", "r2"], notifications.Select(n => n.Release));
        Assert.NotEqual(notifications[0].Id, notifications[1].Id);
    }

    [Fact]
    public void A_manual_step_pauses_for_a_person_and_promote_passes_the_step()
    {
        var routed = In(StepRouting) with { RoutedAt = T0 };
        var facts = Held.WithCanary(1, 1) with { RoutingApplied = true };

        var paused = Notify(facts, routed, Everything, T0.AddSeconds(3));
        var promoted = Notify(facts.WithCommand("promote"), In(StepPaused), Everything, T0.AddSeconds(4));

        Assert.Contains(paused, n => n is { Type: NotificationType.Paused, Reason: "step", Step: 1 });
        Assert.Equal((NotificationType.StepPassed, 1, "command"), (promoted[0].Type, promoted[0].Step, promoted[0].Reason));
    }

    [Fact]
    public void Step_passed_is_left_out_by_default_and_notify_on_narrows_the_rest()
    {
        var facts = Held.WithCanary(1, 1).WithCommand("promote");
        var narrowed = Strategies.Seed with { Notify = new NotifySpec(new HashSet<NotificationType> { NotificationType.RolledBack }) };

        Assert.Empty(Notify(facts, In(StepPaused), Strategies.Seed, T0));
        Assert.Single(Notify(facts, In(StepPaused), Everything, T0));
        Assert.Empty(Notify(Held, RolloutStatus.Idle, narrowed, T0));
    }

    [Fact]
    public void Completion_is_promoted_and_an_inconclusive_hold_is_paused()
    {
        var finalizing = new ReleaseTransition(RolloutTrigger.Finalized, In(Finalizing), In(Completed), "release r1 promoted", 0);
        var held = new ReleaseTransition(RolloutTrigger.MeasurementInconclusive, In(StepAnalyzing) with { Metrics = [new MetricStatus { Name = "m", QueryRejected = true }] }, In(StepPaused) with { Held = true }, "held", 0);

        Assert.Equal([(NotificationType.Promoted, null)], ReleaseNotifications.Classify(finalizing, Strategies.Seed));
        Assert.Equal([(NotificationType.Paused, "query-rejected")], ReleaseNotifications.Classify(held, Strategies.Seed));
    }
}
