namespace Greylane.Core.PromQL;

/// <summary>Numbers, durations and strings, lexed as Prometheus does (its scanNumber, lexEscape and raw strings).</summary>
internal sealed partial class Lexer
{
    private const string Decimal = "0123456789";
    private const string Hex = "0123456789abcdefABCDEF";

    private bool NumberOrDuration()
    {
        var start = _pos;
        if (ScanNumber())
        {
            return Emit(TokenKind.Number, start);
        }

        // A number followed by a unit: 5m, 1h30m, 1.5m (the last refused when the duration is read).
        if (AcceptAny("smhdwy"))
        {
            AcceptAny("s");
            var valid = true;
            while (valid && AcceptAny(Decimal))
            {
                while (AcceptAny(Decimal))
                {
                }

                valid = AcceptAny("smhdw");
                AcceptAny("s");
            }

            if (valid && !IsAlphaNumeric(Next(0)))
            {
                return Emit(TokenKind.Duration, start);
            }

            if (valid && _pos < _text.Length)
            {
                _pos++; // the letter that spoils it is part of what is shown, as Prometheus shows it
            }
        }

        return Fail(start, $"bad number or duration syntax: \"{_text[start.._pos]}\"");
    }

    // Decimal, hexadecimal and exponent forms with '_' between digits, as Prometheus' scanNumber accepts them.
    private bool ScanNumber()
    {
        var initial = _pos;
        var digits = Decimal;
        if (AcceptAny("0") && AcceptAny("xX"))
        {
            AcceptAny("_");
            digits = Hex;
        }

        AcceptAny(".");
        AcceptAny(digits);
        var dot = false;
        var exponent = false;
        while (_pos < _text.Length && (digits + "._eE").Contains(_text[_pos], StringComparison.Ordinal))
        {
            if ((_text[_pos] == '.' && dot) || (_text[_pos] is 'e' or 'E' && exponent))
            {
                _pos++;
                return false;
            }

            if (AcceptAny("."))
            {
                dot = true;
                if (AcceptAny("_.") || digits == Hex)
                {
                    return false;
                }
            }
            else if (AcceptAny("eE"))
            {
                exponent = true;
                AcceptAny("+-");
                if (AcceptAny("._eE") || _pos >= _text.Length)
                {
                    return false;
                }
            }
            else if (AcceptAny("_"))
            {
                if (AcceptAny("._eE") || _pos >= _text.Length)
                {
                    return false;
                }
            }
            else
            {
                while (AcceptAny(digits))
                {
                }
            }
        }

        return _pos != initial && !IsAlphaNumeric(Next(0));
    }

    private bool QuotedString(int start, char quote)
    {
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n')
            {
                return Fail(start, "unterminated quoted string");
            }

            var c = _text[_pos++];
            if (c == quote)
            {
                return Emit(TokenKind.String, start);
            }

            if (c == '\\' && Escape(quote) is { } problem)
            {
                return Fail(_pos - 1, problem);
            }

            if (char.IsSurrogate(c) && !ValidSurrogatePair(c))
            {
                return Fail(_pos - 1, "invalid UTF-8 rune");
            }
        }
    }

    private bool RawString(int start)
    {
        while (true)
        {
            if (_pos >= _text.Length)
            {
                return Fail(start, "unterminated raw string");
            }

            var c = _text[_pos++];
            if (c == '`')
            {
                return Emit(TokenKind.String, start);
            }

            if (char.IsSurrogate(c) && !ValidSurrogatePair(c))
            {
                return Fail(_pos - 1, "invalid UTF-8 rune");
            }
        }
    }

    // After a backslash: the escapes Go string literals know (what Prometheus accepts), or the reason it is not one.
    private string? Escape(char quote)
    {
        if (_pos >= _text.Length)
        {
            return "escape sequence not terminated";
        }

        var c = _text[_pos++];
        var (count, radix, max) = c switch
        {
            'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\' => (0, 0, 0),
            _ when c == quote => (0, 0, 0),
            >= '0' and <= '7' => (3, 8, 255),
            'x' => (2, 16, 255),
            'u' => (4, 16, 0x10FFFF),
            'U' => (8, 16, 0x10FFFF),
            _ => (-1, 0, 0),
        };
        if (count < 0)
        {
            return $"unknown escape sequence {CodePoint(c)}";
        }

        if (radix == 8)
        {
            _pos--;
        }

        var value = 0L;
        for (var i = 0; i < count; i++)
        {
            if (_pos >= _text.Length)
            {
                return "escape sequence not terminated";
            }

            var digit = DigitValue(_text[_pos]);
            if (digit >= radix)
            {
                return $"illegal character {CodePoint(_text[_pos])} in escape sequence";
            }

            value = (value * radix) + digit;
            _pos++;
        }

        return value > max || value is >= 0xD800 and < 0xE000 ? "escape sequence is an invalid Unicode code point" : null;
    }

    private bool ValidSurrogatePair(char c)
    {
        if (char.IsHighSurrogate(c) && _pos < _text.Length && char.IsLowSurrogate(_text[_pos]))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private bool AcceptAny(string valid)
    {
        if (_pos < _text.Length && valid.Contains(_text[_pos], StringComparison.Ordinal))
        {
            _pos++;
            return true;
        }

        return false;
    }

    private static int DigitValue(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => 16,
    };

    private static string CodePoint(char c) => $"U+{(int)c:X4} '{c}'";
}
