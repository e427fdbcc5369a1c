using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Greylane.Core.Analysis;

namespace Greylane.Core.Strategy;

/// <summary>Reads <c>analysis</c>: the default interval and the metrics steps may name.</summary>
internal static partial class AnalysisReader
{
    public static AnalysisSpec Read(JsonNode? node, FieldReader fields, IReadOnlyDictionary<string, string>? canaryLabels)
    {
        var analysis = fields.Object(node, "analysis", StrategyFields.Analysis);
        if (analysis is null)
        {
            return AnalysisSpec.None;
        }

        var interval = fields.Duration(analysis["interval"], "analysis.interval", allowZero: false) ?? AnalysisSpec.None.Interval;
        var metrics = new List<MetricSpec>();
        var list = fields.List(analysis["metrics"], "analysis.metrics", "metrics");
        var seen = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var path = StrategyPath.Index("analysis.metrics", i);
            var metric = fields.Object(list![i], path, StrategyFields.Metric);
            if (metric is null)
            {
                if (list[i] is null)
                {
                    fields.Required(path, "write a metric like {name: success-rate, query: ..., min: 0.99}");
                }

                continue;
            }

            var name = Name(metric["name"], StrategyPath.Field(path, "name"), fields, seen);
            var spec = MetricReader.Read(metric, path, fields, canaryLabels);
            if (name is not null && spec is not null)
            {
                metrics.Add(spec with { Name = name });
            }
        }

        return new AnalysisSpec(interval, metrics);
    }

    /// <summary>
    /// The metric names a step may refer to, read leniently so that one bad metric does not also fail every step naming it;
    /// null (any name) when <paramref name="unknownIfAbsent"/> and no metrics are listed, since a shared strategy may list them.
    /// </summary>
    public static IReadOnlyCollection<string>? Names(JsonNode? node, bool unknownIfAbsent)
    {
        var metrics = (node as JsonObject)?["metrics"];
        if (metrics is null && unknownIfAbsent)
        {
            return null;
        }

        var names = new List<string>();
        foreach (var metric in (metrics as JsonArray ?? []).OfType<JsonObject>())
        {
            if (metric["name"] is JsonValue value && value.TryGetValue<string>(out var name) && !names.Contains(name))
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static string? Name(JsonNode? node, string path, FieldReader fields, Dictionary<string, string> seen)
    {
        var name = fields.RequiredString(node, path, "give the metric a name that steps refer to, e.g. name: success-rate");
        if (name is null)
        {
            return null;
        }

        if (!Identifier().IsMatch(name))
        {
            fields.Add(path, $"{FieldReader.Show(name)} is not a valid metric name; use letters, digits, '-' and '_', starting with a letter, at most 63 characters");
            return null;
        }

        if (seen.TryGetValue(name, out var first))
        {
            fields.Add(path, $"{FieldReader.Show(name)} is already defined by {first}; give each metric its own name");
            return null;
        }

        seen[name] = path;
        return name;
    }

    [GeneratedRegex("^[A-Za-z][-A-Za-z0-9_]{0,62}$")]
    private static partial Regex Identifier();
}
