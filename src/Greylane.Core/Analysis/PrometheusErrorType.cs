namespace Greylane.Core.Analysis;

/// <summary>The <c>errorType</c> of a Prometheus API error answer.</summary>
public enum PrometheusErrorType
{
    /// <summary>An error type this version does not know; the raw text is kept in <see cref="PrometheusResponse.RawErrorType"/>.</summary>
    Other,

    /// <summary><c>bad_data</c>: the query is malformed (HTTP 400). Retrying cannot help; a human must fix the query.</summary>
    BadData,

    /// <summary><c>timeout</c>: the query ran past its timeout.</summary>
    Timeout,

    /// <summary><c>canceled</c>: the query was canceled.</summary>
    Canceled,

    /// <summary><c>execution</c>: the query could not be evaluated (HTTP 422).</summary>
    Execution,

    /// <summary><c>internal</c>: Prometheus failed (HTTP 500).</summary>
    Internal,

    /// <summary><c>unavailable</c>: Prometheus cannot answer now (HTTP 503).</summary>
    Unavailable,

    /// <summary><c>not_found</c>: the API path is unknown.</summary>
    NotFound,
}
