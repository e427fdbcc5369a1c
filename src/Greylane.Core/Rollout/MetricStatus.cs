using Greylane.Core.Analysis;

namespace Greylane.Core.Rollout;

/// <summary>The counters of one metric within the current step's analysis.</summary>
public sealed record MetricStatus
{
    /// <summary>The metric's name in <c>analysis.metrics</c>.</summary>
    public required string Name { get; init; }

    /// <summary>Passing measurements so far.</summary>
    public int Passed { get; init; }

    /// <summary>Failing measurements so far.</summary>
    public int Failed { get; init; }

    /// <summary>Inconclusive measurements since the analysis started or was last resumed.</summary>
    public int Inconclusive { get; init; }

    /// <summary>The last verdict, if any.</summary>
    public MeasurementVerdict? Last { get; init; }

    /// <summary>The last finite value, if any.</summary>
    public double? LastValue { get; init; }

    /// <summary>The stable pods' value in the last measurement (<c>compare: stable</c>), if any.</summary>
    public double? LastStableValue { get; init; }

    /// <summary>The last test's statistic (Mann–Whitney U), if any.</summary>
    public double? LastStatistic { get; init; }

    /// <summary>The last test's one-sided p-value, if any.</summary>
    public double? LastPValue { get; init; }

    /// <summary>The canary's query as last sent (built-in queries included, so nothing is hidden).</summary>
    public string? Query { get; init; }

    /// <summary>The stable pods' query as last sent (<c>compare: stable</c>).</summary>
    public string? StableQuery { get; init; }

    /// <summary>The last measurement's message (e.g. Prometheus' error).</summary>
    public string? LastMessage { get; init; }

    /// <summary>When the last counted measurement was taken; older or equal ones are never counted again.</summary>
    public DateTimeOffset? LastAt { get; init; }

    /// <summary>The last counted measurement's query was refused as malformed: held until a person fixes it and resumes.</summary>
    public bool QueryRejected { get; init; }

    /// <summary>When the next measurement is due.</summary>
    public DateTimeOffset? NextAt { get; init; }
}
