namespace Greylane.Core.Strategy;

/// <summary>Field paths as users read them in errors: <c>steps[1].matches[0].headers[0].name</c>, <c>canaryLabels[app.kubernetes.io/name]</c>.</summary>
internal static class StrategyPath
{
    public static string Field(string parent, string name) => parent.Length == 0 ? name : $"{parent}.{name}";

    public static string Index(string parent, int index) => $"{parent}[{index}]";

    // Map keys (labels) hold dots and slashes, so they go in brackets rather than after a dot.
    public static string Key(string parent, string key) => $"{parent}[{key}]";

    /// <summary>True when <paramref name="path"/> is <paramref name="ancestor"/> or lies inside it.</summary>
    public static bool IsWithin(string path, string ancestor) =>
        ancestor.Length == 0
        || path == ancestor
        || (path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] is '.' or '[');
}
