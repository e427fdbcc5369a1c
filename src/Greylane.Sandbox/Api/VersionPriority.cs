using System.Text.RegularExpressions;

namespace Greylane.Sandbox.Api;

/// <summary>Kubernetes version ordering (v2 &gt; v1 &gt; v1beta2 &gt; v1beta1 &gt; v1alpha1 &gt; other), used for preferred versions.</summary>
internal static partial class VersionPriority
{
    public static IEnumerable<string> Order(IEnumerable<string> versions) =>
        versions.Distinct(StringComparer.Ordinal).OrderByDescending(Rank).ThenBy(v => v, StringComparer.Ordinal);

    private static (int Stability, int Major, int Minor) Rank(string version)
    {
        var match = Shape().Match(version);
        if (!match.Success)
        {
            return (0, 0, 0);
        }

        var major = int.Parse(match.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        var minor = match.Groups[3].Success ? int.Parse(match.Groups[3].Value, System.Globalization.CultureInfo.InvariantCulture) : 0;
        var stability = match.Groups[2].Value switch { "" => 3, "beta" => 2, _ => 1 };
        return (stability, major, minor);
    }

    [GeneratedRegex("^v([0-9]+)(?:(alpha|beta)([0-9]+))?$")]
    private static partial Regex Shape();
}
