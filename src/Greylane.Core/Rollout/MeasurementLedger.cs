using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Core.Rollout;

/// <summary>Counts measurements into the status: each at most once, only for the current step's analysis.</summary>
internal static class MeasurementLedger
{
    /// <summary>Fresh counters for a step whose analysis starts at <paramref name="now"/>.</summary>
    public static IReadOnlyList<MetricStatus> Start(RolloutStrategy strategy, StepSpec step, DateTimeOffset now) =>
        [.. step.Analysis.Select(name => new MetricStatus
        {
            Name = name,
            NextAt = now + (StepView.Metric(strategy, name)?.InitialDelay ?? TimeSpan.Zero),
        })];

    /// <summary>
    /// Counts the new measurements in <paramref name="measurements"/> while the step is measuring. A time after
    /// <paramref name="now"/> (a skewed clock) counts as <paramref name="now"/>, so it cannot pose as news in a later decision.
    /// </summary>
    public static RolloutStatus Fold(RolloutStatus status, IReadOnlyList<Measurement> measurements, DateTimeOffset now)
    {
        var measuring = status.Phase == RolloutPhase.StepAnalyzing || (status.Phase == RolloutPhase.StepPaused && status.Held);
        if (!measuring || measurements.Count == 0 || status.AnalysisSince is not { } analysisSince)
        {
            return status;
        }

        var metrics = status.Metrics.ToList();
        var series = status.Measurements;
        foreach (var taken in measurements.OrderBy(m => m.Time).ThenBy(m => m.Metric, StringComparer.Ordinal))
        {
            var measurement = taken.Time > now ? taken with { Time = now } : taken;
            var index = metrics.FindIndex(m => m.Name == measurement.Metric);

            // A measurement of another step, from before this analysis, or already counted must not count (again).
            if (index < 0 || measurement.Time < analysisSince || measurement.Time <= metrics[index].LastAt)
            {
                continue;
            }

            metrics[index] = Count(metrics[index], measurement);
            series = MeasurementSeries.Append(series, status.Step, measurement);
        }

        return status with { Metrics = metrics, Measurements = series };
    }

    /// <summary>
    /// Metrics due for a measurement at <paramref name="now"/>. A name missing from <c>analysis.metrics</c> is never
    /// measured (validation refuses it); its step then cannot pass and the deadline names it.
    /// </summary>
    public static IReadOnlyList<string> Due(RolloutStatus status, RolloutStrategy strategy, DateTimeOffset now) =>
        [.. status.Metrics.Where(m => (m.NextAt is null || m.NextAt <= now) && StepView.Metric(strategy, m.Name) is not null).Select(m => m.Name)];

    /// <summary>Marks <paramref name="due"/> as requested, so they are asked for once per interval.</summary>
    public static RolloutStatus Requested(RolloutStatus status, RolloutStrategy strategy, IReadOnlyList<string> due, DateTimeOffset now) =>
        status with
        {
            Metrics = [.. status.Metrics.Select(m => due.Contains(m.Name)
                ? m with { NextAt = now + StepView.Interval(strategy, StepView.Metric(strategy, m.Name)) }
                : m)],
        };

    /// <summary>Resuming after a hold forgives earlier inconclusive measurements; passes and failures stand.</summary>
    public static IReadOnlyList<MetricStatus> Forgive(IReadOnlyList<MetricStatus> metrics) =>
        [.. metrics.Select(m => m with { Inconclusive = 0, QueryRejected = false })];

    private static MetricStatus Count(MetricStatus metric, Measurement measurement) =>
        (measurement.Verdict switch
        {
            MeasurementVerdict.Pass => metric with { Passed = metric.Passed + 1 },
            MeasurementVerdict.Fail => metric with { Failed = metric.Failed + 1 },
            _ => metric with { Inconclusive = metric.Inconclusive + 1 },
        }) with
        {
            Last = measurement.Verdict,
            LastValue = measurement.Value is { } value && double.IsFinite(value) ? value : null,
            LastMessage = measurement.Message,
            LastStableValue = Finite(measurement.StableValue),
            LastStatistic = Finite(measurement.Statistic),
            LastPValue = Finite(measurement.PValue),
            Query = measurement.Query ?? metric.Query,
            StableQuery = measurement.StableQuery ?? metric.StableQuery,
            LastAt = measurement.Time,
            QueryRejected = measurement.Verdict == MeasurementVerdict.Inconclusive && measurement.QueryRejected,
        };

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
