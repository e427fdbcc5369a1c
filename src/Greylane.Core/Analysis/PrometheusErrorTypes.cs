namespace Greylane.Core.Analysis;

/// <summary>Prometheus' <c>errorType</c> strings.</summary>
public static class PrometheusErrorTypes
{
    /// <summary>The error type for <paramref name="text"/>; <see cref="PrometheusErrorType.Other"/> for an unknown one.</summary>
    public static PrometheusErrorType Parse(string? text) => text switch
    {
        "bad_data" => PrometheusErrorType.BadData,
        "timeout" => PrometheusErrorType.Timeout,
        "canceled" => PrometheusErrorType.Canceled,
        "execution" => PrometheusErrorType.Execution,
        "internal" => PrometheusErrorType.Internal,
        "unavailable" => PrometheusErrorType.Unavailable,
        "not_found" => PrometheusErrorType.NotFound,
        _ => PrometheusErrorType.Other,
    };
}
