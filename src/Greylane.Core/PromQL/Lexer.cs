namespace Greylane.Core.PromQL;

/// <summary>
/// Splits PromQL into tokens the way Prometheus' own lexer does (promql/parser/lex.go): keywords are identifiers,
/// inside <c>{…}</c> only label names, strings, commas and matcher operators exist, inside <c>[…]</c> only durations,
/// and <c>#</c> starts a comment to the end of the line. Lexing stops at the first error, which becomes the last token.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string text;
    private readonly bool templates;
    private readonly List<Token> tokens = [];
    private int pos;
    private bool inBraces;
    private bool inBrackets;

    private Lexer(string text, bool templates)
    {
        this.text = text;
        this.templates = templates;
    }

    /// <summary>
    /// The tokens of <paramref name="text"/>, ending with <see cref="TokenKind.End"/> or <see cref="TokenKind.Error"/>.
    /// With <paramref name="templates"/>, a <c>{{variable}}</c> outside strings is one <see cref="TokenKind.Placeholder"/>.
    /// </summary>
    public static IReadOnlyList<Token> Tokenize(string text, bool templates = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        var lexer = new Lexer(text, templates);
        while (lexer.Step())
        {
        }

        return lexer.tokens;
    }

    // One token (or skipped space/comment); false once the end or an error is reached.
    private bool Step()
    {
        if (pos >= text.Length)
        {
            if (inBraces || inBrackets)
            {
                return Fail(pos, inBraces ? "unexpected end of input inside braces" : "unexpected end of input inside brackets");
            }

            Emit(TokenKind.End, pos);
            return false;
        }

        var c = text[pos];
        if (c is ' ' or '\t' or '\n' or '\r')
        {
            pos++;
            return true;
        }

        if (c == '#' && !inBrackets)
        {
            while (pos < text.Length && text[pos] is not ('\n' or '\r'))
            {
                pos++;
            }

            return true;
        }

        if (templates && c == '{' && Next(1) == '{')
        {
            return Placeholder();
        }

        return inBraces ? InsideBraces(c) : inBrackets ? InsideBrackets(c) : Statement(c);
    }

    private bool Statement(char c)
    {
        var start = pos++;
        switch (c)
        {
            case ',': return Emit(TokenKind.Comma, start);
            case '*': return Emit(TokenKind.Mul, start);
            case '/': return Emit(TokenKind.Div, start);
            case '%': return Emit(TokenKind.Mod, start);
            case '+': return Emit(TokenKind.Add, start);
            case '-': return Emit(TokenKind.Sub, start);
            case '^': return Emit(TokenKind.Pow, start);
            case '@': return Emit(TokenKind.At, start);
            case '(': return Emit(TokenKind.LeftParen, start);
            case ')': return Emit(TokenKind.RightParen, start);
            case '=' when Accept('='): return Emit(TokenKind.Equal, start);
            case '=' when Next(0) == '~': return Fail(start, "unexpected character after '=': '~' (=~ matches labels inside braces only)");
            case '=': return Emit(TokenKind.Assign, start);
            case '!' when Accept('='): return Emit(TokenKind.NotEqual, start);
            case '!': return Fail(start, $"unexpected character after '!': {Show(Next(0))}");
            case '<': return Emit(Accept('=') ? TokenKind.LessOrEqual : TokenKind.Less, start);
            case '>': return Emit(Accept('=') ? TokenKind.GreaterOrEqual : TokenKind.Greater, start);
            case '"' or '\'': return QuotedString(start, c);
            case '`': return RawString(start);
            case '{':
                inBraces = true;
                return Emit(TokenKind.LeftBrace, start);
            case '}': return Fail(start, "unexpected character: '}'");
            case '[':
                inBrackets = true;
                return Emit(TokenKind.LeftBracket, start);
            case ']': return Fail(start, "unexpected right bracket ']'");
        }

        if (IsDigit(c) || (c == '.' && IsDigit(Next(0))))
        {
            pos = start;
            return NumberOrDuration();
        }

        if (IsAlpha(c) || c == ':')
        {
            while (pos < text.Length && (IsAlphaNumeric(text[pos]) || text[pos] == ':'))
            {
                pos++;
            }

            return Emit(text.AsSpan(start, pos - start).Contains(':') ? TokenKind.MetricIdentifier : TokenKind.Identifier, start);
        }

        return Fail(start, $"unexpected character: {Show(c)}");
    }

    private bool InsideBraces(char c)
    {
        var start = pos++;
        switch (c)
        {
            case ',': return Emit(TokenKind.Comma, start);
            case '"' or '\'': return QuotedString(start, c);
            case '`': return RawString(start);
            case '=': return Emit(Accept('~') ? TokenKind.RegexMatch : TokenKind.Assign, start);
            case '!' when Accept('~'): return Emit(TokenKind.RegexNoMatch, start);
            case '!' when Accept('='): return Emit(TokenKind.NotEqual, start);
            case '!': return Fail(start, $"unexpected character after '!' inside braces: {Show(Next(0))}");
            case '{': return Fail(start, "unexpected left brace '{'");
            case '}':
                inBraces = false;
                return Emit(TokenKind.RightBrace, start);
        }

        if (IsAlpha(c))
        {
            while (pos < text.Length && IsAlphaNumeric(text[pos]))
            {
                pos++;
            }

            return Emit(TokenKind.Identifier, start);
        }

        return Fail(start, $"unexpected character inside braces: {Show(c)}");
    }

    // Prometheus allows duration arithmetic here behind a feature flag; its tokens are lexed so that the parser can
    // say plainly that only a duration is accepted.
    private bool InsideBrackets(char c)
    {
        var start = pos++;
        switch (c)
        {
            case ':': return Emit(TokenKind.Colon, start);
            case ']':
                inBrackets = false;
                return Emit(TokenKind.RightBracket, start);
            case '[': return Fail(start, "unexpected left bracket '['");
            case '(': return Emit(TokenKind.LeftParen, start);
            case ')': return Emit(TokenKind.RightParen, start);
            case '+': return Emit(TokenKind.Add, start);
            case '-': return Emit(TokenKind.Sub, start);
            case '*': return Emit(TokenKind.Mul, start);
            case '/': return Emit(TokenKind.Div, start);
            case '%': return Emit(TokenKind.Mod, start);
            case '^': return Emit(TokenKind.Pow, start);
            case ',': return Emit(TokenKind.Comma, start);
        }

        if (IsDigit(c) || (c == '.' && IsDigit(Next(0))))
        {
            pos = start;
            return NumberOrDuration();
        }

        if (IsAlpha(c))
        {
            while (pos < text.Length && IsAlphaNumeric(text[pos]))
            {
                pos++;
            }

            return Emit(TokenKind.Identifier, start);
        }

        return Fail(start, $"unexpected character inside brackets: {Show(c)}");
    }

    private bool Placeholder()
    {
        var close = text.IndexOf("}}", pos + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            return Fail(pos, "a \"{{\" is not closed");
        }

        var start = pos;
        pos = close + 2;
        return Emit(TokenKind.Placeholder, start);
    }

    private bool Emit(TokenKind kind, int start)
    {
        tokens.Add(new Token(kind, start, pos, text[start..pos]));
        return true;
    }

    private bool Fail(int at, string reason)
    {
        tokens.Add(new Token(TokenKind.Error, at, Math.Max(at, pos), reason));
        return false;
    }

    private char Next(int ahead) => pos + ahead < text.Length ? text[pos + ahead] : '\0';

    private bool Accept(char c)
    {
        if (pos < text.Length && text[pos] == c)
        {
            pos++;
            return true;
        }

        return false;
    }

    private static string Show(char c) => c == '\0' ? "end of input" : $"'{c}'";

    private static bool IsDigit(char c) => c is >= '0' and <= '9';

    // PromQL's letters are ASCII only (prometheus/prometheus#939).
    private static bool IsAlpha(char c) => c is '_' or (>= 'a' and <= 'z') or (>= 'A' and <= 'Z');

    private static bool IsAlphaNumeric(char c) => IsAlpha(c) || IsDigit(c);
}
