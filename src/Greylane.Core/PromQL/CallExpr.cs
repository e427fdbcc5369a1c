namespace Greylane.Core.PromQL;

/// <summary>A function call <c>rate(x[5m])</c>. Function names and argument types are left to Prometheus to judge.</summary>
internal sealed record CallExpr(string Function, IReadOnlyList<Expr> Args, TextSpan Span) : Expr(Span);
