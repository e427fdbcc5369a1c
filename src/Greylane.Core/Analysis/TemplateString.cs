using System.Text;
using Greylane.Core.PromQL;

namespace Greylane.Core.Analysis;

/// <summary>One string literal of a query template: where it is, its quote, and whether it is a regex matcher's value.</summary>
internal sealed record TemplateString(int Start, int End, char Quote, bool IsRegex)
{
    /// <summary><paramref name="value"/> (of variable <paramref name="name"/>) written so that it stays inside this string and, in a regex, matches only itself.</summary>
    public string Escape(string value, string name)
    {
        var literal = IsRegex ? QueryTemplate.EscapeRegex(value) : value;
        return Quote switch
        {
            '"' => PromQLString.Escape(literal),
            '\'' => SingleQuoted(literal),
            _ => literal.Contains('`', StringComparison.Ordinal)
                ? throw new ArgumentException($"the value of {{{{{name}}}}} holds a backquote, which a `raw string` cannot hold; write the string in double quotes", nameof(value))
                : literal,
        };
    }

    private static string SingleQuoted(string value)
    {
        var text = new StringBuilder(value.Length);
        foreach (var c in value)
        {
            text.Append(c switch
            {
                '\\' => @"\\",
                '\'' => @"\'",
                '\n' => @"\n",
                '\r' => @"\r",
                _ => c.ToString(),
            });
        }

        return text.ToString();
    }
}
