using System.Text.Json.Nodes;

namespace Greylane.Core.Strategy;

/// <summary>Reads <c>steps[].matches</c>: each match is one Istio HTTPMatchRequest on headers, query parameters and path.</summary>
internal static class MatchReader
{
    private const string Kinds = "Exact, Prefix or RegularExpression";

    public static IReadOnlyList<MatchSpec> ReadAll(JsonNode? node, string path, FieldReader fields)
    {
        var matches = new List<MatchSpec>();
        var list = fields.List(node, path, "matches");
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            if (Read(list![i], StrategyPath.Index(path, i), fields) is { } match)
            {
                matches.Add(match);
            }
        }

        return matches;
    }

    private static MatchSpec? Read(JsonNode? node, string path, FieldReader fields)
    {
        var match = fields.Object(node, path, StrategyFields.Match);
        if (node is null || (match is not null && StrategyFields.Match.All(f => match[f] is null or JsonArray { Count: 0 })))
        {
            fields.Add(path, "matches every request; give it headers, queryParams or path, e.g. headers: [{name: my-request-id, value: canary}]");
            return null;
        }

        if (match is null)
        {
            return null;
        }

        return new MatchSpec(
            Named(match["headers"], StrategyPath.Field(path, "headers"), fields, isHeader: true),
            Named(match["queryParams"], StrategyPath.Field(path, "queryParams"), fields, isHeader: false),
            ReadPath(match["path"], StrategyPath.Field(path, "path"), fields));
    }

    private static List<StringMatchSpec> Named(JsonNode? node, string path, FieldReader fields, bool isHeader)
    {
        var what = isHeader ? "header" : "query parameter";
        var conditions = new List<StringMatchSpec>();
        var list = fields.List(node, path, $"{what} matches like {{name: x, value: y}}");
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var itemPath = StrategyPath.Index(path, i);
            var item = fields.Object(list![i], itemPath, StrategyFields.NamedMatch);
            if (item is null)
            {
                if (list[i] is null)
                {
                    fields.Required(itemPath, $"write a {what} match like {{name: x, value: y}}");
                }

                continue;
            }

            var namePath = StrategyPath.Field(itemPath, "name");
            var nameFix = isHeader ? "name the header to match, e.g. name: my-request-id" : "name the query parameter to match, e.g. name: lane";
            var name = isHeader ? HttpNames.RequiredHeader(fields, item["name"], namePath, nameFix) : fields.RequiredString(item["name"], namePath, nameFix);
            var kind = Kind(item["type"], StrategyPath.Field(itemPath, "type"), fields, allowPrefix: isHeader);
            var value = Value(item["value"], StrategyPath.Field(itemPath, "value"), kind, fields, "value: canary");
            if (name is not null && conditions.Any(c => c.Name == name))
            {
                fields.Add(namePath, $"{FieldReader.Show(name)} is matched twice in this match; match each {what} once (a match needs all its conditions)");
            }
            else if (name is not null && kind is not null && value is not null)
            {
                conditions.Add(new StringMatchSpec(name, value, kind.Value));
            }
        }

        return conditions;
    }

    private static StringMatchSpec? ReadPath(JsonNode? node, string path, FieldReader fields)
    {
        var match = fields.Object(node, path, StrategyFields.PathMatch);
        if (match is null)
        {
            return null;
        }

        var kind = Kind(match["type"], StrategyPath.Field(path, "type"), fields, allowPrefix: true);
        var valuePath = StrategyPath.Field(path, "value");
        var value = Value(match["value"], valuePath, kind, fields, "value: /api");
        if (value is not null && kind is not MatchKind.RegularExpression && !value.StartsWith('/'))
        {
            fields.Add(valuePath, $"{FieldReader.Show(value)} does not start with '/'; write the path as the URL has it, e.g. /{value}");
            return null;
        }

        return kind is null || value is null ? null : new StringMatchSpec("", value, kind.Value);
    }

    private static MatchKind? Kind(JsonNode? node, string path, FieldReader fields, bool allowPrefix)
    {
        var text = fields.String(node, path);
        MatchKind? kind = text switch
        {
            null => node is null ? MatchKind.Exact : null,
            nameof(MatchKind.Exact) => MatchKind.Exact,
            nameof(MatchKind.Prefix) => MatchKind.Prefix,
            nameof(MatchKind.RegularExpression) => MatchKind.RegularExpression,
            _ => null,
        };
        if (text is not null && kind is null)
        {
            fields.Add(path, $"{FieldReader.Show(text)} is not a match type; use {Kinds}");
        }
        else if (kind is MatchKind.Prefix && !allowPrefix)
        {
            fields.Add(path, "Prefix is not supported for query parameters (Istio matches them exactly or by regular expression); use Exact or RegularExpression");
            return null;
        }

        return kind;
    }

    private static string? Value(JsonNode? node, string path, MatchKind? kind, FieldReader fields, string example)
    {
        var value = fields.RequiredString(node, path, $"write the value to match, e.g. {example}");
        if (value is not null && kind is MatchKind.RegularExpression && Re2Check.Problem(value) is { } problem)
        {
            fields.Add(path, $"{FieldReader.Show(value)} {problem}");
            return null;
        }

        return value;
    }
}
