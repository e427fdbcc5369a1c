using System.Text.RegularExpressions;

namespace Greylane.Sandbox.Storage;

/// <summary>The RFC 1123 name rules kube-apiserver validates <c>metadata.name</c> with, and its texts for them.</summary>
internal static partial class NameRules
{
    private const string LabelPattern = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
    private const string SubdomainPattern = @"[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";

    /// <summary>Null when <paramref name="name"/> is valid for the type, else the validation detail.</summary>
    public static string? Problem(ResourceType type, string name)
    {
        // Namespaces are DNS labels (no dots, 63 characters); everything else here is a DNS subdomain.
        if (type.Group.Length == 0 && type.Plural == "namespaces")
        {
            return name.Length <= 63 && Label().IsMatch(name)
                ? null
                : $"Invalid value: \"{name}\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '{LabelPattern}')";
        }

        return name.Length <= 253 && Subdomain().IsMatch(name)
            ? null
            : $"Invalid value: \"{name}\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '{SubdomainPattern}')";
    }

    [GeneratedRegex("^" + LabelPattern + "$")]
    private static partial Regex Label();

    [GeneratedRegex("^" + SubdomainPattern + "$")]
    private static partial Regex Subdomain();
}
