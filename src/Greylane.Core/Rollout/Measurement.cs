using Greylane.Core.Analysis;

namespace Greylane.Core.Rollout;

/// <summary>One measurement of one metric, taken by the controller after a <see cref="RolloutAction.Measure"/>.</summary>
public sealed record Measurement(string Metric, MeasurementVerdict Verdict, double? Value, string? Message, DateTimeOffset Time)
{
    /// <summary>An inconclusive measurement whose query Prometheus refused as malformed: no later one can do better, so it holds at once.</summary>
    public bool QueryRejected { get; init; }

    /// <summary>The stable pods' value in the same window (<c>compare: stable</c>), or null.</summary>
    public double? StableValue { get; init; }

    /// <summary>The test's statistic (Mann–Whitney U), or null without a test.</summary>
    public double? Statistic { get; init; }

    /// <summary>The test's one-sided p-value, or null without a test.</summary>
    public double? PValue { get; init; }

    /// <summary>
    /// The canary's query as sent, or null. Kept in the metric's status once (not per measurement): a series of
    /// measurements should leave it out, since it is the same every time.
    /// </summary>
    public string? Query { get; init; }

    /// <summary>The stable pods' query as sent, or null; like <see cref="Query"/>, once per metric.</summary>
    public string? StableQuery { get; init; }
}
