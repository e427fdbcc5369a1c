namespace Greylane.Core.Strategy;

/// <summary>The metrics a strategy defines; steps name the ones that gate them.</summary>
public sealed record AnalysisSpec(TimeSpan Interval, IReadOnlyList<MetricSpec> Metrics)
{
    /// <summary>No metrics.</summary>
    public static AnalysisSpec None { get; } = new(TimeSpan.FromSeconds(30), []);
}

/// <summary>
/// One PromQL gate. A measurement passes when the value is within [Min, Max]; a step needs
/// <see cref="Count"/> passes; more than <see cref="FailureLimit"/> failures roll back; more than
/// <see cref="InconclusiveLimit"/> inconclusive measurements hold the release for a human.
/// </summary>
public sealed record MetricSpec(
    string Name,
    string Query,
    double? Min,
    double? Max,
    int Count = 1,
    int FailureLimit = 0,
    int InconclusiveLimit = 3,
    TimeSpan InitialDelay = default,
    TimeSpan? Interval = null,
    MinSamplesSpec? MinSamples = null);

/// <summary>A second query that must reach <see cref="Min"/> before a measurement counts.</summary>
public sealed record MinSamplesSpec(string Query, double Min);
