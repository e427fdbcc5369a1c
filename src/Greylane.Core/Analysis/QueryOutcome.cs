namespace Greylane.Core.Analysis;

/// <summary>One query's outcome: Prometheus' answer (which may be an error answer) or the failure to get one.</summary>
public sealed record QueryOutcome(PrometheusResponse? Response, QueryFailure? Failure)
{
    /// <summary>Prometheus answered.</summary>
    public static QueryOutcome Answered(PrometheusResponse response) => new(response, null);

    /// <summary>No answer.</summary>
    public static QueryOutcome Failed(QueryFailureKind kind, string message, int? statusCode = null) =>
        new(null, new QueryFailure(kind, message, statusCode));

    /// <summary>
    /// True when another attempt soon may get a different outcome: no connection, an HTTP 5xx, or Prometheus'
    /// <c>internal</c>/<c>unavailable</c>. A timeout is not retried: the same query would most likely time out again,
    /// tripling the wait.
    /// </summary>
    public bool IsTransient => Failure switch
    {
        { Kind: QueryFailureKind.Unreachable } => true,
        { Kind: QueryFailureKind.HttpError, StatusCode: >= 500 } => true,
        null => Response is { IsSuccess: false, ErrorType: PrometheusErrorType.Internal or PrometheusErrorType.Unavailable },
        _ => false,
    };
}
