using System.Text;

namespace Greylane.Core.PromQL;

/// <summary>The value of a PromQL string literal: Go's escapes in <c>"…"</c> and <c>'…'</c>, none in <c>`…`</c>.</summary>
internal static class PromQLString
{
    /// <summary>The value of <paramref name="literal"/>, a <see cref="TokenKind.String"/> token's text (quotes included), which the lexer has checked.</summary>
    public static string Unquote(string literal)
    {
        var body = literal[1..^1];
        if (literal[0] == '`' || !body.Contains('\\', StringComparison.Ordinal))
        {
            return body;
        }

        var value = new StringBuilder(body.Length);
        for (var i = 0; i < body.Length; i++)
        {
            if (body[i] != '\\')
            {
                value.Append(body[i]);
                continue;
            }

            var c = body[++i];
            switch (c)
            {
                case 'a': value.Append('\a'); break;
                case 'b': value.Append('\b'); break;
                case 'f': value.Append('\f'); break;
                case 'n': value.Append('\n'); break;
                case 'r': value.Append('\r'); break;
                case 't': value.Append('\t'); break;
                case 'v': value.Append('\v'); break;
                case 'x': value.Append((char)Number(body, i + 1, 2, 16)); i += 2; break;
                case 'u': value.Append(char.ConvertFromUtf32(Number(body, i + 1, 4, 16))); i += 4; break;
                case 'U': value.Append(char.ConvertFromUtf32(Number(body, i + 1, 8, 16))); i += 8; break;
                case >= '0' and <= '7': value.Append((char)Number(body, i, 3, 8)); i += 2; break;
                default: value.Append(c); break; // \\, \" and \'
            }
        }

        return value.ToString();
    }

    /// <summary><paramref name="value"/> as the body of a double-quoted PromQL string: backslash, double quote and line breaks escaped.</summary>
    public static string Escape(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\\",
                '"' => "\\\"",
                '\n' => @"\n",
                '\r' => @"\r",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }

    private static int Number(string text, int start, int length, int radix) =>
        Convert.ToInt32(text.Substring(start, length), radix);
}
