namespace Greylane.Core.PromQL;

/// <summary>
/// A vector selector: <c>name</c>, <c>name{matchers}</c> or <c>{matchers}</c>. <see cref="Expr.Span"/> covers the name and
/// braces only (not an offset or <c>@</c> after them); <see cref="Braces"/> is null when there are none.
/// </summary>
internal sealed record VectorSelector(string? Name, IReadOnlyList<LabelMatcher> Matchers, TextSpan? Braces, TextSpan Span) : Expr(Span)
{
    /// <summary>The <c>offset</c> modifier, when written.</summary>
    public TimeSpan? Offset { get; init; }

    /// <summary>The <c>@</c> modifier as written (<c>1700000000</c>, <c>start()</c>), when written.</summary>
    public string? At { get; init; }
}
