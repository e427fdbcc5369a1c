using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

public sealed class StrategyMergeTests
{
    private const string Shared = """
        canaryLabels: {istio.service.tag: gray, version: canary}
        traffic:
          gracePeriod: 5s
          lane: {header: my-request-id, value: canary}
        steps:
          - matches: [{headers: [{name: my-request-id, value: canary}]}]
            pause: manual
          - weight: 20
            analysis: [success-rate]
        analysis:
          metrics: [{name: success-rate, query: up, min: 0.99}]
        """;

    [Fact]
    public void A_shared_strategy_alone_is_read_as_it_is()
    {
        var strategy = StrategyAssert.Valid(null, Shared);

        StrategyAssert.SameModel(StrategyAssert.Valid(Shared), strategy);
    }

    [Fact]
    public void Inline_mappings_merge_key_by_key_over_the_shared_ones()
    {
        var strategy = StrategyAssert.Valid("traffic: {service: mocka, gracePeriod: 1s}\ncanaryLabels: {app: mocka-canary}", Shared);

        Assert.Equal("mocka", strategy.Traffic.Service);
        Assert.Equal(TimeSpan.FromSeconds(1), strategy.Traffic.GracePeriod);
        Assert.Equal(new LaneSpec("my-request-id", "canary", null), strategy.Traffic.Lane);
        Assert.Equal(
            new Dictionary<string, string> { ["istio.service.tag"] = "gray", ["version"] = "canary", ["app"] = "mocka-canary" },
            strategy.CanaryLabels);
        Assert.Equal(2, strategy.Steps.Count);
    }

    [Fact]
    public void Inline_lists_replace_the_shared_ones_whole()
    {
        var strategy = StrategyAssert.Valid("steps: [{replicas: 50%, pause: 1m}]", Shared);

        var step = Assert.Single(strategy.Steps);
        Assert.Equal(ReplicaCount.Percent(50), step.Replicas);
        Assert.Empty(step.Matches);
    }

    [Fact]
    public void An_inline_null_removes_a_shared_key()
    {
        var strategy = StrategyAssert.Valid("traffic: {lane: null}\ncanaryLabels: {istio.service.tag: ~}", Shared);

        Assert.Null(strategy.Traffic.Lane);
        Assert.Equal(new Dictionary<string, string> { ["version"] = "canary" }, strategy.CanaryLabels);
    }

    [Fact]
    public void Inline_steps_may_name_metrics_the_shared_strategy_defines()
    {
        var strategy = StrategyAssert.Valid("steps: [{replicas: 1, analysis: [success-rate]}]", Shared);

        Assert.Equal(["success-rate"], strategy.Steps[0].Analysis);
    }

    [Fact]
    public void Errors_in_values_from_the_shared_strategy_name_it_as_their_source()
    {
        const string shared = """
            traffic: {gracePeriod: 5 parsecs, service: mocka}
            steps: [{weight: 150}]
            progressDeadline: 1d
            color: blue
            """;

        Assert.Equal(
            [
                "strategy-ref:color: unknown field; allowed: canaryLabels, traffic, steps, analysis, progressDeadline, notify",
                "traffic.service: \"Mocka\" is not a valid Service name; use lowercase letters, digits and '-', starting with a letter, at most 63 characters",
                "strategy-ref:traffic.gracePeriod: \"5 parsecs\" is not a duration; write a number and a unit (ms, s, m, h), e.g. 30s, 5m or 1h30m",
                "strategy-ref:steps[0].weight: 150 is outside 0–100; use a whole number from 0 to 100",
                "strategy-ref:progressDeadline: \"1d\" is not a duration; write a number and a unit (ms, s, m, h), e.g. 30s, 5m or 1h30m",
            ],
            StrategyAssert.Errors("traffic: {service: Mocka}", shared));
    }

    [Fact]
    public void An_inline_value_that_replaces_a_broken_shared_one_hides_its_error()
    {
        StrategyAssert.Valid("steps: [{weight: 10}]", "steps: [{weight: 150}]");
    }

    [Fact]
    public void Errors_of_a_shared_only_strategy_all_name_the_shared_source()
    {
        Assert.Equal(
            [
                "strategy-ref:steps[0].pause: \"soon\" is neither manual nor a duration; write manual, or a number and a unit (ms, s, m, h), e.g. 30s or 5m",
            ],
            StrategyAssert.Errors(null, "steps: [{pause: soon}]"));
    }

    [Fact]
    public void A_shared_strategy_that_is_not_a_mapping_is_named()
    {
        Assert.Equal(
            ["strategy-ref: expected a mapping with fields canaryLabels, traffic, steps, analysis, progressDeadline, notify; got a list"],
            StrategyAssert.Errors("steps: [{replicas: 1}]", "- replicas: 1"));
    }
}
