namespace Greylane.Core.Strategy.Re2;

/// <summary>
/// Parses a pattern by RE2's rules (re2/parse.cc with RE2's default options, as Envoy compiles it) and returns its
/// <see cref="Re2Size"/>, or throws <see cref="Re2ProblemException"/> at the first problem, as RE2 stops at the first
/// error. Constructs of other engines are recognised where RE2 would fail (or, for class subtraction, read them
/// differently) so that the message can name them.
/// </summary>
internal sealed partial class Re2Parser
{
    /// <summary>RE2's <c>maximum_repeat_count</c>: for one repetition, and for nested repetitions multiplied.</summary>
    public const int MaxRepeat = 1000;

    private readonly string _pattern;
    private int _pos;
    private bool _fold;
    private bool _dotMatchesNewline;

    private Re2Parser(string pattern) => _pattern = pattern;

    public static Re2Size Parse(string pattern)
    {
        var parser = new Re2Parser(pattern);
        var size = parser.Alternation();
        if (parser._pos < pattern.Length)
        {
            throw Invalid("unexpected )", parser._pos);
        }

        return size;
    }

    private Re2Size Alternation()
    {
        var size = Concatenation();
        while (Peek() == '|')
        {
            _pos++;
            size = size.And(Concatenation());
        }

        return size;
    }

    private Re2Size Concatenation()
    {
        var size = Re2Size.Empty;
        Re2Size? last = null; // the item a repetition operator applies to; null at the start of a branch
        int? lastRepeat = null; // where the previous token started, when it was a repetition operator
        while (_pos < _pattern.Length && _pattern[_pos] is not ('|' or ')'))
        {
            var start = _pos;
            var c = _pattern[_pos];
            if (c is '*' or '+' or '?' || (c == '{' && TryRepetition(out _, out _, out _)))
            {
                var (min, max, text) = Repetition(start, lastRepeat);
                if (last is not { } argument)
                {
                    throw Invalid($"missing argument to repetition operator \"{text}\"", start);
                }

                var repeated = c == '{' ? argument.Repeated(min, max) : argument.Looped(star: c == '*');
                if (c == '{' && (min >= 2 || max >= 2) && repeated.RepeatProduct > MaxRepeat)
                {
                    throw Invalid($"invalid repetition size \"{text}\"", start, $"nested repetitions multiply: keep their product at most {MaxRepeat} (RE2's limit)");
                }

                size = new Re2Size(size.Instructions - argument.Instructions + repeated.Instructions, Math.Max(size.RepeatProduct, repeated.RepeatProduct));
                last = repeated;
                lastRepeat = start;
                continue;
            }

            lastRepeat = null;
            var item = Item();
            if (item is { } parsed)
            {
                size = size.And(parsed);
                last = parsed;
            }
        }

        return size;
    }

    // One item, or null for a flag group such as (?i) that only changes how the rest reads.
    private Re2Size? Item()
    {
        var start = _pos;
        var c = _pattern[_pos];
        switch (c)
        {
            case '(':
                return Group();
            case '[':
                return CharClass();
            case '\\':
                return Escape();
            case '.':
                _pos++;
                var dot = new Re2CharClass();
                dot.Add(0, 0x10FFFF, fold: false);
                if (!_dotMatchesNewline)
                {
                    dot = new Re2CharClass();
                    dot.Add('\n', '\n', fold: false);
                    dot.Negate();
                }

                return dot.Size();
            case '^' or '$':
                _pos++;
                return Re2Size.Of(1);
            default:
                var rune = NextRune();
                return Literal(rune);
        }
    }

    private Re2Size Literal(int rune)
    {
        if (_fold && Re2CharClass.FoldsOf(rune).Count > 0)
        {
            return Re2CharClass.FoldedLiteral(rune);
        }

        return Re2Size.Of(rune < 0x80 ? 1 : rune < 0x800 ? 2 : rune < 0x10000 ? 3 : 4);
    }

