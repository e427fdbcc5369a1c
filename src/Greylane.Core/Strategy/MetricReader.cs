using System.Text.Json.Nodes;
using Greylane.Core.Analysis;

namespace Greylane.Core.Strategy;

/// <summary>Reads one of <c>analysis.metrics</c> (all but its name): query, bounds, counts, timing and minimum samples.</summary>
internal static class MetricReader
{
    private const string NumberFix = "write a number like 0.99 without quotes";

    /// <summary>The metric with an empty name (the caller checks names), or null when it has problems.</summary>
    public static MetricSpec? Read(JsonObject metric, string path, FieldReader fields, IReadOnlyDictionary<string, string>? canaryLabels)
    {
        var errorsBefore = fields.Errors.Count;
        var builtin = metric["builtin"] is { } builtinNode ? ComparisonReader.Builtin(builtinNode, StrategyPath.Field(path, "builtin"), fields) : null;
        string? query = null;
        if (metric["builtin"] is not null && metric["query"] is not null)
        {
            fields.Add(StrategyPath.Field(path, "query"), "query and builtin exclude each other; keep the query, or remove it to measure the built-in metric");
        }
        else if (metric["builtin"] is null)
        {
            query = Query(metric["query"], StrategyPath.Field(path, "query"), fields, canaryLabels, $"write the PromQL query to measure, or name a built-in metric with builtin: ({string.Join(", ", BuiltinMetrics.Names)})");
        }

        var min = fields.Number(metric["min"], StrategyPath.Field(path, "min"), NumberFix);
        var max = fields.Number(metric["max"], StrategyPath.Field(path, "max"), NumberFix);
        if (metric["min"] is null && metric["max"] is null && metric["compare"] is null)
        {
            fields.Required(StrategyPath.Field(path, "min"), "say what a passing value is with min, max or both, e.g. min: 0.99 (or compare: stable)");
        }
        else if (min > max)
        {
            fields.Add(StrategyPath.Field(path, "min"), $"{FieldReader.Show(metric["min"])} is above max {FieldReader.Show(metric["max"])}, so no value could pass; make min at most max");
        }

        var count = fields.Int(metric["count"], StrategyPath.Field(path, "count"), 1, int.MaxValue, "use a whole number of at least 1 (passing measurements needed)");
        var failureLimit = fields.Int(metric["failureLimit"], StrategyPath.Field(path, "failureLimit"), 0, int.MaxValue, "use a whole number of 0 or more (failing measurements tolerated)");
        var inconclusiveLimit = fields.Int(metric["inconclusiveLimit"], StrategyPath.Field(path, "inconclusiveLimit"), 0, int.MaxValue, "use a whole number of 0 or more (inconclusive measurements tolerated)");
        var initialDelay = fields.Duration(metric["initialDelay"], StrategyPath.Field(path, "initialDelay"), allowZero: true);
        var interval = fields.Duration(metric["interval"], StrategyPath.Field(path, "interval"), allowZero: false);
        var minSamples = metric["minSamples"] is JsonValue ? null : MinSamples(metric["minSamples"], StrategyPath.Field(path, "minSamples"), fields, canaryLabels);
        if (fields.Errors.Count > errorsBefore || (query is null && builtin is null))
        {
            return null;
        }

        var defaults = new MetricSpec("", "", null, null);
        var spec = new MetricSpec(
            "",
            query ?? "",
            min,
            max,
            count ?? defaults.Count,
            failureLimit ?? defaults.FailureLimit,
            inconclusiveLimit ?? defaults.InconclusiveLimit,
            initialDelay ?? defaults.InitialDelay,
            interval,
            minSamples)
        {
            Builtin = builtin,
        };
        return ComparisonReader.Read(metric, path, fields, spec);
    }

    private static MinSamplesSpec? MinSamples(JsonNode? node, string path, FieldReader fields, IReadOnlyDictionary<string, string>? canaryLabels)
    {
        var minSamples = fields.Object(node, path, StrategyFields.MinSamples);
        if (minSamples is null)
        {
            return null;
        }

        var query = Query(minSamples["query"], StrategyPath.Field(path, "query"), fields, canaryLabels, "write the PromQL query that counts samples, e.g. the canary's request rate");
        var minPath = StrategyPath.Field(path, "min");
        var min = fields.Number(minSamples["min"], minPath, NumberFix);
        if (minSamples["min"] is null)
        {
            fields.Required(minPath, "write the least value the samples query must reach, e.g. min: 1");
        }
        else if (min < 0)
        {
            fields.Add(minPath, $"{FieldReader.Show(minSamples["min"])} is below 0; use a number of 0 or more");
            return null;
        }

        return query is null || min is null ? null : new MinSamplesSpec(query, min.Value);
    }

    private static string? Query(JsonNode? node, string path, FieldReader fields, IReadOnlyDictionary<string, string>? canaryLabels, string fix)
    {
        var query = fields.RequiredString(node, path, fix);
        if (query is null)
        {
            return null;
        }

        if (string.IsNullOrWhiteSpace(query))
        {
            fields.Required(path, fix);
            return null;
        }

        var valid = true;
        if (QueryTemplate.UnclosedAt(query) is { } at)
        {
            fields.Add(path, $"the \"{{{{\" at offset {at} is not closed; write variables as {{{{namespace}}}}");
            valid = false;
        }

        foreach (var variable in QueryTemplate.Variables(query))
        {
            if (VariableProblem(variable, canaryLabels) is { } problem)
            {
                fields.Add(path, problem);
                valid = false;
            }
        }

        if (valid && fields.Tenancy?.Problem(query, canaryLabels) is { } outside)
        {
            fields.Add(path, outside);
            valid = false;
        }

        return valid ? query : null;
    }

    private static string? VariableProblem(string variable, IReadOnlyDictionary<string, string>? canaryLabels)
    {
        if (QueryTemplate.Builtins.Contains(variable, StringComparer.Ordinal))
        {
            return null;
        }

        if (variable.StartsWith(QueryTemplate.CanaryLabelPrefix, StringComparison.Ordinal))
        {
            var key = variable[QueryTemplate.CanaryLabelPrefix.Length..];
            return canaryLabels is null || canaryLabels.ContainsKey(key)
                ? null
                : $"{{{{{variable}}}}} names no canary label; use one of canaryLabels' keys: {string.Join(", ", canaryLabels.Keys)}";
        }

        var known = string.Join(", ", QueryTemplate.Builtins.Select(b => $"{{{{{b}}}}}"));
        return $"unknown variable {{{{{variable}}}}}; use {known} or {{{{canaryLabels.KEY}}}}";
    }
}
