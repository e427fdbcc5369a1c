using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Greylane.Core.Strategy;

/// <summary>HTTP header names as Istio matches them: RFC 9110 tokens, written in lowercase.</summary>
internal static partial class HttpNames
{
    /// <summary>Why <paramref name="name"/> cannot name a header in an Istio match, or null.</summary>
    public static string? HeaderProblem(string name)
    {
        if (!Token().IsMatch(name))
        {
            return $"{FieldReader.Show(name)} is not an HTTP header name; use letters, digits and '-', e.g. my-request-id";
        }

        // Envoy sees header names lowercased (HTTP/2 requires it), and Istio's docs require lowercase keys.
        var lower = name.ToLowerInvariant();
        return lower == name ? null : $"{FieldReader.Show(name)} has uppercase letters; Istio matches header names in lowercase: write {FieldReader.Show(lower)}";
    }

    /// <summary>A required header name in the form Istio matches.</summary>
    public static string? RequiredHeader(FieldReader fields, JsonNode? node, string path, string fix)
    {
        var name = fields.RequiredString(node, path, fix);
        if (name is not null && HeaderProblem(name) is { } problem)
        {
            fields.Add(path, problem);
            return null;
        }

        return name;
    }

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]+$")]
    private static partial Regex Token();
}
