using Greylane.Core.Strategy;

namespace Greylane.Core.Rollout.Tests;

/// <summary>Strategies for the step machine tests, built from the model records directly.</summary>
internal static class Strategies
{
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(3);
    public static readonly TimeSpan Deadline = TimeSpan.FromMinutes(10);
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(30);

    public static MetricSpec SuccessRate { get; } = new(
        "success-rate", "sum(rate(ok[1m])) / sum(rate(all[1m]))", 0.99, null, Count: 3, FailureLimit: 1, InconclusiveLimit: 3);

    public static MetricSpec Latency { get; } = new(
        "latency", "histogram_quantile(0.99, rate(bucket[1m]))", null, 0.5, Count: 2, FailureLimit: 0, InconclusiveLimit: 1,
        InitialDelay: TimeSpan.FromSeconds(10), Interval: TimeSpan.FromSeconds(20));

    public static StepSpec HeaderStep { get; } = new(
        ReplicaCount.Of(1), null, [new MatchSpec([new StringMatchSpec("my-request-id", "canary")], [], null)], PauseSpec.Manual, []);

    public static StepSpec WeightStep { get; } = new(
        ReplicaCount.Percent(50), 20, [], PauseSpec.For(TimeSpan.FromMinutes(2)), ["success-rate"]);

    /// <summary>The design page's example: a header lane with a manual pause, then 50% / weight 20 gated by success-rate.</summary>
    public static RolloutStrategy Seed { get; } = Build([HeaderStep, WeightStep]);

    /// <summary>One step with two metrics, no routing, no pause.</summary>
    public static RolloutStrategy TwoMetrics { get; } = Build(
        [new StepSpec(ReplicaCount.Of(1), null, [], PauseSpec.None, ["success-rate", "latency"])]);

    /// <summary>Three plain steps without routing, analysis or pauses.</summary>
    public static RolloutStrategy Plain { get; } = Build(
    [
        new StepSpec(ReplicaCount.Of(1), null, [], PauseSpec.None, []),
        new StepSpec(ReplicaCount.Percent(50), null, [], PauseSpec.None, []),
        new StepSpec(ReplicaCount.Percent(100), null, [], PauseSpec.None, []),
    ]);

    public static RolloutStrategy Build(IReadOnlyList<StepSpec> steps) => new(
        RolloutStrategy.DefaultCanaryLabels,
        TrafficSpec.None with { GracePeriod = Grace },
        steps,
        new AnalysisSpec(Interval, [SuccessRate, Latency]),
        Deadline);
}
