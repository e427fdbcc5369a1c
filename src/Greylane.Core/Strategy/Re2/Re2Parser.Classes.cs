namespace Greylane.Core.Strategy.Re2;

/// <summary>Character classes: <c>[…]</c> with ranges, <c>[:alpha:]</c>, <c>\d</c>, <c>\p{Greek}</c>.</summary>
internal sealed partial class Re2Parser
{
    private static readonly (int Lo, int Hi)[] Digits = [('0', '9')];
    private static readonly (int Lo, int Hi)[] Spaces = [('\t', '\n'), ('\f', '\r'), (' ', ' ')];
    private static readonly (int Lo, int Hi)[] Word = [('0', '9'), ('A', 'Z'), ('_', '_'), ('a', 'z')];

    // RE2's POSIX classes (ASCII only), as in re2/perl_groups.cc.
    private static readonly Dictionary<string, (int Lo, int Hi)[]> Posix = new(StringComparer.Ordinal)
    {
        ["alnum"] = [('0', '9'), ('A', 'Z'), ('a', 'z')],
        ["alpha"] = [('A', 'Z'), ('a', 'z')],
        ["ascii"] = [(0, 0x7F)],
        ["blank"] = [('\t', '\t'), (' ', ' ')],
        ["cntrl"] = [(0, 0x1F), (0x7F, 0x7F)],
        ["digit"] = Digits,
        ["graph"] = [('!', '~')],
        ["lower"] = [('a', 'z')],
        ["print"] = [(' ', '~')],
        ["punct"] = [('!', '/'), (':', '@'), ('[', '`'), ('{', '~')],
        ["space"] = [('\t', '\r'), (' ', ' ')],
        ["upper"] = [('A', 'Z')],
        ["word"] = Word,
        ["xdigit"] = [('0', '9'), ('A', 'F'), ('a', 'f')],
    };

    private Re2Size CharClass()
    {
        var start = _pos;
        _pos++;
        var cls = new Re2CharClass();
        var negated = Peek() == '^';
        _pos += negated ? 1 : 0;
        var first = true;
        while (_pos < _pattern.Length && (_pattern[_pos] != ']' || first))
        {
            if (!first && At("-[") && !At("-[:"))
            {
                throw Unsupported("character class subtraction \"-[\"", _pos, "list the characters you mean, e.g. [b-df-hj-np-tv-z] for consonants",
                    why: "RE2 reads as the characters '-' and '[' (it has no class subtraction)");
            }

            first = false;
            if (At("[:") && PosixClass(cls))
            {
                continue;
            }

            if (At("\\p") || At("\\P"))
            {
                UnicodeClass(cls);
                continue;
            }

            if (_pos + 1 < _pattern.Length && _pattern[_pos] == '\\' && _pattern[_pos + 1] is 'd' or 's' or 'w' or 'D' or 'S' or 'W')
            {
                PerlClass(cls);
                continue;
            }

            var rangeStart = _pos;
            var lo = ClassRune(start);
            var hi = lo;
            if (Peek() == '-' && Peek(1) is { } next && next != ']')
            {
                _pos++;
                hi = ClassRune(start);
                if (hi < lo)
                {
                    throw Invalid($"invalid character class range \"{_pattern[rangeStart.._pos]}\"", rangeStart);
                }
            }

            cls.Add(lo, hi, _fold);
        }

        if (_pos >= _pattern.Length)
        {
            throw Invalid("missing ] for the class opened", start);
        }

        _pos++;
        if (negated)
        {
            cls.Negate();
        }

        return cls.Size();
    }

    private int ClassRune(int classStart)
    {
        if (_pos >= _pattern.Length)
        {
            throw Invalid("missing ] for the class opened", classStart);
        }

        return _pattern[_pos] == '\\' ? EscapedRune() : NextRune();
    }

    // [:alpha:] and [:^alpha:]; without a closing ":]" the '[' is an ordinary character, as in RE2.
    private bool PosixClass(Re2CharClass cls)
    {
        var end = _pattern.IndexOf(":]", _pos + 2, StringComparison.Ordinal);
        if (end < 0)
        {
            return false;
        }

        var text = _pattern[_pos..(end + 2)];
        var name = _pattern[(_pos + 2)..end];
        var negated = name.StartsWith('^');
        if (!Posix.TryGetValue(negated ? name[1..] : name, out var ranges))
        {
            throw Invalid($"invalid character class range \"{text}\"", _pos, "use a POSIX class such as [:alpha:], [:digit:] or [:space:]");
        }

        cls.AddGroup(ranges, negated, _fold);
        _pos = end + 2;
        return true;
    }

    private void PerlClass(Re2CharClass cls)
    {
        var letter = _pattern[_pos + 1];
        var ranges = char.ToLowerInvariant(letter) switch { 'd' => Digits, 's' => Spaces, _ => Word };
        cls.AddGroup(ranges, char.IsUpper(letter), _fold);
        _pos += 2;
    }

    // \pL, \p{Greek}, \p{^Greek}, \PL, \P{Greek}: RE2's script and category names, case-sensitive.
    private void UnicodeClass(Re2CharClass cls)
    {
        var start = _pos;
        var negated = _pattern[_pos + 1] == 'P';
        _pos += 2;
        if (_pos >= _pattern.Length)
        {
            throw Invalid($"invalid character class range \"{_pattern[start..]}\"", start);
        }

        string name;
        if (_pattern[_pos] == '{')
        {
            var end = _pattern.IndexOf('}', _pos);
            if (end < 0)
            {
                throw Invalid($"invalid character class range \"{_pattern[start..]}\"", start, "close the name with }");
            }

            name = _pattern[(_pos + 1)..end];
            _pos = end + 1;
        }
        else
        {
            var at = _pos;
            _ = NextRune();
            name = _pattern[at.._pos];
        }

        var text = _pattern[start.._pos];
        if (name.StartsWith('^'))
        {
            negated = !negated;
            name = name[1..];
        }

        if (!Re2UnicodeGroups.Costs.TryGetValue(name, out var cost))
        {
            throw UnknownUnicodeClass(text, name, start);
        }

        cls.AddNamed(negated ? cost.Negated : _fold ? cost.Folded : cost.Plain);
    }

    private static Re2ProblemException UnknownUnicodeClass(string text, string name, int start)
    {
        var script = name.Length > 2 && name.StartsWith("Is", StringComparison.Ordinal) ? name[2..] : null;
        if (script is not null || name.StartsWith("In", StringComparison.Ordinal))
        {
            var fix = script is not null && Re2UnicodeGroups.Costs.ContainsKey(script)
                ? $"write \\p{{{script}}} for the {script} script"
                : "name an RE2 script or category instead, e.g. \\p{Greek} or \\p{L}";
            return Unsupported($"the .NET Unicode block \"{text}\"", start, fix);
        }

        var spelled = Re2UnicodeGroups.Costs.Keys.FirstOrDefault(k => k.Equals(name, StringComparison.OrdinalIgnoreCase));
        return Invalid($"unknown Unicode class \"{text}\"", start, spelled is null
            ? "name a script or category RE2 knows, such as \\p{Greek}, \\p{L} or \\p{Lu}"
            : $"write \\p{{{spelled}}}: the names are case-sensitive");
    }
}
