namespace Greylane.Core.Strategy.Tests;

public sealed class ComparisonValidationTests
{
    private const string At = "analysis.metrics[0]";

    [Theory]
    [InlineData("{name: sr, builtin: success-rte, min: 0.9}", At + ".builtin: \"success-rte\" is not a built-in metric; use one of success-rate, latency-p50, latency-p90, latency-p99, request-rate")]
    [InlineData("{name: sr, builtin: 3, min: 0.9}", At + ".builtin: expected a string; got the number 3; put it in quotes: \"3\"")]
    [InlineData("{name: sr, builtin: success-rate, query: up, min: 0.9}", At + ".query: query and builtin exclude each other; keep the query, or remove it to measure the built-in metric")]
    [InlineData("{name: sr, builtin: success-rate}", At + ".min: required; say what a passing value is with min, max or both, e.g. min: 0.99 (or compare: stable)")]
    [InlineData("{name: sr, builtin: success-rate, min: 0.9, window: 0s}", At + ".window: \"0s\" is zero; use a duration of more than 0s, e.g. 30s")]
    [InlineData("{name: sr, query: up, min: 0.9, window: 1m}", At + ".window: window is the range of a built-in metric or of a test's samples; a query writes its own range, e.g. [1m] or [{{interval}}]")]
    [InlineData("{name: sr, builtin: success-rate, min: 0.9, reporter: source}", At + ".reporter: \"source\" is not a reporter; use destination (sidecars, the default) or waypoint (ambient mode with a waypoint proxy)")]
    [InlineData("{name: sr, query: up, min: 0.9, reporter: waypoint}", At + ".reporter: reporter chooses whose report the built-in metrics read; remove it, or use builtin:")]
    [InlineData("{name: sr, builtin: success-rate, compare: canary}", At + ".compare: \"canary\" cannot be compared with; write compare: stable")]
    [InlineData("{name: sr, builtin: success-rate, min: 0.9, maxDrop: 0.01}", At + ".maxDrop: maxDrop is a tolerance against stable; add compare: stable or remove it")]
    [InlineData("{name: sr, builtin: success-rate, min: 0.9, maxIncrease: 0.1}", At + ".maxIncrease: maxIncrease is a tolerance against stable; add compare: stable or remove it")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, maxDrop: -0.1}", At + ".maxDrop: -0.1 is below 0; write a number of 0 or more without quotes")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, maxIncrease: 0.1}", At + ".maxIncrease: success-rate is worse when lower; use maxDrop (default 0.01)")]
    [InlineData("{name: sr, builtin: latency-p99, compare: stable, maxDrop: 0.1}", At + ".maxDrop: a latency is worse when higher; use maxIncrease (default 0.2, i.e. 20 % slower)")]
    [InlineData("{name: sr, builtin: request-rate, compare: stable}", At + ".compare: request-rate is neither better nor worse when higher; compare success-rate or a latency, and use request-rate with min or max")]
    [InlineData("{name: sr, query: 'up{revision=\"{{revision}}\"}', compare: stable}", At + ".maxDrop: required with compare: stable and a query; say which way is worse: maxDrop: 0.01 (lower is worse) or maxIncrease: 0.2 (higher is worse)")]
    [InlineData("{name: sr, query: 'up{revision=\"{{revision}}\"}', compare: stable, maxDrop: 1, maxIncrease: 1}", At + ".maxIncrease: maxDrop and maxIncrease exclude each other; keep the one that says which way is worse")]
    [InlineData("{name: sr, query: up, compare: stable, maxDrop: 0.01}", At + ".query: compare: stable renders the query once per side through {{revision}}, which it does not use; select the pods with e.g. destination_canonical_revision=\"{{revision}}\"")]
    [InlineData("{name: sr, query: 'up{revision=\"v-{{revision}}\"}', compare: stable, maxDrop: 0.01}", At + ".query: with compare: stable, {{revision}} must be a whole matcher value after = or =~, e.g. destination_canonical_revision=\"{{revision}}\", so that stable can be selected with != instead")]
    [InlineData("{name: sr, builtin: success-rate, min: 0.9, test: mann-whitney}", At + ".test: a test compares the canary with stable; add compare: stable")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, test: t-test}", At + ".test: \"t-test\" is not a test Greylane knows; write test: mann-whitney")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, confidence: 0.9}", At + ".confidence: confidence belongs to test: mann-whitney; add the test or remove it")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, test: mann-whitney, confidence: 1}", At + ".confidence: 1 is outside 0–1 (both excluded); use e.g. 0.95")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, step: 10s}", At + ".step: step is the interval of a test's samples; add test: mann-whitney or remove it")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, test: mann-whitney, window: 1m}", At + ".window: window 1m at step 30s gives 2 samples per side; make it from 5 (minSamples) to 1000, e.g. window: 5m with step: 30s")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, test: mann-whitney, step: 1s, window: 1h}", At + ".window: window 1h at step 1s gives 3600 samples per side; make it from 5 (minSamples) to 1000, e.g. window: 5m with step: 30s")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, test: mann-whitney, minSamples: 1}", At + ".minSamples: 1 is outside 2–1000; use a whole number of samples per side from 2 to 1000")]
    [InlineData("{name: sr, builtin: success-rate, compare: stable, test: mann-whitney, minSamples: {query: up, min: 1}}", At + ".minSamples: with test, minSamples is the least number of samples on each side; write a number, e.g. minSamples: 5")]
    [InlineData("{name: sr, query: up, min: 1, minSamples: 5}", At + ".minSamples: a number counts the requests of a built-in metric or the samples of a test; for a query write minSamples: {query: ..., min: 1}")]
    [InlineData("{name: sr, builtin: success-rate, min: 0.9, minSamples: -1}", At + ".minSamples: -1 is below 0; use a number of requests of 0 or more")]
    public void A_bad_comparison_field_is_refused_with_its_path(string metric, string error)
    {
        Assert.Equal([error], StrategyAssert.Errors($"analysis: {{metrics: [{metric}]}}"));
    }

    [Fact]
    public void Canary_labels_may_not_set_the_canonical_revision()
    {
        Assert.Equal(
            ["canaryLabels[service.istio.io/canonical-revision]: \"service.istio.io/canonical-revision\" is set by Greylane on canary pods to the release (the built-in metrics select it); choose another key"],
            StrategyAssert.Errors("canaryLabels: {service.istio.io/canonical-revision: x}"));
    }

    [Fact]
    public void Builtin_comparison_gets_its_defaults()
    {
        var strategy = StrategyAssert.Valid("""
            analysis:
              metrics:
                - {name: sr, builtin: success-rate, compare: stable}
                - {name: p99, builtin: latency-p99, compare: stable, window: 2m, reporter: waypoint, min: 1}
                - {name: mw, builtin: latency-p50, compare: stable, test: mann-whitney, maxIncrease: 0.5}
                - {name: rr, builtin: request-rate, min: 1, minSamples: 50}
            """);

        var metrics = strategy.Analysis.Metrics;
        Assert.Equal((BuiltinMetric.SuccessRate, new CompareSpec(0.01, null), TimeSpan.FromMinutes(1)), (metrics[0].Builtin!.Value, metrics[0].Compare!, metrics[0].Window));
        Assert.Null(metrics[0].Min);
        Assert.Equal((new CompareSpec(null, 0.2), MeshReporter.Waypoint, TimeSpan.FromMinutes(2)), (metrics[1].Compare!, metrics[1].Reporter, metrics[1].Window));
        Assert.Equal(new TestSpec(0.95, TimeSpan.FromSeconds(30)), metrics[2].Test);
        Assert.Equal((TimeSpan.FromMinutes(5), 5.0, new CompareSpec(null, 0.5)), (metrics[2].Window, metrics[2].MinSamplesCount!.Value, metrics[2].Compare!));
        Assert.Equal((50.0, MeshReporter.Destination), (metrics[3].MinSamplesCount!.Value, metrics[3].Reporter));
    }

    [Fact]
    public void A_compared_query_names_its_direction()
    {
        var strategy = StrategyAssert.Valid("""
            analysis:
              metrics:
                - {name: errors, query: 'sum(rate(errors_total{rev=~"{{revision}}"}[1m]))', compare: stable, maxIncrease: 0.1, max: 5}
            """);

        Assert.Equal(new CompareSpec(null, 0.1), strategy.Analysis.Metrics[0].Compare);
    }
}