    private (int Min, int Max, string Text) Repetition(int start, int? lastRepeat)
    {
        int min, max;
        if (_pattern[_pos] == '{')
        {
            TryRepetition(out min, out max, out var length);
            _pos += length;
        }
        else
        {
            (min, max) = _pattern[_pos] switch { '*' => (0, -1), '+' => (1, -1), _ => (0, 1) };
            _pos++;
        }

        if (Peek() == '?')
        {
            _pos++; // non-greedy
        }

        var text = _pattern[start.._pos];
        if (lastRepeat is { } previous)
        {
            // RE2 (like Perl) refuses stacked operators: "a**" is an error, not a double star.
            var stacked = _pattern[previous.._pos];
            throw text == "+"
                ? Unsupported($"a possessive quantifier \"{stacked}\"", previous, fix: "drop the last '+': RE2 never backtracks, so the plain quantifier matches the same")
                : Invalid($"bad repetition operator \"{stacked}\"", previous);
        }

        if (_pattern[start] == '{' && ((max != -1 && max < min) || min > MaxRepeat || max > MaxRepeat))
        {
            throw Invalid($"invalid repetition size \"{text}\"", start, $"repeat at most {MaxRepeat} times (RE2's limit), with the smaller count first");
        }

        return (min, max, text);
    }

    // RE2's MaybeParseRepetition: {n}, {n,} or {n,m} with no leading zeros; anything else is a literal '{'.
    private bool TryRepetition(out int min, out int max, out int length)
    {
        min = max = length = 0;
        var at = _pos + 1;
        if (!Integer(ref at, out min) || at >= _pattern.Length)
        {
            return false;
        }

        max = min;
        if (_pattern[at] == ',')
        {
            at++;
            if (at >= _pattern.Length)
            {
                return false;
            }

            if (_pattern[at] == '}')
            {
                max = -1;
            }
            else if (!Integer(ref at, out max))
            {
                return false;
            }
        }

        if (at >= _pattern.Length || _pattern[at] != '}')
        {
            return false;
        }

        length = at + 1 - _pos;
        return true;
    }

    private bool Integer(ref int at, out int value)
    {
        value = 0;
        if (at >= _pattern.Length || !char.IsAsciiDigit(_pattern[at])
            || (_pattern[at] == '0' && at + 1 < _pattern.Length && char.IsAsciiDigit(_pattern[at + 1])))
        {
            return false;
        }

        while (at < _pattern.Length && char.IsAsciiDigit(_pattern[at]))
        {
            if (value >= 100_000_000)
            {
                return false;
            }

            value = (value * 10) + _pattern[at] - '0';
            at++;
        }

        return true;
    }

    private int NextRune()
    {
        var c = _pattern[_pos];
        if (char.IsHighSurrogate(c) && _pos + 1 < _pattern.Length && char.IsLowSurrogate(_pattern[_pos + 1]))
        {
            _pos += 2;
            return char.ConvertToUtf32(c, _pattern[_pos - 1]);
        }

        if (char.IsSurrogate(c))
        {
            throw Invalid("invalid UTF-8 (a lone surrogate)", _pos);
        }

        _pos++;
        return c;
    }

    private char? Peek(int ahead = 0) => _pos + ahead >= 0 && _pos + ahead < _pattern.Length ? _pattern[_pos + ahead] : null;

    private bool At(string text) => _pattern.AsSpan(_pos).StartsWith(text, StringComparison.Ordinal);

    private static Re2ProblemException Invalid(string detail, int offset, string? fix = null) => new(new Re2Problem(Re2ProblemKind.Invalid, detail, offset, Fix: fix));

    private static Re2ProblemException Unsupported(string detail, int offset, string? fix = null, string? why = null) =>
        new(new Re2Problem(Re2ProblemKind.Unsupported, detail, offset, why, fix));
}
