using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Greylane.Core.Serialization;
using YamlDotNet.Core;

namespace Greylane.Core.Strategy;

/// <summary>Strategy text (YAML or JSON) to a JSON mapping, with syntax errors reported by line and column.</summary>
internal static partial class StrategyText
{
    /// <summary>The mapping in <paramref name="text"/>; null when the text is absent, empty, or broken (then an error names <paramref name="source"/>).</summary>
    public static JsonObject? Parse(string? text, string source, ICollection<StrategyError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        JsonNode? root;
        try
        {
            root = YamlJson.Parse(text);
        }
        catch (YamlException e)
        {
            var reason = LocationPrefix().Replace(e.Message, "").TrimEnd('.');
            errors.Add(new StrategyError(source, $"not valid YAML or JSON at line {e.Start.Line}, column {e.Start.Column}: {reason}; fix the syntax there"));
            return null;
        }

        switch (root)
        {
            case null:
                return null;
            case JsonObject map:
                return map;
            default:
                errors.Add(new StrategyError(source, $"expected a mapping with fields {string.Join(", ", StrategyFields.Root)}; got {FieldReader.Describe(root)}"));
                return null;
        }
    }

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 1) - (Line: 1, Col: 3, Idx: 2): "; the error already says where.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();
}
