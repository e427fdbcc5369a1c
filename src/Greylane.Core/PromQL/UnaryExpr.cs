namespace Greylane.Core.PromQL;

/// <summary><c>-expr</c> or <c>+expr</c> (a sign before a number literal is folded into the number).</summary>
internal sealed record UnaryExpr(char Operator, Expr Operand, TextSpan Span) : Expr(Span);
