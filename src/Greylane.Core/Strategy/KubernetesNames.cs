using System.Text.RegularExpressions;

namespace Greylane.Core.Strategy;

/// <summary>Kubernetes' own rules for object names, label keys and label values (apimachinery's validation), as a reason or null.</summary>
internal static partial class KubernetesNames
{
    private const string LabelNameRule = "letters, digits, '-', '_' and '.', starting and ending with a letter or digit, at most 63 characters";

    /// <summary>Why <paramref name="key"/> is not a label key (<c>[prefix/]name</c>), or null.</summary>
    public static string? LabelKeyProblem(string key)
    {
        var slash = key.IndexOf('/', StringComparison.Ordinal);
        var (prefix, name) = slash < 0 ? (null, key) : (key[..slash], key[(slash + 1)..]);
        if (prefix is not null && (prefix.Length > 253 || !Subdomain().IsMatch(prefix)))
        {
            return $"the prefix before '/' must be a DNS name like example.com (lowercase letters, digits, '-' and '.')";
        }

        return name.Length is > 0 and <= 63 && LabelName().IsMatch(name)
            ? null
            : $"the name{(prefix is null ? "" : " after '/'")} must use {LabelNameRule}";
    }

    /// <summary>Why <paramref name="value"/> is not a label value, or null (empty is allowed).</summary>
    public static string? LabelValueProblem(string value) =>
        value.Length == 0 || (value.Length <= 63 && LabelName().IsMatch(value)) ? null : $"a label value must use {LabelNameRule} (or be empty)";

    /// <summary>Why <paramref name="name"/> is not an object name (DNS-1123 subdomain), or null.</summary>
    public static string? ObjectNameProblem(string name) =>
        name.Length is > 0 and <= 253 && Subdomain().IsMatch(name) ? null : "use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit";

    /// <summary>Why <paramref name="name"/> is not a Service name (DNS-1035 label), or null.</summary>
    public static string? ServiceNameProblem(string name) =>
        name.Length is > 0 and <= 63 && Dns1035Label().IsMatch(name) ? null : "use lowercase letters, digits and '-', starting with a letter, at most 63 characters";

    /// <summary>Why <paramref name="name"/> is not a DNS-1123 label (Istio subset names), or null.</summary>
    public static string? LabelNameProblem(string name) =>
        name.Length is > 0 and <= 63 && Dns1123Label().IsMatch(name) ? null : "use lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";

    [GeneratedRegex("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$")]
    private static partial Regex LabelName();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Subdomain();

    [GeneratedRegex("^[a-z]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1035Label();

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();
}
