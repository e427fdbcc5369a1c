using System.Text;

namespace Greylane.Core.PromQL;

/// <summary>
/// Keeps a query inside one namespace, as prom-label-proxy does: every vector selector gets <c>label="namespace"</c>.
/// The matcher is inserted into the user's own text (after the last matcher, into empty braces, or as new braces after
/// a bare metric name), so comments, spacing and everything else stay as written. A selector that already matches the
/// label is accepted only when that is exactly <c>label="namespace"</c>. Selectors without a metric name and
/// <c>{__name__=~"…"}</c> are vector selectors like any other and are scoped the same way.
/// </summary>
internal static class TenancyScoper
{
    /// <summary><paramref name="query"/> limited to <paramref name="namespace"/> through <paramref name="label"/>, or why it cannot be.</summary>
    public static ScopedQuery Scope(string query, string label, string @namespace)
    {
        ArgumentNullException.ThrowIfNull(query);
        var expr = PromQLParser.TryParse(query, out var error);
        if (expr is null)
        {
            return new ScopedQuery(null, error, null);
        }

        var matcher = $"{label}=\"{PromQLString.Escape(@namespace)}\"";
        var insertions = new List<(int At, string Text)>();
        var selectors = 0;
        foreach (var selector in ExprTree.Selectors(expr))
        {
            selectors++;
            var own = selector.Matchers.Where(m => m.Name == label).ToList();
            if (own.FirstOrDefault(m => m.Op != MatchOp.Equal || m.Value != @namespace) is { } foreign)
            {
                return new ScopedQuery(null, null, new ScopeRefusal(selector.Span, foreign));
            }

            if (own.Count == 0)
            {
                insertions.Add(selector switch
                {
                    { Braces: null } => (selector.Span.End, "{" + matcher + "}"),
                    { Matchers.Count: 0 } => (selector.Braces.Value.Start + 1, matcher),
                    _ => (selector.Matchers[^1].Span.End, "," + matcher),
                });
            }
        }

        var text = new StringBuilder(query);
        foreach (var (at, insert) in insertions.OrderByDescending(i => i.At))
        {
            text.Insert(at, insert);
        }

        var scoped = text.ToString();
        return IsScoped(scoped, label, @namespace, selectors)
            ? new ScopedQuery(scoped, null, null)
            : new ScopedQuery(null, null, new ScopeRefusal(new TextSpan(0, query.Length), null));
    }

    // Defence in depth: what is sent is parsed again, and every selector in it must read only the namespace.
    private static bool IsScoped(string scoped, string label, string @namespace, int selectors)
    {
        var expr = PromQLParser.TryParse(scoped, out _);
        if (expr is null)
        {
            return false;
        }

        var found = ExprTree.Selectors(expr).ToList();
        return found.Count == selectors
            && found.All(s => s.Matchers.Any(m => m.Name == label && m.Op == MatchOp.Equal && m.Value == @namespace)
                && s.Matchers.Where(m => m.Name == label).All(m => m.Op == MatchOp.Equal && m.Value == @namespace));
    }
}
