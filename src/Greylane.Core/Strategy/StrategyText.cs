using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Greylane.Core.Serialization;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Greylane.Core.Strategy;

/// <summary>Strategy text (YAML or JSON) to a JSON mapping, with syntax errors reported by line and column.</summary>
internal static partial class StrategyText
{
    /// <summary>Deeper than any strategy needs (about eight levels), shallow enough for any thread's stack.</summary>
    public const int MaxDepth = 64;

    /// <summary>The mapping in <paramref name="text"/>; null when the text is absent, empty, or broken (then an error names <paramref name="source"/>).</summary>
    public static JsonObject? Parse(string? text, string source, ICollection<StrategyError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        IReadOnlyList<JsonNode?> documents;
        try
        {
            if (ShapeProblem(text) is { } problem)
            {
                errors.Add(new StrategyError(source, problem));
                return null;
            }

            documents = YamlJson.ParseAll(text);
        }
        catch (YamlException e)
        {
            var reason = Spaces().Replace(LocationPrefix().Replace(e.Message, ""), " ").Trim().TrimEnd('.');
            errors.Add(new StrategyError(source, $"not valid YAML or JSON at line {e.Start.Line}, column {e.Start.Column}: {reason}; fix the syntax there"));
            return null;
        }

        if (documents.Count > 1)
        {
            errors.Add(new StrategyError(source, $"holds {documents.Count} YAML documents; keep one strategy (remove the '---' separators)"));
            return null;
        }

        var root = documents.Count == 0 ? null : documents[0];
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

    // YamlDotNet builds its node tree recursively, so a deeply nested annotation (256 KiB nest 100 000 levels deep) would
    // overflow the stack and take the whole process down, and it expands aliases, so a few lines of nested aliases
    // ("billion laughs") would grow into billions of nodes. Its event parser keeps its own stack, so it looks first.
    private static string? ShapeProblem(string text)
    {
        var parser = new Parser(new StringReader(text));
        var depth = 0;
        while (parser.MoveNext())
        {
            var at = parser.Current!.Start;
            switch (parser.Current)
            {
                case AnchorAlias:
                    return $"uses a YAML alias at line {at.Line}, column {at.Column}; write the value out instead";
                case MappingStart or SequenceStart when ++depth > MaxDepth:
                    return $"nests deeper than {MaxDepth} levels at line {at.Line}, column {at.Column}; a strategy needs only a few levels";
                case MappingEnd or SequenceEnd:
                    depth--;
                    break;
            }
        }

        return null;
    }

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 1) - (Line: 1, Col: 3, Idx: 2): "; the error already says where.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
