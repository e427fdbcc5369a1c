namespace Greylane.Core.Analysis;

/// <summary><c>string</c>: one string.</summary>
public sealed record StringResult(double Time, string Value) : PrometheusResult
{
    /// <inheritdoc />
    public override string ResultType => "string";
}
