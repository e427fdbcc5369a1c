using System.Globalization;

namespace Greylane.Core.PromQL;

/// <summary>Literals, parentheses, selectors, function calls and aggregations.</summary>
internal sealed partial class PromQLParser
{
    private static readonly HashSet<string> Aggregators = new(StringComparer.OrdinalIgnoreCase)
    {
        "sum", "avg", "count", "min", "max", "group", "stddev", "stdvar", "topk", "bottomk", "count_values", "quantile", "limitk", "limit_ratio",
    };

    // Aggregators that take a parameter before the vector: topk(3, x).
    private static readonly HashSet<string> WithParameter = new(StringComparer.OrdinalIgnoreCase)
    {
        "topk", "bottomk", "count_values", "quantile", "limitk", "limit_ratio",
    };

    // Keywords Prometheus accepts as metric names where an expression starts (its metric_identifier rule)…
    private static readonly HashSet<string> KeywordMetricNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "by", "without", "offset", "start", "end", "step", "range", "anchored", "smoothed", "max_of", "min_of", "fill", "fill_left", "fill_right",
    };

    // …and those it does not.
    private static readonly HashSet<string> NotMetricNames = new(StringComparer.OrdinalIgnoreCase)
    {
        "bool", "on", "ignoring", "group_left", "group_right", "atan2",
    };

    private Expr Primary()
    {
        var token = Peek();
        switch (token.Kind)
        {
            case TokenKind.Number:
                Take();
                return new NumberLiteral(Number(token), Span(token));
            case TokenKind.Duration:
                Take();
                return new NumberLiteral(Duration(token).TotalSeconds, Span(token));
            case TokenKind.String:
                Take();
                return new StringLiteral(PromQLString.Unquote(token.Text), Span(token));
            case TokenKind.LeftParen:
                Take();
                var inner = Expression(0);
                var close = Expect(TokenKind.RightParen, "expected ')' to close the '(' at offset " + token.Start);
                return new ParenExpr(inner, new TextSpan(token.Start, close.End));
            case TokenKind.LeftBrace:
                return Selector(null);
            case TokenKind.MetricIdentifier:
                return Selector(Take());
            case TokenKind.Identifier:
                return Word(token);
            default:
                throw Unexpected(token, "expected an expression");
        }
    }

    private Expr Word(Token token)
    {
        var word = token.Text.ToLowerInvariant();
        if (word is "inf" or "nan")
        {
            Take();
            return new NumberLiteral(word == "inf" ? double.PositiveInfinity : double.NaN, Span(token));
        }

        var next = Peek(1);
        if (Aggregators.Contains(word) && (next.Kind == TokenKind.LeftParen || next.IsWord("by") || next.IsWord("without")))
        {
            return Aggregation();
        }

        if (NotMetricNames.Contains(word))
        {
            throw Unexpected(token, "expected an expression");
        }

        var isFunction = next.Kind == TokenKind.LeftParen && (word is "start" or "end" || !(KeywordMetricNames.Contains(word) || Aggregators.Contains(word)));
        if (!isFunction)
        {
            return Selector(Take());
        }

        var name = Take();
        var (args, end) = Arguments();
        return new CallExpr(name.Text, args, new TextSpan(name.Start, end));
    }

    private AggregateExpr Aggregation()
    {
        var op = Take();
        IReadOnlyList<string>? grouping = null;
        var without = false;
        if (Peek().IsWord("by") || Peek().IsWord("without"))
        {
            without = Take().IsWord("without");
            grouping = GroupingLabels();
        }

        var open = Peek();
        var (args, end) = Arguments();
        if (grouping is null && (Peek().IsWord("by") || Peek().IsWord("without")))
        {
            without = Take().IsWord("without");
            grouping = GroupingLabels();
            end = _tokens[_index - 1].End;
        }

        var expected = WithParameter.Contains(op.Text) ? 2 : 1;
        if (args.Count == 0)
        {
            throw new PromQLException(new PromQLError(open.Start, "no arguments for aggregate expression provided", $"write {op.Text.ToLowerInvariant()}(expression)"));
        }

        if (args.Count != expected)
        {
            throw new PromQLException(new PromQLError(open.Start, $"wrong number of arguments for aggregate expression provided, expected {expected}, got {args.Count}"));
        }

        return new AggregateExpr(op.Text.ToLowerInvariant(), args, grouping, without, new TextSpan(op.Start, end));
    }

    // ( expr, expr… ) — no trailing comma, as in Prometheus.
    private (IReadOnlyList<Expr> Args, int End) Arguments()
    {
        Expect(TokenKind.LeftParen, "expected '('");
        var args = new List<Expr>();
        if (Peek().Kind != TokenKind.RightParen)
        {
            while (true)
            {
                args.Add(Expression(0));
                if (Peek().Kind != TokenKind.Comma)
                {
                    break;
                }

                var comma = Take();
                if (Peek().Kind == TokenKind.RightParen)
                {
                    throw new PromQLException(new PromQLError(comma.Start, "trailing commas not allowed in function call args", "remove the last ','"));
                }
            }
        }

        var close = Expect(TokenKind.RightParen, "expected ',' or ')'");
        return (args, close.End);
    }

    // by (a, b) / without (…) / on (…): label names, keywords included, or quoted names; a trailing comma is allowed.
    private IReadOnlyList<string> GroupingLabels()
    {
        Expect(TokenKind.LeftParen, "expected '(' and label names");
        var labels = new List<string>();
        while (Peek().Kind != TokenKind.RightParen)
        {
            var label = Peek();
            labels.Add(label.Kind switch
            {
                TokenKind.Identifier or TokenKind.MetricIdentifier => Take().Text,
                TokenKind.String => PromQLString.Unquote(Take().Text),
                _ => throw Unexpected(label, "expected a label name"),
            });
            if (Peek().Kind != TokenKind.Comma)
            {
                break;
            }

            Take();
        }

        Expect(TokenKind.RightParen, "expected ',' or ')'");
        return labels;
    }

    private static double Number(Token token)
    {
        var digits = token.Text.Replace("_", "", StringComparison.Ordinal);
        double value;
        if (digits.Length > 2 && digits[0] == '0' && digits[1] is 'x' or 'X')
        {
            value = ulong.TryParse(digits[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hex) ? hex : double.PositiveInfinity;
        }
        else if (digits.Length > 1 && digits[0] == '0' && digits.All(char.IsAsciiDigit))
        {
            // Go's base prefix rules: 0755 is octal.
            value = digits.All(c => c < '8') && digits.Length <= 22 ? Convert.ToUInt64(digits, 8) : double.Parse(digits, CultureInfo.InvariantCulture);
        }
        else
        {
            value = double.Parse(digits, NumberStyles.Float, CultureInfo.InvariantCulture);
        }

        return double.IsInfinity(value)
            ? throw new PromQLException(new PromQLError(token.Start, $"number {token.Text} is out of range"))
            : value;
    }

    private static TextSpan Span(Token token) => new(token.Start, token.End);
}
