using Greylane.Core.Strategy;

namespace Greylane.Core.Analysis;

/// <summary>
/// Turns query outcomes into a verdict. Pass only on one finite number within [min, max] (both inclusive) with enough
/// samples; Fail on one finite number outside; Inconclusive on everything else, so that missing data never promotes.
/// </summary>
public static class MeasurementEvaluator
{
    /// <summary>
    /// The measurement of <paramref name="metric"/> from its query's <paramref name="value"/> and, when the metric has
    /// <c>minSamples</c>, the sample query's <paramref name="samples"/>, taken at <paramref name="time"/>.
    /// </summary>
    public static MetricMeasurement Evaluate(MetricSpec metric, QueryOutcome value, QueryOutcome? samples, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(metric);
        var reading = NumberReading.From(value);
        var sampleReading = metric.MinSamples is null ? null : NumberReading.From(samples ?? throw new ArgumentNullException(nameof(samples), $"metric {metric.Name} has minSamples; its sample query's outcome is needed"));

        // A malformed query is reported first whatever else happened: only a human can fix it.
        if (reading.Reason == InconclusiveReason.QueryRejected)
        {
            return Inconclusive(metric, reading, reading.Message, time);
        }

        if (sampleReading is not null)
        {
            if (sampleReading.Reason == InconclusiveReason.NoData)
            {
                // No series at all is what a counter of a canary without traffic gives: zero samples.
                sampleReading = sampleReading with { Value = 0, Reason = null };
            }

            if (sampleReading.Value is not { } count)
            {
                return Inconclusive(metric, sampleReading, $"minSamples query: {sampleReading.Message}", time);
            }

            if (count < metric.MinSamples!.Min)
            {
                return Inconclusive(
                    metric,
                    sampleReading with { Reason = InconclusiveReason.TooFewSamples },
                    $"only {NumberReading.Show(count)} samples, need {NumberReading.Show(metric.MinSamples.Min)}",
                    time);
            }
        }

        if (reading.Value is not { } number)
        {
            return Inconclusive(metric, reading, reading.Message, time);
        }

        var warnings = WarningsText(reading.Warnings);
        var (verdict, text) = Judge(number, metric.Min, metric.Max);
        return new MetricMeasurement(metric.Name, verdict, number, text + warnings, null, time);
    }

    /// <summary>An inconclusive measurement for a metric whose query could not be rendered (e.g. a canary label the release lacks).</summary>
    public static MetricMeasurement InvalidTemplate(MetricSpec metric, string problem, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new MetricMeasurement(metric.Name, MeasurementVerdict.Inconclusive, null, $"the query cannot be rendered: {problem}", InconclusiveReason.InvalidTemplate, time);
    }

    /// <summary>An inconclusive measurement for a metric whose query tenancy refused: it was not sent to Prometheus.</summary>
    public static MetricMeasurement OutsideTenancy(MetricSpec metric, string problem, DateTimeOffset time)
    {
        ArgumentNullException.ThrowIfNull(metric);
        return new MetricMeasurement(metric.Name, MeasurementVerdict.Inconclusive, null, $"the query was not sent to Prometheus: {problem}", InconclusiveReason.OutsideTenancy, time);
    }

    /// <summary>Pass within [<paramref name="min"/>, <paramref name="max"/>], bounds inclusive; an absent bound does not limit.</summary>
    internal static (MeasurementVerdict Verdict, string Message) Judge(double value, double? min, double? max)
    {
        var shown = NumberReading.Show(value);
        if (min is { } low && value < low)
        {
            return (MeasurementVerdict.Fail, $"{shown} is below min {NumberReading.Show(low)}");
        }

        if (max is { } high && value > high)
        {
            return (MeasurementVerdict.Fail, $"{shown} is above max {NumberReading.Show(high)}");
        }

        var bounds = (min, max) switch
        {
            ({ } l, { } h) => $"[{NumberReading.Show(l)}, {NumberReading.Show(h)}]",
            ({ } l, null) => $"min {NumberReading.Show(l)}",
            (null, { } h) => $"max {NumberReading.Show(h)}",
            _ => "no bounds",
        };
        return (MeasurementVerdict.Pass, $"{shown} is within {bounds}");
    }

    private static MetricMeasurement Inconclusive(MetricSpec metric, NumberReading reading, string message, DateTimeOffset time) =>
        new(metric.Name, MeasurementVerdict.Inconclusive, null, message + WarningsText(reading.Warnings), reading.Reason, time);

    private static string WarningsText(IReadOnlyList<string> warnings) =>
        warnings.Count == 0 ? "" : $" (Prometheus warns: {string.Join("; ", warnings)})";
}
