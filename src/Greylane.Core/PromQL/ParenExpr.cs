namespace Greylane.Core.PromQL;

/// <summary>An expression in parentheses.</summary>
internal sealed record ParenExpr(Expr Inner, TextSpan Span) : Expr(Span);
