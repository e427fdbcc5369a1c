namespace Greylane.Sandbox.Selectors;

/// <summary>apimachinery's <c>labels.Parser</c>: the same grammar, the same error wording.</summary>
internal sealed class LabelSelectorParser(string text)
{
    private const string BinaryOperators = "in, notin, =, ==, !=, gt, lt";

    private readonly List<(LabelToken Token, string Literal)> _tokens = LabelSelectorLexer.Tokenize(text);
    private int _position;

    public List<LabelRequirement> Parse()
    {
        var requirements = new List<LabelRequirement>();
        while (true)
        {
            var (token, literal) = Lookahead(values: true);
            switch (token)
            {
                case LabelToken.Identifier or LabelToken.DoesNotExist:
                    try
                    {
                        requirements.Add(ParseRequirement());
                    }
                    catch (FormatException e)
                    {
                        throw new FormatException($"unable to parse requirement: {e.Message}", e);
                    }

                    var (next, nextLiteral) = Consume(values: true);
                    switch (next)
                    {
                        case LabelToken.EndOfString:
                            return requirements;
                        case LabelToken.Comma:
                            var (after, afterLiteral) = Lookahead(values: true);
                            if (after is not (LabelToken.Identifier or LabelToken.DoesNotExist))
                                throw new FormatException($"found '{afterLiteral}', expected: identifier after ','");
                            break;
                        default:
                            throw new FormatException($"found '{nextLiteral}', expected: ',' or 'end of string'");
                    }

                    break;
                case LabelToken.EndOfString:
                    return requirements;
                default:
                    throw new FormatException($"found '{literal}', expected: !, identifier, or 'end of string'");
            }
        }
    }

    private LabelRequirement ParseRequirement()
    {
        var op = (SelectorOperator?)null;
        var (token, key) = Consume(values: true);
        if (token == LabelToken.DoesNotExist)
        {
            op = SelectorOperator.DoesNotExist;
            (token, key) = Consume(values: true);
        }

        if (token != LabelToken.Identifier)
            throw new FormatException($"found '{key}', expected: identifier");
        LabelSyntax.ValidateKey(key);
        // "!key" is complete on its own; whatever follows is the caller's problem, as in apimachinery.
        if (op is not null || Lookahead(values: true).Token is LabelToken.EndOfString or LabelToken.Comma)
            return LabelSelector.Requirement(key, op ?? SelectorOperator.Exists, []);

        var (opToken, opLiteral) = Consume(values: false);
        var binary = opToken switch
        {
            LabelToken.In => SelectorOperator.In,
            LabelToken.NotIn => SelectorOperator.NotIn,
            LabelToken.Equals => SelectorOperator.Equals,
            LabelToken.DoubleEquals => SelectorOperator.DoubleEquals,
            LabelToken.NotEquals => SelectorOperator.NotEquals,
            LabelToken.GreaterThan => SelectorOperator.GreaterThan,
            LabelToken.LessThan => SelectorOperator.LessThan,
            _ => throw new FormatException($"found '{opLiteral}', expected: {BinaryOperators}"),
        };
        var values = binary is SelectorOperator.In or SelectorOperator.NotIn ? ParseValues() : ParseExactValue();
        return LabelSelector.Requirement(key, binary, values);
    }

    private SortedSet<string> ParseValues()
    {
        var (token, literal) = Consume(values: true);
        if (token != LabelToken.OpenPar)
            throw new FormatException($"found '{literal}' expected: '('");
        (token, literal) = Lookahead(values: true);
        switch (token)
        {
            case LabelToken.Identifier or LabelToken.Comma:
                var set = ParseIdentifierList();
                if (Consume(values: true).Token != LabelToken.ClosedPar)
                    throw new FormatException($"found '{literal}', expected: ')'");
                return set;
            case LabelToken.ClosedPar:
                Consume(values: true);
                return new SortedSet<string>(StringComparer.Ordinal) { "" };
            default:
                throw new FormatException($"found '{literal}', expected: ',', ')' or identifier");
        }
    }

    private SortedSet<string> ParseIdentifierList()
    {
        var set = new SortedSet<string>(StringComparer.Ordinal);
        while (true)
        {
            var (token, literal) = Consume(values: true);
            switch (token)
            {
                case LabelToken.Identifier:
                    set.Add(literal);
                    var (next, nextLiteral) = Lookahead(values: true);
                    if (next == LabelToken.ClosedPar)
                        return set;
                    if (next != LabelToken.Comma)
                        throw new FormatException($"found '{nextLiteral}', expected: ',' or ')'");
                    break;
                case LabelToken.Comma:
                    // "(,", ",)" and ",," each stand for an empty value, as in apimachinery.
                    if (set.Count == 0)
                        set.Add("");
                    var following = Lookahead(values: true).Token;
                    if (following == LabelToken.ClosedPar)
                    {
                        set.Add("");
                        return set;
                    }

                    if (following == LabelToken.Comma)
                    {
                        Consume(values: true);
                        set.Add("");
                    }

                    break;
                default:
                    throw new FormatException($"found '{literal}', expected: ',', or identifier");
            }
        }
    }

    private SortedSet<string> ParseExactValue()
    {
        if (Lookahead(values: true).Token is LabelToken.EndOfString or LabelToken.Comma)
            return new SortedSet<string>(StringComparer.Ordinal) { "" };
        var (token, literal) = Consume(values: true);
        return token == LabelToken.Identifier
            ? new SortedSet<string>(StringComparer.Ordinal) { literal }
            : throw new FormatException($"found '{literal}', expected: identifier");
    }

    // In a value position the keywords "in" and "notin" are plain identifiers.
    private (LabelToken Token, string Literal) Lookahead(bool values)
    {
        var (token, literal) = _tokens[Math.Min(_position, _tokens.Count - 1)];
        if (token == LabelToken.Error)
            throw new FormatException(literal);
        return values && token is LabelToken.In or LabelToken.NotIn ? (LabelToken.Identifier, literal) : (token, literal);
    }

    private (LabelToken Token, string Literal) Consume(bool values)
    {
        var result = Lookahead(values);
        _position++;
        return result;
    }
}
