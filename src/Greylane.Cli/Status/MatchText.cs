using Greylane.Core.Strategy;
using Greylane.Core.Traffic;

namespace Greylane.Cli.Status;

/// <summary>A request match as one short line: <c>header my-request-id=canary, query beta^=1, path ~/api/.*</c>.</summary>
internal static class MatchText
{
    /// <summary>The matches a step sends to the canary, as routing puts them (<see cref="StepMatches.Of"/>).</summary>
    public static IReadOnlyList<string> ForStep(StepSpec step, LaneSpec? lane) => [.. StepMatches.Of(step, lane).Select(Format)];

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
