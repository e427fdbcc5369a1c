using System.Globalization;
using System.Text;

namespace Greylane.Core.Strategy.Re2;

/// <summary>Groups: captures, named captures, flag groups, and the other engines' <c>(?…)</c> constructs RE2 refuses.</summary>
internal sealed partial class Re2Parser
{
    // Checked before the flags, as RE2 checks look-around first; each names what the pattern meant.
    private static readonly (string Prefix, string Construct, string? Fix)[] OtherGroups =
    [
        ("(?=", "lookahead", null), ("(?!", "lookahead", null), ("(?<=", "lookbehind", null), ("(?<!", "lookbehind", null),
        ("(?>", "an atomic group", "write (?:…) instead: RE2 never backtracks"), ("(?(", "a conditional", null),
        ("(?#", "a comment group", "remove the comment"), ("(?'", "a .NET named group", "write (?P<name>…) instead"),
        ("(?P=", "a named backreference", null), ("(?P>", "recursion", null), ("(?R", "recursion", null), ("(?&", "recursion", null),
    ];

    private Re2Size? Group()
    {
        var start = _pos;
        if (!At("(?"))
        {
            _pos++;
            return Body(start, _fold, _dotMatchesNewline).Captured();
        }

        foreach (var (prefix, construct, fix) in OtherGroups)
        {
            if (At(prefix))
            {
                throw Unsupported($"{construct} \"{prefix}\"", start, fix);
            }
        }

        if (At("(?P<") || At("(?<"))
        {
            return NamedGroup(start);
        }

        _pos += 2;
        var (newFold, newDot) = (_fold, _dotMatchesNewline);
        var negated = false;
        var sawFlag = false;
        while (true)
        {
            if (_pos >= _pattern.Length)
            {
                throw Invalid($"invalid perl operator \"{_pattern[start..]}\"", start);
            }

            var c = NextRune();
            switch (c)
            {
                case 'i' or 'm' or 's' or 'U':
                    sawFlag = true;
                    newFold = c == 'i' ? !negated : newFold;
                    newDot = c == 's' ? !negated : newDot;
                    continue;
                case '-' when !negated:
                    negated = true;
                    sawFlag = false;
                    continue;
                case ':' or ')' when negated && !sawFlag:
                    throw Invalid($"invalid perl operator \"{_pattern[start.._pos]}\"", start);
                case ':':
                    return Body(start, newFold, newDot);
                case ')':
                    (_fold, _dotMatchesNewline) = (newFold, newDot);
                    return null;
                case 'x':
                    throw Unsupported($"the flag x (free-spacing) in \"{_pattern[start.._pos]}\"", start, "remove the spaces and comments and the flag");
                case 'n':
                    throw Unsupported($"the flag n (explicit capture) in \"{_pattern[start.._pos]}\"", start, "write (?:…) for groups that need not capture");
                default:
                    throw Invalid($"invalid perl operator \"{_pattern[start.._pos]}\"", start);
            }
        }
    }

    private Re2Size NamedGroup(int start)
    {
        var nameStart = _pos + (At("(?P<") ? 4 : 3);
        var end = _pattern.IndexOf('>', nameStart);
        if (end < 0)
        {
            throw Invalid($"invalid named capture group \"{_pattern[start..]}\"", start, "close the name with >");
        }

        var name = _pattern[nameStart..end];
        var opening = _pattern[start..(end + 1)];
        if (name.Contains('-', StringComparison.Ordinal) && name.Replace("-", "", StringComparison.Ordinal).All(IsAsciiWord))
        {
            throw Unsupported($"a balancing group \"{opening}\"", start);
        }

        if (name.Length > 0 && name.All(IsAsciiWord))
        {
            _pos = end + 1;
            return Body(start, _fold, _dotMatchesNewline).Captured();
        }

        if (name.Length > 0 && name.EnumerateRunes().All(IsRe2NameRune))
        {
            throw Unsupported($"the capture name \"{name}\" with letters beyond ASCII", start, "use letters a-z, digits and _", why: "istiod's validation (Go regexp) refuses");
        }

        throw Invalid($"invalid named capture group \"{opening}\"", start, "name groups with letters, digits and _");
    }

    // The group's inside, read with the flags given; flags set inside end with the group, as in RE2.
    private Re2Size Body(int start, bool innerFold, bool innerDot)
    {
        var saved = (_fold, _dotMatchesNewline);
        (_fold, _dotMatchesNewline) = (innerFold, innerDot);
        var size = Alternation();
        if (Peek() != ')')
        {
            throw Invalid("missing ) for the group opened", start);
        }

        _pos++;
        (_fold, _dotMatchesNewline) = saved;
        return size;
    }

    private static bool IsAsciiWord(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    // RE2 also takes the letters, marks, digits and connectors of any script in capture names.
    private static bool IsRe2NameRune(Rune rune) => Rune.GetUnicodeCategory(rune) is
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
        or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.LetterNumber
        or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.DecimalDigitNumber
        or UnicodeCategory.ConnectorPunctuation;
}
