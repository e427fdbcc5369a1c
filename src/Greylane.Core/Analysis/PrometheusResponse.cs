namespace Greylane.Core.Analysis;

/// <summary>A parsed answer of Prometheus' <c>/api/v1/query</c>: a result, or an error with Prometheus' own text.</summary>
public sealed record PrometheusResponse(
    bool IsSuccess,
    PrometheusResult? Result,
    PrometheusErrorType? ErrorType,
    string? RawErrorType,
    string? Error,
    IReadOnlyList<string> Warnings)
{
    /// <summary>A successful answer.</summary>
    public static PrometheusResponse Success(PrometheusResult result, IReadOnlyList<string>? warnings = null) =>
        new(true, result, null, null, null, warnings ?? []);

    /// <summary>An error answer, as Prometheus words it.</summary>
    public static PrometheusResponse Failure(string rawErrorType, string error, IReadOnlyList<string>? warnings = null) =>
        new(false, null, PrometheusErrorTypes.Parse(rawErrorType), rawErrorType, error, warnings ?? []);
}
