using Greylane.Core.Strategy;

namespace Greylane.Cli.Status;

/// <summary>A request match as one short line: <c>header my-request-id=canary, query beta^=1, path ~/api/.*</c>.</summary>
internal static class MatchText
{
    /// <summary>The matches a step sends to the canary: the lane's header first (when the step has matches), then the step's own.</summary>
    public static IReadOnlyList<string> ForStep(StepSpec step, LaneSpec? lane)
    {
        var matches = step.Matches.Select(Format).ToList();
        if (lane is not null && matches.Count > 0)
        {
            matches.Insert(0, $"header {lane.Header}={lane.Value}");
        }

        return [.. matches.Distinct(StringComparer.Ordinal)];
    }

    public static string Format(MatchSpec match)
    {
        var parts = match.Headers.Select(h => $"header {Condition(h)}")
            .Concat(match.QueryParams.Select(q => $"query {Condition(q)}"))
            .ToList();
        if (match.Path is { } path)
        {
            parts.Add($"path {Operator(path.Kind)}{path.Value}".Replace("path =", "path ", StringComparison.Ordinal));
        }

        return string.Join(", ", parts);
    }

    private static string Condition(StringMatchSpec condition) => $"{condition.Name}{Operator(condition.Kind)}{condition.Value}";

    // = exact, ^= prefix, ~= regular expression (as the CSS-like spellings people know).
    private static string Operator(MatchKind kind) => kind switch
    {
        MatchKind.Prefix => "^=",
        MatchKind.RegularExpression => "~=",
        _ => "=",
    };
}
