using System.Globalization;

namespace Greylane.Core.PromQL;

/// <summary>What may follow an expression: a range <c>[5m]</c>, a subquery <c>[5m:1m]</c>, <c>offset</c> and <c>@</c>.</summary>
internal sealed partial class PromQLParser
{
    private const string DurationExpected = "expected a duration such as 5m or a number of seconds (duration expressions are not supported)";

    private Expr Postfix(Expr expr)
    {
        while (true)
        {
            var next = Peek();
            if (next.Kind == TokenKind.LeftBracket)
            {
                expr = RangeOrSubquery(expr);
            }
            else if (next.IsWord("offset"))
            {
                expr = Offset(expr);
            }
            else if (next.Kind == TokenKind.At)
            {
                expr = At(expr);
            }
            else
            {
                return expr;
            }
        }
    }

    private Expr RangeOrSubquery(Expr expr)
    {
        var open = Take();
        var range = PositiveDuration();
        if (Peek().Kind == TokenKind.Colon)
        {
            Take();
            TimeSpan? step = Peek().Kind == TokenKind.RightBracket ? null : PositiveDuration();
            var end = Expect(TokenKind.RightBracket, "expected ']' to close the subquery").End;
            return expr is MatrixSelector or SubqueryExpr
                ? throw new PromQLException(new PromQLError(open.Start, "subquery is only allowed on instant vector, got range vector instead", "a subquery needs an instant vector, e.g. rate(x[5m])[1h:1m]"))
                : new SubqueryExpr(expr, range, step, new TextSpan(expr.Span.Start, end));
        }

        var close = Expect(TokenKind.RightBracket, "expected ':' or ']'");
        return expr switch
        {
            VectorSelector { Offset: not null } => throw new PromQLException(new PromQLError(open.Start, "no offset modifiers allowed before range", "write the range first: x[5m] offset 1m")),
            VectorSelector { At: not null } => throw new PromQLException(new PromQLError(open.Start, "no @ modifiers allowed before range", "write the range first: x[5m] @ 1700000000")),
            VectorSelector selector => new MatrixSelector(selector, range, new TextSpan(selector.Span.Start, close.End)),
            _ => throw new PromQLException(new PromQLError(open.Start, "ranges only allowed for vector selectors", "use a subquery [5m:] for other expressions")),
        };
    }

    private Expr Offset(Expr expr)
    {
        var keyword = Take();
        var negative = false;
        if (Peek().Kind is TokenKind.Sub or TokenKind.Add)
        {
            negative = Take().Kind == TokenKind.Sub;
        }

        var offset = Duration(DurationToken());
        offset = negative ? -offset : offset;
        return expr switch
        {
            VectorSelector { Offset: null } v => v with { Offset = offset },
            MatrixSelector { Selector.Offset: null } m => m with { Selector = m.Selector with { Offset = offset } },
            SubqueryExpr { Offset: null } s => s with { Offset = offset },
            VectorSelector or MatrixSelector or SubqueryExpr => throw new PromQLException(new PromQLError(keyword.Start, "offset may not be set multiple times", "keep one offset")),
            _ => throw new PromQLException(new PromQLError(keyword.Start, "offset modifier must be preceded by an instant vector selector or range vector selector or a subquery")),
        };
    }

    private Expr At(Expr expr)
    {
        var at = Take();
        string written;
        if (Peek().IsWord("start") || Peek().IsWord("end"))
        {
            var word = Take();
            Expect(TokenKind.LeftParen, "expected '('");
            Expect(TokenKind.RightParen, "expected ')'");
            written = word.Text.ToLowerInvariant() + "()";
        }
        else
        {
            var sign = Peek().Kind is TokenKind.Sub or TokenKind.Add ? Take().Text : "";
            var time = Peek();
            var seconds = time.Kind switch
            {
                TokenKind.Number => Number(Take()),
                TokenKind.Duration => Duration(Take()).TotalSeconds,
                TokenKind.Identifier when time.IsWord("inf") || time.IsWord("nan") => double.NaN,
                _ => throw Unexpected(time, "expected a Unix timestamp, start() or end()"),
            };
            if (!double.IsFinite(seconds))
            {
                throw new PromQLException(new PromQLError(time.Start, $"timestamp out of bounds for @ modifier: {sign}{time.Text}"));
            }

            written = sign + time.Text;
        }

        return expr switch
        {
            VectorSelector { At: null } v => v with { At = written },
            MatrixSelector { Selector.At: null } m => m with { Selector = m.Selector with { At = written } },
            SubqueryExpr { At: null } s => s with { At = written },
            VectorSelector or MatrixSelector or SubqueryExpr => throw new PromQLException(new PromQLError(at.Start, "@ <timestamp> may not be set multiple times", "keep one @")),
            _ => throw new PromQLException(new PromQLError(at.Start, "@ modifier must be preceded by an instant vector selector or range vector selector or a subquery")),
        };
    }

    private TimeSpan PositiveDuration()
    {
        var token = Peek();
        var value = Duration(DurationToken());
        return value > TimeSpan.Zero
            ? value
            : throw new PromQLException(new PromQLError(token.Start, "duration must be greater than 0", "use e.g. 5m"));
    }

    private Token DurationToken() =>
        Peek().Kind is TokenKind.Duration or TokenKind.Number ? Take() : throw Unexpected(Peek(), DurationExpected);

    // A duration token (5m) or a number of seconds (300, 4.5).
    private static TimeSpan Duration(Token token)
    {
        if (token.Kind == TokenKind.Duration)
        {
            return PromDuration.TryParse(token.Text, out var duration)
                ? duration
                : throw new PromQLException(new PromQLError(token.Start, $"not a valid duration string: \"{token.Text}\"", "write whole numbers with units from y down to ms, largest first, e.g. 1h30m"));
        }

        // Prometheus keeps durations in Go's time.Duration: nanoseconds in 64 bits, about 292 years.
        var seconds = Number(token);
        return Math.Abs(seconds) < 9.2e9
            ? TimeSpan.FromSeconds(seconds)
            : throw new PromQLException(new PromQLError(token.Start, string.Create(CultureInfo.InvariantCulture, $"duration {token.Text} is out of range")));
    }
}
