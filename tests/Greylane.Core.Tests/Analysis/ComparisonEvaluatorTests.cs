using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis.Tests;

public sealed class ComparisonEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);

    private static readonly MetricSpec SuccessRate = new("sr", "", null, null) { Builtin = BuiltinMetric.SuccessRate, Compare = new CompareSpec(0.01, null) };

    private static readonly MetricSpec Latency = new("p99", "", null, null) { Builtin = BuiltinMetric.LatencyP99, Compare = new CompareSpec(null, 0.2) };

    [Fact]
    public void Canary_close_to_stable_passes_and_records_both_sides()
    {
        var measurement = Evaluate(SuccessRate, "0.951", "0.953");

        Assert.Equal(MeasurementVerdict.Pass, measurement.Verdict);
        Assert.Equal("canary 0.951 vs stable 0.953 (drop 0.002 ≤ 0.01)", measurement.Message);
        Assert.Equal((0.951, 0.953), (measurement.Value, measurement.StableValue));
    }

    [Fact]
    public void Canary_as_bad_as_stable_passes_without_an_absolute_bar()
    {
        Assert.Equal(MeasurementVerdict.Pass, Evaluate(SuccessRate, "0.8", "0.8").Verdict);
    }

    [Fact]
    public void An_absolute_bar_must_hold_as_well()
    {
        var measurement = Evaluate(SuccessRate with { Min = 0.9 }, "0.8", "0.8");

        Assert.Equal(MeasurementVerdict.Fail, measurement.Verdict);
        Assert.Equal("canary 0.8 vs stable 0.8 (drop 0 ≤ 0.01), but 0.8 is below min 0.9", measurement.Message);
    }

    [Fact]
    public void Canary_worse_than_the_tolerance_fails()
    {
        var measurement = Evaluate(SuccessRate, "0.9", "0.99");

        Assert.Equal(MeasurementVerdict.Fail, measurement.Verdict);
        Assert.Equal("canary 0.9 vs stable 0.99 (drop 0.09 > 0.01)", measurement.Message);
    }

    [Fact]
    public void A_drop_of_exactly_the_tolerance_passes()
    {
        Assert.Equal(MeasurementVerdict.Pass, Evaluate(SuccessRate, "0.95", "0.96").Verdict);
    }

    [Fact]
    public void Latency_is_judged_relative_to_stable()
    {
        Assert.Equal("canary 120 vs stable 100 (increase 20% ≤ 20%)", Evaluate(Latency, "120", "100").Message);
        var slower = Evaluate(Latency, "150", "100");
        Assert.Equal(MeasurementVerdict.Fail, slower.Verdict);
        Assert.Equal("canary 150 vs stable 100 (increase 50% > 20%)", slower.Message);
    }

    [Fact]
    public void No_canary_traffic_is_inconclusive()
    {
        var measurement = ComparisonEvaluator.Evaluate(SuccessRate, new SideOutcome(Outcomes.Vector(), null), new SideOutcome(Outcomes.Vector("1"), null), Now);

        Assert.Equal((MeasurementVerdict.Inconclusive, InconclusiveReason.NoData), (measurement.Verdict, measurement.Reason));
        Assert.StartsWith("canary: no data", measurement.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void No_stable_traffic_is_inconclusive_never_a_pass()
    {
        var measurement = ComparisonEvaluator.Evaluate(SuccessRate, new SideOutcome(Outcomes.Vector("1"), null), new SideOutcome(Outcomes.Vector("NaN"), null), Now);

        Assert.Equal((MeasurementVerdict.Inconclusive, InconclusiveReason.NotANumber), (measurement.Verdict, measurement.Reason));
        Assert.StartsWith("stable: the value is NaN", measurement.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_requests_on_either_side_is_inconclusive()
    {
        var metric = SuccessRate with { MinSamplesCount = 50 };

        var measurement = ComparisonEvaluator.Evaluate(
            metric,
            new SideOutcome(Outcomes.Vector("1"), Outcomes.Vector("80")),
            new SideOutcome(Outcomes.Vector("1"), Outcomes.Vector("12")),
            Now);

        Assert.Equal((MeasurementVerdict.Inconclusive, InconclusiveReason.TooFewSamples), (measurement.Verdict, measurement.Reason));
        Assert.Equal("stable: only 12 samples, need 50", measurement.Message);
    }

    [Fact]
    public void A_rejected_query_on_the_stable_side_holds_at_once()
    {
        var measurement = ComparisonEvaluator.Evaluate(
            SuccessRate,
            new SideOutcome(Outcomes.Vector("1"), null),
            new SideOutcome(Outcomes.Error(400, "bad_data", "parse error"), null),
            Now);

        Assert.True(measurement.QueryRejected);
        Assert.Equal("stable: Prometheus rejected the query (bad_data): parse error", measurement.Message);
    }

    private static MetricMeasurement Evaluate(MetricSpec metric, string canary, string stable) =>
        ComparisonEvaluator.Evaluate(metric, new SideOutcome(Outcomes.Vector(canary), null), new SideOutcome(Outcomes.Vector(stable), null), Now);
}
