using System.Text;
using System.Text.RegularExpressions;

namespace Greylane.Core.Strategy;

/// <summary>
/// Whether a pattern will work as an Envoy (RE2) regular expression. .NET's parser stands in for RE2's, after
/// refusing the .NET-only constructs RE2 lacks (lookaround, backreferences, atomic groups, conditionals).
/// </summary>
internal static class Re2Check
{
    private static readonly (string Construct, string Name)[] Unsupported =
    [
        ("(?=", "lookahead"), ("(?!", "lookahead"), ("(?<=", "lookbehind"), ("(?<!", "lookbehind"),
        ("(?>", "atomic groups"), ("(?(", "conditionals"),
    ];

    /// <summary>Why <paramref name="pattern"/> is not a usable RE2 pattern, or null.</summary>
    public static string? Problem(string pattern)
    {
        var scan = UnsupportedConstruct(pattern);
        if (scan is not null)
        {
            return $"uses {scan}, which Istio's RE2 engine does not support; rewrite the pattern without it";
        }

        try
        {
            // RE2 spells named groups (?P<name>…); .NET only knows (?<name>…).
            _ = new Regex(pattern.Replace("(?P<", "(?<", StringComparison.Ordinal), RegexOptions.None, TimeSpan.FromSeconds(1));
            return null;
        }
        catch (RegexParseException e)
        {
            return $"is not a valid regular expression ({Words(e.Error.ToString())} at offset {e.Offset}); fix the pattern (RE2 syntax)";
        }
    }

    private static string? UnsupportedConstruct(string pattern)
    {
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                if (!inClass && next is >= '1' and <= '9')
                {
                    return $"a backreference \"\\{next}\"";
                }

                if (!inClass && next is 'G' or 'Z')
                {
                    return $"the anchor \"\\{next}\"";
                }

                if (!inClass && next == 'k' && i + 2 < pattern.Length && pattern[i + 2] == '<')
                {
                    return "a backreference \"\\k<\"";
                }

                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                // A ']' right after '[' or '[^' is a literal, not the end of the class.
                i += pattern.AsSpan(i + 1).StartsWith("^]") ? 2 : pattern.AsSpan(i + 1).StartsWith("]") ? 1 : 0;

                continue;
            }

            foreach (var (construct, name) in Unsupported)
            {
                if (pattern.AsSpan(i).StartsWith(construct, StringComparison.Ordinal))
                {
                    return $"{name} \"{construct}\"";
                }
            }
        }

        return null;
    }

    // "InsufficientClosingParentheses" → "insufficient closing parentheses".
    private static string Words(string name)
    {
        var text = new StringBuilder();
        foreach (var c in name)
        {
            if (char.IsUpper(c) && text.Length > 0)
            {
                text.Append(' ');
            }

            text.Append(char.ToLowerInvariant(c));
        }

        return text.ToString();
    }
}
