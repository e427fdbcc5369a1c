namespace Greylane.Core.Analysis;

/// <summary><c>vector</c>: one sample per series.</summary>
public sealed record VectorResult(IReadOnlyList<PrometheusSample> Samples) : PrometheusResult
{
    /// <inheritdoc />
    public override string ResultType => "vector";
}
