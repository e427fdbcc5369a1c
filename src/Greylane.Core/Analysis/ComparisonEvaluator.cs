using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// Judges <c>compare: stable</c> from one value per side: pass when the canary is within the tolerance of stable
/// measured in the same window and within any absolute bounds (both must hold); inconclusive when either side has no
/// usable value or too few samples, so that a canary or a stable without traffic never passes.
/// </summary>
public static class ComparisonEvaluator
{
    /// <summary>The measurement of compared <paramref name="metric"/> from both sides' outcomes, taken at <paramref name="time"/>.</summary>
    public static MetricMeasurement Evaluate(MetricSpec metric, SideOutcome canary, SideOutcome stable, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(metric);
        ArgumentNullException.ThrowIfNull(canary);
        ArgumentNullException.ThrowIfNull(stable);
        var compare = metric.Compare ?? throw new ArgumentException($"metric {metric.Name} does not compare with stable", nameof(metric));
        var canaryReading = NumberReading.From(canary.Value);
        var stableReading = NumberReading.From(stable.Value);

        // A malformed query is reported first whatever else happened: only a human can fix it.
        foreach (var (side, reading) in (ReadOnlySpan<(string, NumberReading)>)[("canary", canaryReading), ("stable", stableReading)])
        {
            if (reading.Reason == InconclusiveReason.QueryRejected)
            {
                return Inconclusive(metric, reading.Reason.Value, $"{side}: {reading.Message}", time);
            }
        }

        foreach (var (side, outcome) in (ReadOnlySpan<(string, SideOutcome)>)[("canary", canary), ("stable", stable)])
        {
            if (SampleProblem(metric, outcome) is { } problem)
            {
                return Inconclusive(metric, problem.Reason, $"{side}: {problem.Message}", time);
            }
        }

        if (canaryReading.Value is not { } canaryValue)
        {
            return Inconclusive(metric, canaryReading.Reason!.Value, $"canary: {canaryReading.Message}", time);
        }

        if (stableReading.Value is not { } stableValue)
        {
            return Inconclusive(metric, stableReading.Reason!.Value, $"stable: {stableReading.Message}", time) with { Value = canaryValue };
        }

        var (verdict, text) = Judge(metric, compare, canaryValue, stableValue);
        return new MetricMeasurement(metric.Name, verdict, canaryValue, text, null, time) { StableValue = stableValue };
    }

    /// <summary>The verdict and message of <paramref name="canary"/> against <paramref name="stable"/>, then against the absolute bounds.</summary>
    internal static (MeasurementVerdict Verdict, string Message) Judge(MetricSpec metric, CompareSpec compare, double canary, double stable)
    {
        var bar = compare.Bar(stable);

        // Subtraction and scaling of decimals are inexact (0.96 - 0.95 = 0.010000000000000009): a hair's slack.
        var slack = 1e-9 * Math.Max(1, Math.Abs(bar));
        var close = compare.LowerIsWorse ? canary >= bar - slack : canary <= bar + slack;
        var sign = close ? "≤" : ">";
        var difference = compare.MaxDrop is { } maxDrop
            ? $"drop {Show(Math.Max(0, stable - canary))} {sign} {Show(maxDrop)}"
            : stable > 0
                ? $"increase {Percent((canary - stable) / stable)} {sign} {Percent(compare.MaxIncrease!.Value)}"
                : $"stable is {Show(stable)}, so any increase is too much";
        var text = $"canary {Show(canary)} vs stable {Show(stable)} ({difference})";
        if (!close)
        {
            return (MeasurementVerdict.Fail, text);
        }

        if (metric.Min is null && metric.Max is null)
        {
            return (MeasurementVerdict.Pass, text);
        }

        var (verdict, bounds) = MeasurementEvaluator.Judge(canary, metric.Min, metric.Max);
        return (verdict, verdict == MeasurementVerdict.Pass ? $"{text}, and {bounds}" : $"{text}, but {bounds}");
    }

    internal static string Show(double value) => NumberReading.Show(Math.Round(value, 6));

    private static string Percent(double share) => NumberReading.Show(Math.Round(share * 100, 2)) + "%";

    private static (InconclusiveReason Reason, string Message)? SampleProblem(MetricSpec metric, SideOutcome side)
    {
        var least = metric.MinSamples?.Min ?? metric.MinSamplesCount;
        if (least is not { } min || side.Samples is null)
        {
            return null;
        }

        var reading = NumberReading.From(side.Samples);

        // No series at all is what a counter of a side without traffic gives: zero samples.
        var count = reading.Reason == InconclusiveReason.NoData ? 0 : reading.Value;
        if (count is not { } samples)
        {
            return (reading.Reason!.Value, $"minSamples query: {reading.Message}");
        }

        return samples < min
            ? (InconclusiveReason.TooFewSamples, $"only {NumberReading.Show(samples)} samples, need {NumberReading.Show(min)}")
            : null;
    }

    private static MetricMeasurement Inconclusive(MetricSpec metric, InconclusiveReason reason, string message, DateTimeOffset time) =>
        new(metric.Name, MeasurementVerdict.Inconclusive, null, message, reason, time);
}
