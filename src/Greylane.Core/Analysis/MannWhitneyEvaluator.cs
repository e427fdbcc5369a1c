using Greylane.Core.Statistics;
using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// Judges <c>test: mann-whitney</c>: the canary's per-interval samples against stable's moved by the tolerance (stable
/// − maxDrop, or stable × (1 + maxIncrease)), with a one-sided Mann–Whitney U test. Fail only when the canary is worse
/// than that with the metric's confidence; pass when both sides have at least <c>minSamples</c> samples and it is not
/// (and the canary's median is within any absolute bounds); inconclusive otherwise.
/// </summary>
public static class MannWhitneyEvaluator
{
    /// <summary>The measurement of <paramref name="metric"/> from both sides' range query outcomes, taken at <paramref name="time"/>.</summary>
    public static MetricMeasurement Evaluate(MetricSpec metric, QueryOutcome canary, QueryOutcome stable, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var compare = metric.Compare ?? throw new ArgumentException($"metric {metric.Name} does not compare with stable", nameof(metric));
        var test = metric.Test ?? throw new ArgumentException($"metric {metric.Name} has no test", nameof(metric));
        var canarySamples = SampleReading.From(canary);
        var stableSamples = SampleReading.From(stable);
        foreach (var (side, reading) in (ReadOnlySpan<(string, SampleReading)>)[("canary", canarySamples), ("stable", stableSamples)])
        {
            if (reading.Reason == InconclusiveReason.QueryRejected)
            {
                return Inconclusive(metric, reading.Reason.Value, $"{side}: {reading.Message}", time);
            }
        }

        foreach (var (side, reading) in (ReadOnlySpan<(string, SampleReading)>)[("canary", canarySamples), ("stable", stableSamples)])
        {
            if (reading.Reason is { } reason && reason != InconclusiveReason.NoData)
            {
                return Inconclusive(metric, reason, $"{side}: {reading.Message}", time);
            }
        }

        var least = (int)(metric.MinSamplesCount ?? TestSpec.DefaultMinSamples);
        if (canarySamples.Values.Count < least || stableSamples.Values.Count < least)
        {
            return Inconclusive(
                metric,
                InconclusiveReason.TooFewSamples,
                $"canary has {canarySamples.Values.Count} samples and stable {stableSamples.Values.Count}, need {least} on each side (intervals without requests give none)",
                time);
        }

        var canaryMedian = SampleReading.Median(canarySamples.Values);
        var stableMedian = SampleReading.Median(stableSamples.Values);
        var bars = stableSamples.Values.Select(compare.Bar).ToArray();
        var result = MannWhitney.Test(canarySamples.Values, bars, compare.LowerIsWorse ? Alternative.Less : Alternative.Greater);
        var alpha = 1 - test.Confidence;
        var worse = result.PValue < alpha;
        var tolerance = compare.MaxDrop is { } drop ? $"a drop of {ComparisonEvaluator.Show(drop)}" : $"an increase of {ComparisonEvaluator.Show(compare.MaxIncrease!.Value * 100)}%";
        var confidence = $"{ComparisonEvaluator.Show(test.Confidence * 100)}%";
        var statistics = $"Mann–Whitney U {ComparisonEvaluator.Show(result.U)}, p {NumberReading.Show(result.PValue)} {(worse ? "<" : "≥")} {ComparisonEvaluator.Show(alpha)}";
        var medians = $"canary median {ComparisonEvaluator.Show(canaryMedian)} vs stable median {ComparisonEvaluator.Show(stableMedian)}";
        var text = worse
            ? $"{medians}: worse by more than {tolerance} with {confidence} confidence ({statistics})"
            : $"{medians}: not worse by more than {tolerance} at {confidence} confidence ({statistics})";
        var verdict = worse ? MeasurementVerdict.Fail : MeasurementVerdict.Pass;
        if (!worse && (metric.Min is not null || metric.Max is not null))
        {
            var (bounded, bounds) = MeasurementEvaluator.Judge(canaryMedian, metric.Min, metric.Max);
            verdict = bounded;
            text += bounded == MeasurementVerdict.Pass ? $", and the median {bounds}" : $", but the median {bounds}";
        }

        return new MetricMeasurement(metric.Name, verdict, canaryMedian, text, null, time)
        {
            StableValue = stableMedian,
            Statistic = result.U,
            PValue = result.PValue,
        };
    }

    private static MetricMeasurement Inconclusive(MetricSpec metric, InconclusiveReason reason, string message, DateTimeOffset time) =>
        new(metric.Name, MeasurementVerdict.Inconclusive, null, message, reason, time);
}
