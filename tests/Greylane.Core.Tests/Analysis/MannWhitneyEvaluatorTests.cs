using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis.Tests;

/// <summary>The test on synthetic series with known outcomes.</summary>
public sealed class MannWhitneyEvaluatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 20, 0, 0, TimeSpan.Zero);

    private static readonly MetricSpec SuccessRate = new("sr", "", null, null)
    {
        Builtin = BuiltinMetric.SuccessRate,
        Compare = new CompareSpec(0.01, null),
        Test = new TestSpec(0.95, TimeSpan.FromSeconds(30)),
        Window = TimeSpan.FromMinutes(5),
        MinSamplesCount = 5,
    };

    private static readonly MetricSpec Latency = SuccessRate with { Builtin = BuiltinMetric.LatencyP90, Compare = new CompareSpec(null, 0.2) };

    private static readonly double[] Stable = [0.99, 0.995, 0.985, 0.992, 0.998, 0.991, 0.989, 0.996];

    [Fact]
    public void A_canary_clearly_worse_fails_with_the_statistic_and_p_value()
    {
        var measurement = MannWhitneyEvaluator.Evaluate(SuccessRate, Outcomes.Matrix(0.90, 0.91, 0.89, 0.92, 0.94, 0.93), Outcomes.Matrix(Stable), Now);

        Assert.Equal(MeasurementVerdict.Fail, measurement.Verdict);
        Assert.Equal(0, measurement.Statistic);
        Assert.Equal(1.0 / 3003, measurement.PValue!.Value, 12); // every one of C(14, 6) arrangements but one is less extreme
        Assert.Equal((0.915, 0.9915), (measurement.Value, measurement.StableValue));
        Assert.StartsWith("canary median 0.915 vs stable median 0.9915: worse by more than a drop of 0.01 with 95% confidence (Mann–Whitney U 0, p 0.000333", measurement.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_canary_slightly_worse_within_the_tolerance_passes()
    {
        var canary = Stable.Select(v => v - 0.005).ToArray();

        var measurement = MannWhitneyEvaluator.Evaluate(SuccessRate, Outcomes.Matrix(canary), Outcomes.Matrix(Stable), Now);

        Assert.Equal(MeasurementVerdict.Pass, measurement.Verdict);
        Assert.True(measurement.PValue > 0.05);
    }

    [Fact]
    public void A_latency_regression_is_caught()
    {
        double[] stable = [100, 104, 98, 101, 99, 103, 97, 102];
        double[] canary = [180, 175, 190, 185, 178, 182];

        var measurement = MannWhitneyEvaluator.Evaluate(Latency, Outcomes.Matrix(canary), Outcomes.Matrix(stable), Now);

        Assert.Equal(MeasurementVerdict.Fail, measurement.Verdict);
        Assert.Contains("worse by more than an increase of 20%", measurement.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Too_few_samples_is_inconclusive()
    {
        var measurement = MannWhitneyEvaluator.Evaluate(SuccessRate, Outcomes.Matrix(0.5, 0.5, double.NaN), Outcomes.Matrix(Stable), Now);

        Assert.Equal((MeasurementVerdict.Inconclusive, InconclusiveReason.TooFewSamples), (measurement.Verdict, measurement.Reason));
        Assert.Equal("canary has 2 samples and stable 8, need 5 on each side (intervals without requests give none)", measurement.Message);
    }

    [Fact]
    public void No_stable_series_is_inconclusive()
    {
        var measurement = MannWhitneyEvaluator.Evaluate(SuccessRate, Outcomes.Matrix(Stable), Outcomes.Matrix(), Now);

        Assert.Equal(MeasurementVerdict.Inconclusive, measurement.Verdict);
    }

    [Fact]
    public void Many_tied_samples_use_the_normal_approximation()
    {
        var stable = Enumerable.Repeat(1.0, 30).Concat(Enumerable.Repeat(0.99, 30)).ToArray();
        var canary = Enumerable.Repeat(0.95, 30).Concat(Enumerable.Repeat(0.9, 30)).ToArray();

        var measurement = MannWhitneyEvaluator.Evaluate(SuccessRate, Outcomes.Matrix(canary), Outcomes.Matrix(stable), Now);

        Assert.Equal(MeasurementVerdict.Fail, measurement.Verdict);
        Assert.True(measurement.PValue < 1e-10);
    }
}
