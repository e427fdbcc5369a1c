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

    /// <summary>The stable pods' value in the same window (<c>compare: stable</c>; with a test, the median of its samples), or null.</summary>
    public double? StableValue { get; init; }

    /// <summary>The test's statistic (Mann–Whitney U of the canary's samples), or null without a test.</summary>
    public double? Statistic { get; init; }

    /// <summary>The test's one-sided p-value (that the canary is worse by more than the tolerance), or null without a test.</summary>
    public double? PValue { get; init; }

    /// <summary>The canary's query as sent (built-in queries are shown so nothing is hidden), or null when none was sent.</summary>
    public string? Query { get; init; }

    /// <summary>The stable pods' query as sent, or null.</summary>
    public string? StableQuery { get; init; }
}
