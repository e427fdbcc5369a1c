namespace Greylane.Core.PromQL;

/// <summary>
/// Splits PromQL into tokens the way Prometheus' own lexer does (promql/parser/lex.go): keywords are identifiers,
/// inside <c>{…}</c> only label names, strings, commas and matcher operators exist, inside <c>[…]</c> only durations,
/// and <c>#</c> starts a comment to the end of the line. Lexing stops at the first error, which becomes the last token.
/// </summary>
internal sealed partial class Lexer
{
    private readonly string _text;
    private readonly bool _templates;
    private readonly List<Token> _tokens = [];
    private int _pos;
    private bool _inBraces;
    private bool _inBrackets;

    private Lexer(string text, bool templates)
    {
        _text = text;
        _templates = templates;
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

        return lexer._tokens;
    }

    // One token (or skipped space/comment); false once the end or an error is reached.
    private bool Step()
    {
        if (_pos >= _text.Length)
        {
            if (_inBraces || _inBrackets)
            {
                return Fail(_pos, _inBraces ? "unexpected end of input inside braces" : "unexpected end of input inside brackets");
            }

            Emit(TokenKind.End, _pos);
            return false;
        }

        var c = _text[_pos];
        if (c is ' ' or '\t' or '\n' or '\r')
        {
            _pos++;
            return true;
        }

        if (c == '#' && !_inBrackets)
        {
            while (_pos < _text.Length && _text[_pos] is not ('\n' or '\r'))
            {
                _pos++;
            }

            return true;
        }

        if (_templates && c == '{' && Next(1) == '{')
        {
            return Placeholder();
        }

        return _inBraces ? InsideBraces(c) : _inBrackets ? InsideBrackets(c) : Statement(c);
    }

    private bool Statement(char c)
    {
        var start = _pos++;
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
                _inBraces = true;
                return Emit(TokenKind.LeftBrace, start);
            case '}': return Fail(start, "unexpected character: '}'");
            case '[':
                _inBrackets = true;
                return Emit(TokenKind.LeftBracket, start);
            case ']': return Fail(start, "unexpected right bracket ']'");
        }

        if (IsDigit(c) || (c == '.' && IsDigit(Next(0))))
        {
            _pos = start;
            return NumberOrDuration();
        }

        if (IsAlpha(c) || c == ':')
        {
            while (_pos < _text.Length && (IsAlphaNumeric(_text[_pos]) || _text[_pos] == ':'))
            {
                _pos++;
            }

            return Emit(_text.AsSpan(start, _pos - start).Contains(':') ? TokenKind.MetricIdentifier : TokenKind.Identifier, start);
        }

        return Fail(start, $"unexpected character: {Show(c)}");
    }

    private bool InsideBraces(char c)
    {
        var start = _pos++;
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
                _inBraces = false;
                return Emit(TokenKind.RightBrace, start);
        }

        if (IsAlpha(c))
        {
            while (_pos < _text.Length && IsAlphaNumeric(_text[_pos]))
            {
                _pos++;
            }

            return Emit(TokenKind.Identifier, start);
        }

        return Fail(start, $"unexpected character inside braces: {Show(c)}");
    }

    // Prometheus allows duration arithmetic here behind a feature flag; its tokens are lexed so that the parser can
    // say plainly that only a duration is accepted.
    private bool InsideBrackets(char c)
    {
        var start = _pos++;
        switch (c)
        {
            case ':': return Emit(TokenKind.Colon, start);
            case ']':
                _inBrackets = false;
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
            _pos = start;
            return NumberOrDuration();
        }

        if (IsAlpha(c))
        {
            while (_pos < _text.Length && IsAlphaNumeric(_text[_pos]))
            {
                _pos++;
            }

            return Emit(TokenKind.Identifier, start);
        }

        return Fail(start, $"unexpected character inside brackets: {Show(c)}");
    }

    private bool Placeholder()
    {
        var close = _text.IndexOf("}}", _pos + 2, StringComparison.Ordinal);
        if (close < 0)
        {
            return Fail(_pos, "a \"{{\" is not closed");
        }

        var start = _pos;
        _pos = close + 2;
        return Emit(TokenKind.Placeholder, start);
    }

    private bool Emit(TokenKind kind, int start)
    {
        _tokens.Add(new Token(kind, start, _pos, _text[start.._pos]));
        return true;
    }

    private bool Fail(int at, string reason)
    {
        _tokens.Add(new Token(TokenKind.Error, at, Math.Max(at, _pos), reason));
        return false;
    }

    private char Next(int ahead) => _pos + ahead < _text.Length ? _text[_pos + ahead] : '\0';

    private bool Accept(char c)
    {
        if (_pos < _text.Length && _text[_pos] == c)
        {
            _pos++;
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
