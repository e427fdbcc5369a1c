using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Greylane.Core.Serialization;
using YamlDotNet.Core;

namespace Greylane.Core.Strategy;

/// <summary>Strategy text (YAML or JSON) to a JSON mapping, with syntax errors reported by line and column.</summary>
internal static partial class StrategyText
{
    /// <summary>Deeper than any strategy needs (about eight levels), shallow enough for any thread's stack.</summary>
    public const int MaxDepth = 64;

    // Aliases are refused outright: a strategy is short enough to write out, and nothing can expand.
    private static readonly YamlReadOptions ReadOptions = new(MaxDepth, AllowAliases: false);

    /// <summary>
    /// The longest strategy text (inline and shared together) that is remembered, ten times the samples' (about 360
    /// characters): a memo holds 512 entries, and texts as long as annotations allow (256 KiB) would let anyone who may
    /// write Deployments fill the controller's memory. A longer text is read every time, as before memos.
    /// </summary>
    public const int LongestRemembered = 4096;

    // Parsed once per text: the webhook reads the strategy of every Deployment it holds (judged against that Deployment's
    // namespace, so the reads themselves differ), and YAML's parser is the costly part. A copy goes out: readers may edit.
    private static readonly BoundedMemo<(string Text, string Source), (JsonObject? Map, StrategyError[] Errors)> Parsed = new(512);

    /// <summary>Whether texts this long are remembered (<see cref="LongestRemembered"/>).</summary>
    public static bool Remembered(string? text, string? other = null) => (text?.Length ?? 0) + (other?.Length ?? 0) <= LongestRemembered;

    /// <summary>The mapping in <paramref name="text"/>; null when the text is absent, empty, or broken (then an error names <paramref name="source"/>).</summary>
    public static JsonObject? Parse(string? text, string source, ICollection<StrategyError> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var (map, problems) = Remembered(text)
            ? Parsed.Get((text, source), static (key, _) => ParseText(key.Text, key.Source), 0)
            : ParseText(text, source);
        foreach (var problem in problems)
        {
            errors.Add(problem);
        }

        return (JsonObject?)map?.DeepClone();
    }

    private static (JsonObject? Map, StrategyError[] Errors) ParseText(string text, string source)
    {
        var errors = new List<StrategyError>();
        return (ParseMapping(text, source, errors), [.. errors]);
    }

    private static JsonObject? ParseMapping(string text, string source, List<StrategyError> errors)
    {
        IReadOnlyList<JsonNode?> documents;
        try
        {
            documents = YamlJson.ParseAll(text, ReadOptions);
        }
        catch (YamlLimitException e)
        {
            var at = $"at line {e.Start.Line}, column {e.Start.Column}";
            errors.Add(new StrategyError(source, e.Limit == YamlLimit.Depth
                ? $"nests deeper than {MaxDepth} levels {at}; a strategy needs only a few levels"
                : $"uses a YAML alias {at}; write the value out instead"));
            return null;
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

    // YamlDotNet prefixes messages with "(Line: 1, Col: 2, Idx: 1) - (Line: 1, Col: 3, Idx: 2): "; the error already says where.
    [GeneratedRegex(@"^\(Line: \d+, Col: \d+, Idx: \d+\) - \(Line: \d+, Col: \d+, Idx: \d+\): ")]
    private static partial Regex LocationPrefix();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}
