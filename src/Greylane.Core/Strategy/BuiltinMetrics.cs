namespace Greylane.Core.Strategy;

/// <summary>The spelling of <see cref="BuiltinMetric"/> in strategies, and what each one implies.</summary>
public static class BuiltinMetrics
{
    private static readonly (string Name, BuiltinMetric Metric)[] All =
    [
        ("success-rate", BuiltinMetric.SuccessRate),
        ("latency-p50", BuiltinMetric.LatencyP50),
        ("latency-p90", BuiltinMetric.LatencyP90),
        ("latency-p99", BuiltinMetric.LatencyP99),
        ("request-rate", BuiltinMetric.RequestRate),
    ];

    /// <summary>Every name, in the order messages list them.</summary>
    public static IReadOnlyList<string> Names { get; } = [.. All.Select(a => a.Name)];

    /// <summary>The metric spelled <paramref name="name"/> (case-sensitive), or null.</summary>
    public static BuiltinMetric? Parse(string name) =>
        All.FirstOrDefault(a => a.Name == name) is { Name: not null } found ? found.Metric : null;

    /// <summary>The strategy spelling of <paramref name="metric"/>.</summary>
    public static string Name(BuiltinMetric metric) => All.First(a => a.Metric == metric).Name;

    /// <summary>The quantile of a latency metric, or null for the others.</summary>
    public static double? Quantile(BuiltinMetric metric) => metric switch
    {
        BuiltinMetric.LatencyP50 => 0.5,
        BuiltinMetric.LatencyP90 => 0.9,
        BuiltinMetric.LatencyP99 => 0.99,
        _ => null,
    };
}
