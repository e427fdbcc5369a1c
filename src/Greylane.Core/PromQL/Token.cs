namespace Greylane.Core.PromQL;

/// <summary>One token: its kind, where it stands in the input (<see cref="Start"/> inclusive, <see cref="End"/> exclusive) and its text (for an error, the reason).</summary>
internal readonly record struct Token(TokenKind Kind, int Start, int End, string Text)
{
    /// <summary>Whether this is the identifier <paramref name="word"/>; PromQL keywords are case-insensitive.</summary>
    public bool IsWord(string word) => Kind == TokenKind.Identifier && string.Equals(Text, word, StringComparison.OrdinalIgnoreCase);

    /// <summary>How the token reads in an error message: <c>','</c>, <c>identifier "foo"</c>, <c>end of input</c>.</summary>
    public string Describe() => Kind switch
    {
        TokenKind.End => "end of input",
        TokenKind.Identifier or TokenKind.MetricIdentifier => $"identifier \"{Text}\"",
        TokenKind.Number => $"number {Text}",
        TokenKind.Duration => $"duration {Text}",
        TokenKind.String => $"string {Shorten(Text)}",
        TokenKind.Placeholder => $"variable {Text}",
        _ => $"'{Text}'",
    };

    private static string Shorten(string text) => text.Length <= 24 ? text : text[..21] + "...";
}
