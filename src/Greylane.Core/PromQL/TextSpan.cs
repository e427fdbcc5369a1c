namespace Greylane.Core.PromQL;

/// <summary>A stretch of the query text: <see cref="Start"/> inclusive, <see cref="End"/> exclusive, in characters.</summary>
internal readonly record struct TextSpan(int Start, int End)
{
    /// <summary>The text this span covers in <paramref name="text"/>.</summary>
    public string In(string text) => text[Start..End];
}
