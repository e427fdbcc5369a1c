using System.Text.RegularExpressions;

namespace Greylane.Sandbox.Selectors;

/// <summary>apimachinery's label key and value validation, with its error wording.</summary>
internal static partial class LabelSyntax
{
    private const string NameMessage =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character " +
        "(e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

    private const string PrefixMessage =
        "prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end " +
        "with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

    private const string ValueMessage =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an " +
        "alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

    /// <summary>Throws a <see cref="FormatException"/> naming the key when it is not a qualified name.</summary>
    public static void ValidateKey(string key)
    {
        var problems = KeyProblems(key).ToList();
        if (problems.Count > 0)
            throw new FormatException($"key: Invalid value: \"{key}\": {string.Join("; ", problems)}");
    }

    /// <summary>Throws a <see cref="FormatException"/> naming the value when it is not a valid label value.</summary>
    public static void ValidateValue(string key, string value)
    {
        var problems = new List<string>();
        if (value.Length > 63)
            problems.Add("must be no more than 63 characters");
        if (value.Length > 0 && !NamePattern().IsMatch(value))
            problems.Add(ValueMessage);
        if (problems.Count > 0)
            throw new FormatException($"values[0][{key}]: Invalid value: \"{value}\": {string.Join("; ", problems)}");
    }

    private static IEnumerable<string> KeyProblems(string key)
    {
        var parts = key.Split('/');
        if (parts.Length > 2)
        {
            yield return "a qualified name " + NameMessage["name part ".Length..];
            yield break;
        }

        var name = parts[^1];
        if (parts.Length == 2)
        {
            var prefix = parts[0];
            if (prefix.Length == 0)
                yield return "prefix part must be non-empty";
            else if (prefix.Length > 253)
                yield return "prefix part must be no more than 253 characters";
            else if (!SubdomainPattern().IsMatch(prefix))
                yield return PrefixMessage;
        }

        if (name.Length == 0)
            yield return "name part must be non-empty";
        else if (name.Length > 63)
            yield return "name part must be no more than 63 characters";
        else if (!NamePattern().IsMatch(name))
            yield return NameMessage;
    }

    [GeneratedRegex("^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$")]
    private static partial Regex NamePattern();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex SubdomainPattern();
}
