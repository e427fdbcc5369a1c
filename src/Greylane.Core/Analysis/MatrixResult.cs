namespace Greylane.Core.Analysis;

/// <summary><c>matrix</c>: many samples per series (a range selector).</summary>
public sealed record MatrixResult(IReadOnlyList<PrometheusSeries> Series) : PrometheusResult
{
    /// <inheritdoc />
    public override string ResultType => "matrix";
}
