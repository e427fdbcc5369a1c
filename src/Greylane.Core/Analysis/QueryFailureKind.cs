namespace Greylane.Core.Analysis;

/// <summary>Why a query got no Prometheus answer.</summary>
public enum QueryFailureKind
{
    /// <summary>No connection: refused, reset, DNS, TLS.</summary>
    Unreachable,

    /// <summary>No answer within the query timeout.</summary>
    Timeout,

    /// <summary>An HTTP error status without a Prometheus error body (a proxy, a wrong URL, a refused token).</summary>
    HttpError,

    /// <summary>An answer that is not Prometheus API JSON.</summary>
    InvalidResponse,

    /// <summary>Greylane has no usable Prometheus settings (no URL, an unreadable token file).</summary>
    NotConfigured,
}
