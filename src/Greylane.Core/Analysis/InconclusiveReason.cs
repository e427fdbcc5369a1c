namespace Greylane.Core.Analysis;

/// <summary>Why a measurement is inconclusive.</summary>
public enum InconclusiveReason
{
    /// <summary>The query returned no series.</summary>
    NoData,

    /// <summary>The value is NaN (typically 0/0: no requests in the window).</summary>
    NotANumber,

    /// <summary>The value is +Inf or -Inf.</summary>
    Infinite,

    /// <summary>The query returned more than one series where one number is needed.</summary>
    SeveralSeries,

    /// <summary>The query returned a string, a matrix or a native histogram, not one number.</summary>
    NotANumberType,

    /// <summary>The minSamples query is below its minimum.</summary>
    TooFewSamples,

    /// <summary>Prometheus refused the query as malformed (<c>bad_data</c>); measuring again cannot help.</summary>
    QueryRejected,

    /// <summary>The query template could not be rendered for this release; measuring again cannot help.</summary>
    InvalidTemplate,

    /// <summary>
    /// Greylane refused to send the query: it reads another namespace than the Deployment's, or it cannot be parsed to be
    /// kept in it (<see cref="QueryTenancy"/>); measuring again cannot help.
    /// </summary>
    OutsideTenancy,

    /// <summary>Prometheus answered with another error (timeout, execution, internal, unavailable…).</summary>
    PrometheusError,

    /// <summary>Prometheus could not be reached, did not answer in time, or answered something else than its API.</summary>
    NoAnswer,

    /// <summary>Greylane has no usable Prometheus settings.</summary>
    NotConfigured,
}
