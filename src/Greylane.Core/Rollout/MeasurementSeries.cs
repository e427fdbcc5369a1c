namespace Greylane.Core.Rollout;

/// <summary>
/// The release's recent measurements, kept in the status so that people (the dashboard, <c>status -o json</c> readers)
/// can see how each metric moved, not just its last value. Bounded, because the status is an annotation and all of an
/// object's annotations together may not exceed 256 KiB.
/// </summary>
public static class MeasurementSeries
{
    /// <summary>Measurements kept per metric (the newest); 30 covers 15 minutes at the default 30 s interval.</summary>
    public const int PerMetric = 30;

    /// <summary>Measurements kept in all, whatever the number of metrics; the oldest go first.</summary>
    public const int Total = 150;

    /// <summary>Characters of a measurement's message kept (Prometheus' errors can be long).</summary>
    public const int MessageLength = 160;

    /// <summary>
    /// <paramref name="series"/> with <paramref name="measurement"/> of step <paramref name="step"/> appended, then
    /// trimmed to the bounds. A value that is not a finite number is kept as no value, since JSON has no NaN; the
    /// queries are left out (the metric's status keeps them once: they are the same every time).
    /// </summary>
    public static IReadOnlyList<RecordedMeasurement> Append(IReadOnlyList<RecordedMeasurement> series, int step, Measurement measurement)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(measurement);
        var kept = measurement with
        {
            Value = Finite(measurement.Value),
            StableValue = Finite(measurement.StableValue),
            Statistic = Finite(measurement.Statistic),
            PValue = Finite(measurement.PValue),
            Query = null,
            StableQuery = null,
            Message = measurement.Message is { Length: > MessageLength } message ? message[..(MessageLength - 1)] + "…" : measurement.Message,
        };
        var all = series.Append(new RecordedMeasurement(step, kept)).ToList();
        var sameMetric = all.Count(r => r.Measurement.Metric == kept.Metric);
        if (sameMetric > PerMetric)
        {
            all.Remove(all.First(r => r.Measurement.Metric == kept.Metric));
        }

        return all.Count > Total ? [.. all.Skip(all.Count - Total)] : all;
    }

    private static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;
}
