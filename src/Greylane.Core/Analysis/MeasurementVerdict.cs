namespace Greylane.Core.Analysis;

/// <summary>The outcome of one measurement of one metric.</summary>
public enum MeasurementVerdict
{
    /// <summary>The value was within bounds.</summary>
    Pass,

    /// <summary>The value was outside bounds.</summary>
    Fail,

    /// <summary>No usable value: no data, NaN, ±Inf, several series, or a Prometheus error.</summary>
    Inconclusive,
}
