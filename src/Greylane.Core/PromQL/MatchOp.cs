namespace Greylane.Core.PromQL;

/// <summary>The four label matching operators.</summary>
internal enum MatchOp
{
    /// <summary><c>=</c>.</summary>
    Equal,

    /// <summary><c>!=</c>.</summary>
    NotEqual,

    /// <summary><c>=~</c>, a fully anchored RE2 regular expression.</summary>
    Regex,

    /// <summary><c>!~</c>.</summary>
    NotRegex,
}
