namespace Greylane.Core.Strategy;

/// <summary>A metric Greylane knows how to query from Istio's standard metrics (<c>builtin:</c>), so users need not write PromQL.</summary>
public enum BuiltinMetric
{
    /// <summary><c>success-rate</c>: share of responses that are not 5xx.</summary>
    SuccessRate,

    /// <summary><c>latency-p50</c>: median request duration in milliseconds.</summary>
    LatencyP50,

    /// <summary><c>latency-p90</c>: 90th percentile request duration in milliseconds.</summary>
    LatencyP90,

    /// <summary><c>latency-p99</c>: 99th percentile request duration in milliseconds.</summary>
    LatencyP99,

    /// <summary><c>request-rate</c>: requests per second.</summary>
    RequestRate,
}
