namespace Greylane.Core.Strategy;

/// <summary>One request match of a step; all its conditions must hold (Istio's HTTPMatchRequest).</summary>
public sealed record MatchSpec(
    IReadOnlyList<StringMatchSpec> Headers,
    IReadOnlyList<StringMatchSpec> QueryParams,
    StringMatchSpec? Path);

/// <summary>A named string condition; <see cref="Name"/> is empty for a path.</summary>
public sealed record StringMatchSpec(string Name, string Value, MatchKind Kind = MatchKind.Exact);

/// <summary>How a string condition compares (the names users write in <c>type:</c>).</summary>
public enum MatchKind
{
    /// <summary>Equal to the value.</summary>
    Exact,

    /// <summary>Starts with the value.</summary>
    Prefix,

    /// <summary>Matches the value as an RE2 regular expression.</summary>
    RegularExpression,
}
