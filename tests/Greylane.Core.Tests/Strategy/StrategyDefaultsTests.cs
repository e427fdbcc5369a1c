using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

public sealed class StrategyDefaultsTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   \n")]
    [InlineData("# no strategy yet")]
    [InlineData("{}")]
    public void No_strategy_means_one_canary_pod_then_a_manual_pause(string? inline)
    {
        var strategy = StrategyAssert.Valid(inline);

        StrategyAssert.SameModel(RolloutStrategy.Default, strategy);
        var step = Assert.Single(strategy.Steps);
        Assert.Equal(ReplicaCount.Of(1), step.Replicas);
        Assert.Equal(PauseSpec.Manual, step.Pause);
        Assert.False(step.ChangesRouting);
    }

    [Fact]
    public void Absent_settings_take_their_defaults()
    {
        var strategy = StrategyAssert.Valid("steps: [{replicas: 2}]");

        Assert.Equal(new Dictionary<string, string> { ["greylane.dev/track"] = "canary" }, strategy.CanaryLabels);
        Assert.Equal(TimeSpan.FromMinutes(10), strategy.ProgressDeadline);
        Assert.Equal(TimeSpan.FromSeconds(3), strategy.Traffic.GracePeriod);
        Assert.Null(strategy.Traffic.Service);
        Assert.Empty(strategy.Traffic.Istio.VirtualServices);
        Assert.Null(strategy.Traffic.Istio.DestinationRule);
        Assert.Equal("canary", strategy.Traffic.Istio.CanarySubset);
        Assert.Null(strategy.Traffic.Lane);
        Assert.Equal(TimeSpan.FromSeconds(30), strategy.Analysis.Interval);
        Assert.Empty(strategy.Analysis.Metrics);
    }

    [Fact]
    public void Null_values_count_as_absent()
    {
        var strategy = StrategyAssert.Valid("{canaryLabels: null, traffic: ~, steps: [{replicas: 2, weight: null}], analysis: null, progressDeadline: null}");

        Assert.Equal(RolloutStrategy.DefaultCanaryLabels, strategy.CanaryLabels);
        Assert.Null(strategy.Steps[0].Weight);
    }

    [Fact]
    public void A_step_without_a_pause_waits_for_a_person_unless_metrics_gate_it()
    {
        const string yaml = """
            steps:
              - replicas: 1
              - replicas: 2
                analysis: [sr]
              - pause: 0s
              - pause: 90s
            analysis: {metrics: [{name: sr, query: up, min: 1}]}
            """;

        var pauses = StrategyAssert.Valid(yaml).Steps.Select(s => s.Pause);

        Assert.Equal([PauseSpec.Manual, PauseSpec.None, PauseSpec.None, PauseSpec.For(TimeSpan.FromSeconds(90))], pauses);
    }

    [Fact]
    public void A_step_without_replicas_keeps_the_previous_canary_size()
    {
        const string yaml = """
            steps:
              - weight: 5
              - replicas: 50%
              - weight: 50
              - replicas: 3
              - {}
            """;

        var sizes = StrategyAssert.Valid(yaml).Steps.Select(s => s.Replicas);

        Assert.Equal([ReplicaCount.Of(1), ReplicaCount.Percent(50), ReplicaCount.Percent(50), ReplicaCount.Of(3), ReplicaCount.Of(3)], sizes);
    }

    [Fact]
    public void Replicas_may_be_written_as_a_quoted_count()
    {
        Assert.Equal(ReplicaCount.Of(2), StrategyAssert.Valid("steps: [{replicas: '2'}]").Steps[0].Replicas);
    }

    [Fact]
    public void A_weight_of_zero_is_a_routing_step()
    {
        var step = StrategyAssert.Valid("steps: [{weight: 0}]").Steps[0];

        Assert.Equal(0, step.Weight);
        Assert.True(step.ChangesRouting);
    }
}
