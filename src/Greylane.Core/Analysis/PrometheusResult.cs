namespace Greylane.Core.Analysis;

/// <summary>The <c>data</c> of a successful query: one of Prometheus' four result types.</summary>
public abstract record PrometheusResult
{
    /// <summary>The <c>resultType</c> as Prometheus names it.</summary>
    public abstract string ResultType { get; }
}
