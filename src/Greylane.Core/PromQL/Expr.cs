namespace Greylane.Core.PromQL;

/// <summary>A PromQL expression and the part of the query text it was parsed from.</summary>
internal abstract record Expr(TextSpan Span);
