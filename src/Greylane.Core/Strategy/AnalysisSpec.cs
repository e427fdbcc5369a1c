namespace Greylane.Core.Strategy;

/// <summary>The metrics a strategy defines; steps name the ones that gate them.</summary>
public sealed record AnalysisSpec(TimeSpan Interval, IReadOnlyList<MetricSpec> Metrics)
{
    /// <summary>No metrics.</summary>
    public static AnalysisSpec None { get; } = new(TimeSpan.FromSeconds(30), []);
}

/// <summary>
/// One metric gate: a PromQL query, or a <see cref="Builtin"/> one. A measurement passes when the value is within
/// [Min, Max] (and, with <see cref="Compare"/>, close enough to stable's); a step needs
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
    MinSamplesSpec? MinSamples = null)
{
    /// <summary>The default range of a built-in metric's rates.</summary>
    public static TimeSpan DefaultWindow { get; } = TimeSpan.FromMinutes(1);

    /// <summary>The built-in metric measured instead of <see cref="Query"/> (then empty), or null.</summary>
    public BuiltinMetric? Builtin { get; init; }

    /// <summary>The range of a built-in metric's rates, and with <see cref="Test"/> the range its samples cover.</summary>
    public TimeSpan Window { get; init; } = DefaultWindow;

    /// <summary>Whose report of a request the built-in metrics read.</summary>
    public MeshReporter Reporter { get; init; }

    /// <summary>Judge against the stable pods (<c>compare: stable</c>), or null for absolute bounds only.</summary>
    public CompareSpec? Compare { get; init; }

    /// <summary>A statistical test over per-interval samples of both sides, or null for one value per side.</summary>
    public TestSpec? Test { get; init; }

    /// <summary>
    /// <c>minSamples</c> written as a number: with <see cref="Test"/> the least samples on each side, otherwise (built-in
    /// metrics only) the least requests in the window on each side; null when not written so.
    /// </summary>
    public double? MinSamplesCount { get; init; }
}

/// <summary>A second query that must reach <see cref="Min"/> before a measurement counts.</summary>
public sealed record MinSamplesSpec(string Query, double Min);
