namespace Greylane.Core.PromQL;

/// <summary>A string argument, e.g. the label names of <c>label_replace</c>.</summary>
internal sealed record StringLiteral(string Value, TextSpan Span) : Expr(Span);
