namespace Greylane.Core.Analysis;

/// <summary><c>scalar</c>: one number with no labels.</summary>
public sealed record ScalarResult(double Time, double Value) : PrometheusResult
{
    /// <inheritdoc />
    public override string ResultType => "scalar";
}
