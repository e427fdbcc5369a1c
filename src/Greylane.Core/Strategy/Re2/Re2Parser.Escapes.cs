namespace Greylane.Core.Strategy.Re2;

/// <summary>Escapes outside classes: anchors, <c>\Q…\E</c>, Perl and Unicode classes, and single characters.</summary>
internal sealed partial class Re2Parser
{
    private Re2Size? Escape()
    {
        var start = _pos;
        if (_pos + 1 >= _pattern.Length)
        {
            throw Invalid("trailing \\", start);
        }

        switch (_pattern[_pos + 1])
        {
            case 'b' or 'B' or 'A' or 'z':
                _pos += 2;
                return Re2Size.Of(1);
            case 'C':
                throw Unsupported("\\C (any single byte)", start, "use . to match one character", why: "istiod's validation (Go regexp) refuses");
            case 'Q':
                return Quoted();
            case 'p' or 'P':
                var named = new Re2CharClass();
                UnicodeClass(named);
                return named.Size();
            case 'd' or 's' or 'w' or 'D' or 'S' or 'W':
                var perl = new Re2CharClass();
                PerlClass(perl);
                return perl.Size();
            case 'Z' or 'G':
                throw Unsupported($"the anchor \"\\{_pattern[_pos + 1]}\"", start, _pattern[_pos + 1] == 'Z' ? "use \\z or $ instead" : null);
            case 'k' when Peek(2) is '<' or '\'' or '{':
                throw Unsupported($"a named backreference \"{_pattern[start..(_pos + 3)]}\"", start);
            case >= '1' and <= '9' when Peek(2) is not (>= '0' and <= '7') || _pattern[_pos + 1] > '7':
                throw Unsupported($"a backreference \"\\{_pattern[_pos + 1]}\"", start);
            default:
                return Literal(EscapedRune());
        }
    }

    // \Q…\E: everything up to \E (or the end) is literal; "\Q\E" is nothing at all.
    private Re2Size? Quoted()
    {
        _pos += 2;
        Re2Size? size = null;
        while (_pos < _pattern.Length && !At("\\E"))
        {
            size = (size ?? Re2Size.Empty).And(Literal(NextRune()));
        }

        if (At("\\E"))
        {
            _pos += 2;
        }

        return size;
    }

    /// <summary>One escaped character as RE2's ParseEscape reads it (octal, \x, C escapes, escaped punctuation).</summary>
    private int EscapedRune()
    {
        var start = _pos;
        if (_pos + 1 >= _pattern.Length)
        {
            throw Invalid("trailing \\", start);
        }

        _pos++; // the backslash
        var c = NextRune();
        if (c < 0x80 && !char.IsAsciiLetterOrDigit((char)c))
        {
            return c; // escaped punctuation is itself
        }

        switch (c)
        {
            case >= '1' and <= '7' when Peek() is >= '0' and <= '7':
            case '0':
                var code = c - '0';
                for (var digits = 0; digits < 2 && Peek() is >= '0' and <= '7'; digits++)
                {
                    code = (code * 8) + _pattern[_pos++] - '0';
                }

                return code;
            case 'x':
                return Hex(start);
            case 'n':
                return '\n';
            case 'r':
                return '\r';
            case 't':
                return '\t';
            case 'a':
                return '\a';
            case 'f':
                return '\f';
            case 'v':
                return '\v';
            case 'u' or 'U':
                throw Unsupported($"the escape \"{_pattern[start.._pos]}\"", start, "write \\x{263A} for the character U+263A");
            default:
                throw Invalid($"invalid escape sequence \"{_pattern[start.._pos]}\"", start);
        }
    }

    private int Hex(int start)
    {
        if (_pos >= _pattern.Length)
        {
            throw Invalid("invalid escape sequence \"\\x\"", start);
        }

        if (_pattern[_pos] != '{')
        {
            if (_pos + 1 >= _pattern.Length || !char.IsAsciiHexDigit(_pattern[_pos]) || !char.IsAsciiHexDigit(_pattern[_pos + 1]))
            {
                throw Invalid($"invalid escape sequence \"{_pattern[start..Math.Min(_pattern.Length, _pos + 2)]}\"", start);
            }

            _pos += 2;
            return Convert.ToInt32(_pattern[(_pos - 2).._pos], 16);
        }

        _pos++;
        var value = 0;
        var digits = 0;
        while (_pos < _pattern.Length && char.IsAsciiHexDigit(_pattern[_pos]))
        {
            value = (value * 16) + Convert.ToInt32(_pattern[_pos].ToString(), 16);
            digits++;
            _pos++;
            if (value > 0x10FFFF)
            {
                throw Invalid($"invalid escape sequence \"{_pattern[start.._pos]}\"", start, "write code points up to \\x{10FFFF}");
            }
        }

        if (digits == 0 || Peek() != '}')
        {
            throw Invalid($"invalid escape sequence \"{_pattern[start..Math.Min(_pattern.Length, _pos + 1)]}\"", start);
        }

        _pos++;
        return value;
    }
}
