namespace Greylane.Sandbox.Selectors;

/// <summary>The tokens of apimachinery's label selector lexer.</summary>
internal enum LabelToken
{
    EndOfString,
    Error,
    Identifier,
    DoesNotExist,
    Equals,
    DoubleEquals,
    NotEquals,
    In,
    NotIn,
    OpenPar,
    ClosedPar,
    Comma,
    GreaterThan,
    LessThan,
}

/// <summary>Splits a label selector into tokens the way apimachinery's <c>labels.Lexer</c> does.</summary>
internal static class LabelSelectorLexer
{
    private static readonly Dictionary<string, LabelToken> Symbols = new(StringComparer.Ordinal)
    {
        [")"] = LabelToken.ClosedPar,
        [","] = LabelToken.Comma,
        ["!"] = LabelToken.DoesNotExist,
        ["=="] = LabelToken.DoubleEquals,
        ["="] = LabelToken.Equals,
        [">"] = LabelToken.GreaterThan,
        ["<"] = LabelToken.LessThan,
        ["!="] = LabelToken.NotEquals,
        ["("] = LabelToken.OpenPar,
    };

    /// <summary>All tokens, ending with <see cref="LabelToken.EndOfString"/>.</summary>
    public static List<(LabelToken Token, string Literal)> Tokenize(string text)
    {
        var tokens = new List<(LabelToken, string)>();
        var pos = 0;
        while (true)
        {
            while (pos < text.Length && IsWhiteSpace(text[pos]))
                pos++;
            if (pos >= text.Length)
            {
                tokens.Add((LabelToken.EndOfString, ""));
                return tokens;
            }

            var start = pos;
            if (IsSpecial(text[pos]))
            {
                // Longest run of symbol characters that still forms a known operator, as scanSpecialSymbol does.
                var matched = (LabelToken.Error, "");
                while (pos < text.Length && IsSpecial(text[pos]) && Symbols.TryGetValue(text[start..(pos + 1)], out var token))
                {
                    matched = (token, text[start..(pos + 1)]);
                    pos++;
                }

                if (matched.Item1 == LabelToken.Error)
                {
                    tokens.Add((LabelToken.Error, $"error expected: keyword found '{text[start]}'"));
                    return tokens;
                }

                tokens.Add(matched);
                continue;
            }

            while (pos < text.Length && !IsWhiteSpace(text[pos]) && !IsSpecial(text[pos]))
                pos++;
            var word = text[start..pos];
            tokens.Add((word switch { "in" => LabelToken.In, "notin" => LabelToken.NotIn, _ => LabelToken.Identifier }, word));
        }
    }

    private static bool IsWhiteSpace(char c) => c is ' ' or '\t' or '\r' or '\n';

    private static bool IsSpecial(char c) => c is '=' or '!' or '(' or ')' or ',' or '>' or '<';
}
