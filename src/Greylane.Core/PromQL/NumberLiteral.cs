namespace Greylane.Core.PromQL;

/// <summary>A number (<c>0.99</c>, <c>0x1F</c>, <c>Inf</c>), or a duration written where a number stands (its seconds).</summary>
internal sealed record NumberLiteral(double Value, TextSpan Span) : Expr(Span);
