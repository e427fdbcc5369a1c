namespace Greylane.Core.PromQL;

/// <summary>A range selector <c>selector[5m]</c>; an offset or <c>@</c> after it belongs to <see cref="Selector"/>.</summary>
internal sealed record MatrixSelector(VectorSelector Selector, TimeSpan Range, TextSpan Span) : Expr(Span);
