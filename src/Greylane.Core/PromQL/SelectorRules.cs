using System.Text.RegularExpressions;

namespace Greylane.Core.PromQL;

/// <summary>Prometheus' rule that a selector without a metric name needs a matcher that does not match the empty string.</summary>
internal static class SelectorRules
{
    private static readonly TimeSpan RegexBudget = TimeSpan.FromMilliseconds(200);

    /// <summary>Throws <see cref="PromQLException"/> for the first selector that could select every series (<c>{}</c>, <c>{x=~".*"}</c>).</summary>
    public static void Check(Expr expr)
    {
        var pending = new Stack<(Expr Expr, bool Exempt)>([(expr, false)]);
        while (pending.TryPop(out var next))
        {
            if (next.Expr is VectorSelector { Name: null } selector && !next.Exempt && selector.Matchers.All(MatchesEmpty))
            {
                throw new PromQLException(new PromQLError(
                    selector.Span.Start,
                    "vector selector must contain at least one non-empty matcher",
                    "name a metric or add a matcher that needs a value, e.g. {job=\"api\"}"));
            }

            var children = ExprTree.Children(next.Expr);
            for (var i = children.Count - 1; i >= 0; i--)
            {
                // info()'s second argument only names data labels; Prometheus exempts it from this rule.
                var exempt = next.Expr is CallExpr { Function: "info" } && i == 1;
                pending.Push((children[i], exempt));
            }
        }
    }

    private static bool MatchesEmpty(LabelMatcher matcher) => matcher.Op switch
    {
        MatchOp.Equal => matcher.Value.Length == 0,
        MatchOp.NotEqual => matcher.Value.Length != 0,
        MatchOp.Regex => RegexMatchesEmpty(matcher.Value) == true,
        _ => RegexMatchesEmpty(matcher.Value) == false,
    };

    // .NET's engine stands in for RE2 here; a pattern it cannot judge counts as needing a value, so it is not refused
    // (Prometheus judges the pattern itself).
    private static bool? RegexMatchesEmpty(string pattern)
    {
        try
        {
            return Regex.IsMatch("", $"^(?:{pattern})$", RegexOptions.CultureInvariant, RegexBudget);
        }
        catch (Exception e) when (e is ArgumentException or RegexMatchTimeoutException)
        {
            return null;
        }
    }
}
