using System.Text.RegularExpressions;

namespace Greylane.Core.Analysis;

/// <summary>
/// <c>{{revision}}</c> in a compared query: rendered once for the canary (<c>label="&lt;release&gt;"</c>) and once for
/// stable, where the matcher is negated (<c>label!="&lt;release&gt;"</c>): stable pods keep whatever revision they had,
/// so "every pod of the service that is not the canary" is the only stable selector that needs no guess.
/// </summary>
public static partial class RevisionMatchers
{
    /// <summary>The variable's name.</summary>
    public const string Variable = "revision";

    /// <summary>Why <paramref name="template"/> cannot be compared, phrased for a field error, or null.</summary>
    public static string? Problem(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        var uses = Use().Count(template);
        if (uses == 0)
        {
            return "compare: stable renders the query once per side through {{revision}}, which it does not use; select the pods with e.g. destination_canonical_revision=\"{{revision}}\"";
        }

        return Matcher().Count(template) == uses
            ? null
            : "with compare: stable, {{revision}} must be a whole matcher value after = or =~, e.g. destination_canonical_revision=\"{{revision}}\", so that stable can be selected with != instead";
    }

    /// <summary><paramref name="template"/> for the stable side: every <c>="{{revision}}"</c> becomes <c>!="{{revision}}"</c>, <c>=~</c> becomes <c>!~</c>.</summary>
    public static string ForStable(string template)
    {
        ArgumentNullException.ThrowIfNull(template);
        return Matcher().Replace(template, m => (m.Groups["op"].Value == "=~" ? "!~" : "!=") + m.Groups["value"].Value);
    }

    [GeneratedRegex(@"\{\{\s*revision\s*\}\}")]
    private static partial Regex Use();

    [GeneratedRegex(@"(?<![!=<>])(?<op>=~|=)(?<value>\s*(?<q>[""'`])\{\{\s*revision\s*\}\}\k<q>)")]
    private static partial Regex Matcher();
}
