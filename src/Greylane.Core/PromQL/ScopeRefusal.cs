namespace Greylane.Core.PromQL;

/// <summary>
/// Why a query cannot be kept in its namespace: the selector (its place in the text) and its matcher on the tenancy
/// label that is not exactly <c>label="namespace"</c>. <see cref="Matcher"/> is null when the scoped text failed its
/// own check, which only a bug can cause.
/// </summary>
internal sealed record ScopeRefusal(TextSpan Selector, LabelMatcher? Matcher)
{
    /// <summary>The message, naming <paramref name="selectorText"/> and the fix: <c>x{namespace="kube-system"} reads namespace kube-system; …</c>.</summary>
    public string Describe(string selectorText, string label, string @namespace)
    {
        var own = $"queries may only read their own namespace {@namespace}";
        return Matcher switch
        {
            null => $"{selectorText} could not be kept in namespace {@namespace} (a Greylane bug; please report it with the query); {own}",
            { Op: MatchOp.Equal } m => $"{selectorText} reads namespace {m.Value}; {own}: remove the {label} matcher or use {{{{namespace}}}}",
            { } m => $"{selectorText} matches {label}{m.OpText}\"{m.Value}\", which may read other namespaces; {own}: remove the {label} matcher or write {label}=\"{{{{namespace}}}}\"",
        };
    }
}
