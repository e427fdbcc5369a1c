namespace Greylane.Core.PromQL;

/// <summary>
/// Parses PromQL at the selector level, following Prometheus' grammar (promql/parser/generated_parser.y): selectors and
/// matchers, range selectors and subqueries, <c>offset</c> and <c>@</c>, function calls, aggregations, binary operators
/// with Prometheus' precedence and modifiers, unary signs, parentheses and comments. It checks what the grammar and
/// Prometheus' structural rules say; what needs types (function names and argument types, scalar-only operators) is
/// left to Prometheus, which refuses such queries with <c>bad_data</c> when they are sent.
/// </summary>
internal sealed partial class PromQLParser
{
    // Lowest to highest, as Prometheus declares them; ^ is right-associative, unary signs bind like *.
    private const int PowPrecedence = 6;

    // The parser recurses once per nesting level; a bound keeps a hostile query from overflowing the stack, which
    // would end the process rather than refuse the query. No real query nests this deep.
    private const int MaxDepth = 200;

    private readonly IReadOnlyList<Token> _tokens;
    private int _index;
    private int _depth;

    private PromQLParser(string text) => _tokens = Lexer.Tokenize(text);

    /// <summary>The expression <paramref name="text"/> holds; throws <see cref="PromQLException"/> saying where and why it is not valid PromQL.</summary>
    public static Expr Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var parser = new PromQLParser(text);
        if (parser.Peek().Kind == TokenKind.End)
        {
            throw new PromQLException(new PromQLError(0, "no expression found in input", "write a PromQL query"));
        }

        var expr = parser.Expression(0);
        var next = parser.Peek();
        if (next.Kind != TokenKind.End)
        {
            throw parser.Unexpected(next, next.Kind == TokenKind.RightParen ? "no '(' is open here" : "expected an operator or the end of the query");
        }

        SelectorRules.Check(expr);
        return expr;
    }

    /// <summary><see cref="Parse"/> without the exception: the expression, or null and the error.</summary>
    public static Expr? TryParse(string text, out PromQLError? error)
    {
        try
        {
            error = null;
            return Parse(text);
        }
        catch (PromQLException e)
        {
            error = e.Error;
            return null;
        }
    }

    private Expr Expression(int minPrecedence)
    {
        if (++_depth > MaxDepth)
        {
            throw new PromQLException(new PromQLError(Peek().Start, $"the query nests deeper than {MaxDepth} levels", "write it with less nesting"));
        }

        var left = Unary();
        while (BinaryOperator(Peek()) is { } op && Precedence(op) >= minPrecedence)
        {
            Take();
            var returnBool = false;
            if (Peek().IsWord("bool"))
            {
                var boolToken = Take();
                returnBool = op is "==" or "!=" or "<" or "<=" or ">" or ">="
                    ? true
                    : throw new PromQLException(new PromQLError(boolToken.Start, "bool modifier can only be used on comparison operators", $"remove bool after '{op}'"));
            }

            var matching = Matching(op);
            var right = Expression(op == "^" ? PowPrecedence : Precedence(op) + 1);
            left = new BinaryExpr(op, left, right, new TextSpan(left.Span.Start, right.Span.End)) { ReturnBool = returnBool, Matching = matching };
        }

        _depth--;
        return left;
    }

    private Expr Unary()
    {
        if (Peek().Kind is not (TokenKind.Add or TokenKind.Sub))
        {
            return Postfix(Primary());
        }

        var sign = Take();
        var operand = Expression(PowPrecedence);
        var span = new TextSpan(sign.Start, operand.Span.End);
        return operand switch
        {
            NumberLiteral number => new NumberLiteral(sign.Kind == TokenKind.Sub ? -number.Value : number.Value, span),
            _ => new UnaryExpr(sign.Kind == TokenKind.Sub ? '-' : '+', operand, span),
        };
    }

    // on(…)/ignoring(…) with group_left/group_right; set operators take no grouping, and a label may not be in both lists.
    private VectorMatching? Matching(string op)
    {
        if (!Peek().IsWord("on") && !Peek().IsWord("ignoring"))
        {
            return null;
        }

        var on = Take().IsWord("on");
        var labels = GroupingLabels();
        if (!Peek().IsWord("group_left") && !Peek().IsWord("group_right"))
        {
            return new VectorMatching(on, labels, null, []);
        }

        var group = Take();
        if (op is "and" or "or" or "unless")
        {
            throw new PromQLException(new PromQLError(group.Start, $"no grouping allowed for \"{op}\" operation", $"remove {group.Text.ToLowerInvariant()}"));
        }

        var include = Peek().Kind == TokenKind.LeftParen ? GroupingLabels() : [];
        if (on && include.FirstOrDefault(labels.Contains) is { } both)
        {
            throw new PromQLException(new PromQLError(group.Start, $"label \"{both}\" must not occur in ON and GROUP clause at once", "name it in one of them"));
        }

        return new VectorMatching(on, labels, group.Text[6..].ToLowerInvariant(), include);
    }

    private static string? BinaryOperator(Token token) => token.Kind switch
    {
        TokenKind.Add => "+",
        TokenKind.Sub => "-",
        TokenKind.Mul => "*",
        TokenKind.Div => "/",
        TokenKind.Mod => "%",
        TokenKind.Pow => "^",
        TokenKind.Equal => "==",
        TokenKind.NotEqual => "!=",
        TokenKind.Less => "<",
        TokenKind.LessOrEqual => "<=",
        TokenKind.Greater => ">",
        TokenKind.GreaterOrEqual => ">=",
        TokenKind.Identifier when token.Text.ToLowerInvariant() is "and" or "or" or "unless" or "atan2" => token.Text.ToLowerInvariant(),
        _ => null,
    };

    private static int Precedence(string op) => op switch
    {
        "or" => 1,
        "and" or "unless" => 2,
        "==" or "!=" or "<" or "<=" or ">" or ">=" => 3,
        "+" or "-" => 4,
        "*" or "/" or "%" or "atan2" => 5,
        _ => PowPrecedence,
    };

    private Token Peek(int ahead = 0) => _tokens[Math.Min(_index + ahead, _tokens.Count - 1)];

    private Token Take()
    {
        var token = Peek();
        if (token.Kind == TokenKind.Error)
        {
            throw new PromQLException(new PromQLError(token.Start, token.Text));
        }

        if (_index < _tokens.Count - 1)
        {
            _index++;
        }

        return token;
    }

    private Token Expect(TokenKind kind, string expected) => Peek().Kind == kind ? Take() : throw Unexpected(Peek(), expected);

    private PromQLException Unexpected(Token token, string expected) => token.Kind == TokenKind.Error
        ? new PromQLException(new PromQLError(token.Start, token.Text))
        : new PromQLException(new PromQLError(token.Start, $"unexpected {token.Describe()}", expected));
}
