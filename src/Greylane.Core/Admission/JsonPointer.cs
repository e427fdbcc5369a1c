namespace Greylane.Core.Admission;

/// <summary>RFC 6901 JSON pointer segments.</summary>
public static class JsonPointer
{
    /// <summary>Escape one key: <c>~</c> → <c>~0</c>, then <c>/</c> → <c>~1</c> (so <c>greylane.dev/release</c> → <c>greylane.dev~1release</c>).</summary>
    public static string Escape(string key) => key.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal);
}
