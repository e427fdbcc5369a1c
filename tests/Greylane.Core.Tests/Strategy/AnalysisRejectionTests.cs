namespace Greylane.Core.Strategy.Tests;

public sealed class AnalysisRejectionTests
{
    private const string At = "analysis.metrics[0]";

    [Theory]
    [InlineData("{name: sr, query: up, min: 5, max: 1}", At + ".min: 5 is above max 1, so no value could pass; make min at most max")]
    [InlineData("{name: sr, query: up}", At + ".min: required; say what a passing value is with min, max or both, e.g. min: 0.99 (or compare: stable)")]
    [InlineData("{name: sr, query: up, min: '0.5'}", At + ".min: expected a number; got the string \"0.5\"; write a number like 0.99 without quotes")]
    [InlineData("{name: sr, query: up, max: .nan}", At + ".max: expected a number; got the string \".nan\"; write a number like 0.99 without quotes")]
    [InlineData("{query: up, min: 1}", At + ".name: required; give the metric a name that steps refer to, e.g. name: success-rate")]
    [InlineData("{name: 9lives, query: up, min: 1}", At + ".name: \"9lives\" is not a valid metric name; use letters, digits, '-' and '_', starting with a letter, at most 63 characters")]
    [InlineData("{name: sr, min: 1}", At + ".query: required; write the PromQL query to measure, or name a built-in metric with builtin: (success-rate, latency-p50, latency-p90, latency-p99, request-rate)")]
    [InlineData("{name: sr, query: '  ', min: 1}", At + ".query: required; write the PromQL query to measure, or name a built-in metric with builtin: (success-rate, latency-p50, latency-p90, latency-p99, request-rate)")]
    [InlineData("{name: sr, query: 'up{ns=\"{{namespce}}\"}', min: 1}", At + ".query: unknown variable {{namespce}}; use {{namespace}}, {{deployment}}, {{service}}, {{release}}, {{stable}}, {{interval}}, {{revision}} or {{canaryLabels.KEY}}")]
    [InlineData("{name: sr, query: 'up{v=\"{{canaryLabels.version}}\"}', min: 1}", At + ".query: {{canaryLabels.version}} names no canary label; use one of canaryLabels' keys: greylane.dev/track")]
    [InlineData("{name: sr, query: 'up{ns=\"{{namespace\"}', min: 1}", At + ".query: the \"{{\" at offset 7 is not closed; write variables as {{namespace}}")]
    [InlineData("{name: sr, query: up, min: 1, count: 0}", At + ".count: 0 is below 1; use a whole number of at least 1 (passing measurements needed)")]
    [InlineData("{name: sr, query: up, min: 1, failureLimit: -1}", At + ".failureLimit: -1 is below 0; use a whole number of 0 or more (failing measurements tolerated)")]
    [InlineData("{name: sr, query: up, min: 1, inconclusiveLimit: many}", At + ".inconclusiveLimit: expected a whole number; got the string \"many\"; use a whole number of 0 or more (inconclusive measurements tolerated)")]
    [InlineData("{name: sr, query: up, min: 1, initialDelay: 10}", At + ".initialDelay: 10 has no unit; write 10s or 10m (units: ms, s, m, h)")]
    [InlineData("{name: sr, query: up, min: 1, interval: 0s}", At + ".interval: \"0s\" is zero; use a duration of more than 0s, e.g. 30s")]
    [InlineData("{name: sr, query: up, min: 1, minSamples: {min: 1}}", At + ".minSamples.query: required; write the PromQL query that counts samples, e.g. the canary's request rate")]
    [InlineData("{name: sr, query: up, min: 1, minSamples: {query: up}}", At + ".minSamples.min: required; write the least value the samples query must reach, e.g. min: 1")]
    [InlineData("{name: sr, query: up, min: 1, minSamples: {query: up, min: -1}}", At + ".minSamples.min: -1 is below 0; use a number of 0 or more")]
    [InlineData("{name: sr, query: up, min: 1, minSamples: {query: '{{nope}}', min: 1}}", At + ".minSamples.query: unknown variable {{nope}}; use {{namespace}}, {{deployment}}, {{service}}, {{release}}, {{stable}}, {{interval}}, {{revision}} or {{canaryLabels.KEY}}")]
    [InlineData("{name: sr, query: up, min: 1, threshold: 2}", At + ".threshold: unknown field; allowed: name, query, min, max, count, failureLimit, inconclusiveLimit, initialDelay, interval, minSamples, builtin, window, reporter, compare, maxDrop, maxIncrease, test, confidence, step")]
    public void A_bad_metric_is_refused_with_the_field_and_the_fix(string metric, string error)
    {
        Assert.Equal([error], StrategyAssert.Errors($"analysis: {{metrics: [{metric}]}}"));
    }

