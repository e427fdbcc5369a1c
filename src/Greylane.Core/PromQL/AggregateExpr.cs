namespace Greylane.Core.PromQL;

/// <summary>An aggregation <c>sum by (le) (x)</c> or <c>topk(3, x) without (pod)</c>; <see cref="Grouping"/> is null without <c>by</c>/<c>without</c>.</summary>
internal sealed record AggregateExpr(string Operator, IReadOnlyList<Expr> Args, IReadOnlyList<string>? Grouping, bool Without, TextSpan Span) : Expr(Span);
