namespace Greylane.Core.PromQL;

/// <summary>A binary operation (<see cref="Operator"/> in lower case: <c>+</c>, <c>==</c>, <c>and</c>, <c>atan2</c>…) with its <c>bool</c> and vector matching modifiers.</summary>
internal sealed record BinaryExpr(string Operator, Expr Left, Expr Right, TextSpan Span) : Expr(Span)
{
    /// <summary>Whether <c>bool</c> follows a comparison.</summary>
    public bool ReturnBool { get; init; }

    /// <summary>The <c>on</c>/<c>ignoring</c> clause, when written.</summary>
    public VectorMatching? Matching { get; init; }
}
