namespace Greylane.Core.PromQL;

/// <summary>
/// One matcher inside a selector's braces, with its unquoted label name and value and its place in the text. A bare
/// string (<c>{"my.metric"}</c>) is the metric name: <c>__name__="my.metric"</c>.
/// </summary>
internal sealed record LabelMatcher(string Name, MatchOp Op, string Value, TextSpan Span)
{
    /// <summary>The label that holds the metric name.</summary>
    public const string MetricName = "__name__";

    /// <summary>The operator as PromQL writes it.</summary>
    public string OpText => Op switch
    {
        MatchOp.Equal => "=",
        MatchOp.NotEqual => "!=",
        MatchOp.Regex => "=~",
        _ => "!~",
    };
}
