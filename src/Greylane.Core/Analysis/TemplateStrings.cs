using Greylane.Core.PromQL;

namespace Greylane.Core.Analysis;

/// <summary>
/// The string literals of a query template, found with the PromQL lexer (<c>{{variables}}</c> outside strings are
/// single tokens there), so that a variable is escaped for the string it sits in. A template that does not lex keeps
/// the strings found before the error; variables after it get the plain double-quote escaping.
/// </summary>
internal sealed class TemplateStrings
{
    private readonly List<TemplateString> _strings;

    private TemplateStrings(List<TemplateString> strings) => _strings = strings;

    public static TemplateStrings Of(string template)
    {
        var tokens = Lexer.Tokenize(template, templates: true);
        var strings = new List<TemplateString>();
        for (var i = 0; i < tokens.Count; i++)
        {
            if (tokens[i].Kind == TokenKind.String)
            {
                var regex = i > 0 && tokens[i - 1].Kind is TokenKind.RegexMatch or TokenKind.RegexNoMatch;
                strings.Add(new TemplateString(tokens[i].Start, tokens[i].End, tokens[i].Text[0], regex));
            }
        }

        return new TemplateStrings(strings);
    }

    /// <summary>The string literal around offset <paramref name="at"/>, or null outside strings.</summary>
    public TemplateString? At(int at) => _strings.Find(s => s.Start < at && at < s.End);
}
