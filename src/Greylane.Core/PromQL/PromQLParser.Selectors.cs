namespace Greylane.Core.PromQL;

/// <summary>Vector selectors and their label matchers.</summary>
internal sealed partial class PromQLParser
{
    // name, name{…} or {…}; the name token (when any) is already taken.
    private VectorSelector Selector(Token? name)
    {
        var start = name?.Start ?? Peek().Start;
        if (Peek().Kind != TokenKind.LeftBrace)
        {
            return new VectorSelector(name!.Value.Text, [], null, Span(name.Value));
        }

        var open = Take();
        var matchers = new List<LabelMatcher>();
        while (Peek().Kind != TokenKind.RightBrace)
        {
            matchers.Add(Matcher());
            if (Peek().Kind != TokenKind.Comma)
            {
                break;
            }

            Take();
        }

        var close = Expect(TokenKind.RightBrace, "expected ',' or '}'");
        if (name is { } written && matchers.FirstOrDefault(m => m.Name == LabelMatcher.MetricName) is { } second)
        {
            throw new PromQLException(new PromQLError(second.Span.Start, $"metric name must not be set twice: \"{written.Text}\" or \"{second.Value}\"", "keep one of them"));
        }

        return new VectorSelector(name?.Text, matchers, new TextSpan(open.Start, close.End), new TextSpan(start, close.End));
    }

    // label op "value", "quoted label" op "value", or a bare "metric.name".
    private LabelMatcher Matcher()
    {
        var label = Peek();
        if (label.Kind is not (TokenKind.Identifier or TokenKind.String))
        {
            throw Unexpected(label, "expected a label matcher such as app=\"api\"");
        }

        Take();
        var name = label.Kind == TokenKind.String ? PromQLString.Unquote(label.Text) : label.Text;
        var op = Peek().Kind switch
        {
            TokenKind.Assign => MatchOp.Equal,
            TokenKind.NotEqual => MatchOp.NotEqual,
            TokenKind.RegexMatch => MatchOp.Regex,
            TokenKind.RegexNoMatch => MatchOp.NotRegex,
            _ => (MatchOp?)null,
        };
        if (op is null)
        {
            return label.Kind == TokenKind.String
                ? new LabelMatcher(LabelMatcher.MetricName, MatchOp.Equal, name, Span(label))
                : throw Unexpected(Peek(), "expected a label matching operator: =, !=, =~ or !~");
        }

        Take();
        var value = Expect(TokenKind.String, "expected a quoted string");
        return new LabelMatcher(name, op.Value, PromQLString.Unquote(value.Text), new TextSpan(label.Start, value.End));
    }
}
