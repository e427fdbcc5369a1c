namespace Greylane.Core.Analysis;

/// <summary>
/// One measurement of one metric: its verdict, the value when there is a usable one, a message for the status and
/// Events, and for an inconclusive one the reason.
/// </summary>
public sealed record MetricMeasurement(
    string Metric,
    MeasurementVerdict Verdict,
    double? Value,
    string Message,
    InconclusiveReason? Reason,
    DateTimeOffset Time)
{
    /// <summary>
    /// The query itself is wrong (Prometheus said <c>bad_data</c>, the template cannot be rendered, or tenancy refused
    /// it): no later measurement can do better, so the release should be held at once with <see cref="Message"/>.
    /// </summary>
    public bool QueryRejected => Reason is InconclusiveReason.QueryRejected or InconclusiveReason.InvalidTemplate or InconclusiveReason.OutsideTenancy;
}
