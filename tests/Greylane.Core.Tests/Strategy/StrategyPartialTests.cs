using Greylane.Core.Strategy;

namespace Greylane.Core.Strategy.Tests;

public sealed class StrategyPartialTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("steps: [{replicas: 1, analysis: [success-rate]}]")]
    [InlineData("traffic: {lane: {dye: {otherwise: base}}}")]
    [InlineData("canaryLabels: {}")]
    [InlineData("analysis: {metrics: [{name: sr, query: 'up{v=\"{{canaryLabels.version}}\"}', min: 1}]}")]
    public void What_the_shared_strategy_could_supply_is_not_required(string? inline)
    {
        Assert.Empty(StrategyReader.CheckPartial(inline));
    }

    [Fact]
    public void The_same_inline_strategies_alone_are_incomplete()
    {
        Assert.NotEmpty(StrategyAssert.Errors("steps: [{replicas: 1, analysis: [success-rate]}]"));
        Assert.NotEmpty(StrategyAssert.Errors("traffic: {lane: {dye: {otherwise: base}}}"));
        Assert.NotEmpty(StrategyAssert.Errors("canaryLabels: {}"));
        Assert.NotEmpty(StrategyAssert.Errors("analysis: {metrics: [{name: sr, query: 'up{v=\"{{canaryLabels.version}}\"}', min: 1}]}"));
    }

    [Fact]
    public void What_no_shared_strategy_could_fix_is_still_refused()
    {
        const string inline = """
            steps:
              - weight: 150
                matches: [{headers: [{value: canary}]}]
                analysis: [latency]
            analysis:
              metrics: [{name: sr, query: '{{nope}}'}]
            progressDeadline: 5 parsecs
            color: blue
            """;

        Assert.Equal(
            [
                "color: unknown field; allowed: canaryLabels, traffic, steps, analysis, progressDeadline, notify",
                "steps[0].weight: 150 is outside 0–100; use a whole number from 0 to 100",
                "steps[0].matches[0].headers[0].name: required; name the header to match, e.g. name: my-request-id",
                "steps[0].analysis[0]: \"latency\" is not defined in analysis.metrics; define it there or use a defined name (defined: sr)",
                "analysis.metrics[0].query: unknown variable {{nope}}; use {{namespace}}, {{deployment}}, {{service}}, {{release}}, {{stable}}, {{interval}}, {{revision}} or {{canaryLabels.KEY}}",
                "analysis.metrics[0].min: required; say what a passing value is with min, max or both, e.g. min: 0.99 (or compare: stable)",
                "progressDeadline: \"5 parsecs\" is not a duration; write a number and a unit (ms, s, m, h), e.g. 30s, 5m or 1h30m",
            ],
            StrategyReader.CheckPartial(inline).Select(e => e.ToString()));
    }

    [Fact]
    public void Syntax_errors_are_reported_for_a_partial_strategy_too()
    {
        var error = Assert.Single(StrategyReader.CheckPartial("steps: [{replicas: 1}"));

        Assert.Equal("strategy", error.Field);
    }

    [Fact]
    public void What_passes_the_partial_check_reads_once_merged()
    {
        const string shared = """
            canaryLabels: {version: canary}
            traffic: {lane: {header: my-request-id, value: canary, dye: {fromHeader: agent, fromValue: pc}}}
            analysis: {metrics: [{name: success-rate, query: up, min: 1}]}
            """;
        const string inline = "steps: [{replicas: 1, analysis: [success-rate]}]\ntraffic: {lane: {dye: {otherwise: base}}}";

        Assert.Empty(StrategyReader.CheckPartial(inline));
        Assert.Equal("base", StrategyAssert.Valid(inline, shared).Traffic.Lane!.Dye!.OtherwiseValue);
    }
}
