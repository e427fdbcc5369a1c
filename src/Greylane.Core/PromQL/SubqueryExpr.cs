namespace Greylane.Core.PromQL;

/// <summary>A subquery <c>expr[range:step]</c> (step optional).</summary>
internal sealed record SubqueryExpr(Expr Inner, TimeSpan Range, TimeSpan? Step, TextSpan Span) : Expr(Span)
{
    /// <summary>The <c>offset</c> modifier, when written.</summary>
    public TimeSpan? Offset { get; init; }

    /// <summary>The <c>@</c> modifier as written, when written.</summary>
    public string? At { get; init; }
}