    [Theory]
    [InlineData("analysis: {interval: 0s}", "analysis.interval: \"0s\" is zero; use a duration of more than 0s, e.g. 30s")]
    [InlineData("analysis: {metrics: {name: sr}}", "analysis.metrics: expected a list of metrics; got a mapping")]
    [InlineData("analysis: {metrics: [~]}", "analysis.metrics[0]: required; write a metric like {name: success-rate, query: ..., min: 0.99}")]
    [InlineData("analysis: {metric: []}", "analysis.metric: unknown field; allowed: interval, metrics")]
    public void A_bad_analysis_section_is_refused(string yaml, string error)
    {
        Assert.Equal([error], StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void A_metric_name_may_be_defined_once()
    {
        const string yaml = """
            analysis:
              metrics:
                - {name: sr, query: up, min: 1}
                - {name: sr, query: up, max: 1}
            steps: [{analysis: [sr]}]
            """;

        Assert.Equal(
            ["analysis.metrics[1].name: \"sr\" is already defined by analysis.metrics[0].name; give each metric its own name"],
            StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void A_broken_metric_does_not_also_fail_the_steps_that_name_it()
    {
        const string yaml = """
            steps: [{analysis: [sr]}]
            analysis: {metrics: [{name: sr, query: up}]}
            """;

        Assert.Equal(
            ["analysis.metrics[0].min: required; say what a passing value is with min, max or both, e.g. min: 0.99 (or compare: stable)"],
            StrategyAssert.Errors(yaml));
    }

    [Fact]
    public void A_metric_is_read_with_every_setting_and_the_defaults_for_the_rest()
    {
        const string yaml = """
            canaryLabels: {version: canary}
            analysis:
              interval: 1m
              metrics:
                - name: latency_p99
                  query: 'histogram_quantile(0.99, sum by (le) (rate(latency_bucket{version="{{ canaryLabels.version }}"}[{{interval}}])))'
                  max: 0.25
                  count: 5
                  failureLimit: 2
                  inconclusiveLimit: 0
                  initialDelay: 1m30s
                  interval: 15s
                  minSamples: {query: 'sum(rate(requests_total{pod=~"{{deployment}}-.*"}[1m]))', min: 0.5}
                - {name: up, query: up, min: 1}
            """;

        var analysis = StrategyAssert.Valid(yaml).Analysis;

        Assert.Equal(TimeSpan.FromMinutes(1), analysis.Interval);
        var full = analysis.Metrics[0];
        Assert.Equal(
            ("latency_p99", (double?)null, (double?)0.25, 5, 2, 0, TimeSpan.FromSeconds(90), (TimeSpan?)TimeSpan.FromSeconds(15)),
            (full.Name, full.Min, full.Max, full.Count, full.FailureLimit, full.InconclusiveLimit, full.InitialDelay, full.Interval));
        Assert.Equal(new("sum(rate(requests_total{pod=~\"{{deployment}}-.*\"}[1m]))", 0.5), full.MinSamples);
        Assert.Equal(new Greylane.Core.Strategy.MetricSpec("up", "up", 1, null), analysis.Metrics[1]);
    }
}
