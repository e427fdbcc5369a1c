using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core.Analysis;

namespace Greylane.Core.Strategy;

/// <summary>Reads a metric's built-in and comparison fields: builtin, window, reporter, compare, tolerances, test and a numeric minSamples.</summary>
internal static class ComparisonReader
{
    private const string ToleranceFix = "write a number of 0 or more without quotes";

    public static BuiltinMetric? Builtin(JsonNode node, string path, FieldReader fields)
    {
        var name = fields.String(node, path);
        if (name is null)
        {
            return null;
        }

        var builtin = BuiltinMetrics.Parse(name);
        if (builtin is null)
        {
            fields.Add(path, $"{FieldReader.Show(name)} is not a built-in metric; use one of {string.Join(", ", BuiltinMetrics.Names)}");
        }

        return builtin;
    }

    /// <summary><paramref name="spec"/> with the comparison fields of <paramref name="metric"/>, or null when they have problems.</summary>
    public static MetricSpec? Read(JsonObject metric, string path, FieldReader fields, MetricSpec spec)
    {
        var errorsBefore = fields.Errors.Count;
        var builtin = spec.Builtin;
        var testNode = metric["test"];
        var window = Only(metric, "window", path, fields, builtin is not null || testNode is not null, "window is the range of a built-in metric or of a test's samples; a query writes its own range, e.g. [1m] or [{{interval}}]")
            ? fields.Duration(metric["window"], StrategyPath.Field(path, "window"), allowZero: false)
            : null;
        var reporter = Reporter(metric, path, fields, builtin is not null);
        var compare = Compare(metric, path, fields, spec);
        var test = Test(metric, path, fields, compare is not null);
        var minSamples = MinSamplesCount(metric, path, fields, spec, test is not null);
        var finalWindow = window ?? (test is not null ? TestSpec.DefaultWindow : MetricSpec.DefaultWindow);
        if (test is not null)
        {
            var samples = finalWindow.Ticks / test.Step.Ticks;
            var least = minSamples ?? TestSpec.DefaultMinSamples;
            if (samples < least || samples > TestSpec.MaxSamples)
            {
                fields.Add(
                    StrategyPath.Field(path, metric["window"] is null ? "step" : "window"),
                    $"window {GoDuration.Format(finalWindow)} at step {GoDuration.Format(test.Step)} gives {samples} samples per side; make it from {least} (minSamples) to {TestSpec.MaxSamples}, e.g. window: 5m with step: 30s");
            }
        }

        return fields.Errors.Count > errorsBefore
            ? null
            : spec with
            {
                Window = finalWindow,
                Reporter = reporter,
                Compare = compare,
                Test = test,
                MinSamplesCount = minSamples ?? (test is not null ? TestSpec.DefaultMinSamples : null),
            };
    }

    private static MeshReporter Reporter(JsonObject metric, string path, FieldReader fields, bool builtin)
    {
        if (!Only(metric, "reporter", path, fields, builtin, "reporter chooses whose report the built-in metrics read; remove it, or use builtin:"))
        {
            return MeshReporter.Destination;
        }

        var at = StrategyPath.Field(path, "reporter");
        return fields.String(metric["reporter"], at) switch
        {
            null => MeshReporter.Destination,
            "destination" => MeshReporter.Destination,
            "waypoint" => MeshReporter.Waypoint,
            var other => Refuse(fields, at, $"{FieldReader.Show(other)} is not a reporter; use destination (sidecars, the default) or waypoint (ambient mode with a waypoint proxy)", MeshReporter.Destination),
        };
    }

    private static CompareSpec? Compare(JsonObject metric, string path, FieldReader fields, MetricSpec spec)
    {
        var comparing = metric["compare"] is not null;
        var drop = Only(metric, "maxDrop", path, fields, comparing, "maxDrop is a tolerance against stable; add compare: stable or remove it")
            ? Tolerance(metric, "maxDrop", path, fields)
            : null;
        var increase = Only(metric, "maxIncrease", path, fields, comparing, "maxIncrease is a tolerance against stable; add compare: stable or remove it")
            ? Tolerance(metric, "maxIncrease", path, fields)
            : null;
        if (!comparing)
        {
            return null;
        }

        var at = StrategyPath.Field(path, "compare");
        var target = fields.String(metric["compare"], at);
        if (target is not null && target != "stable")
        {
            fields.Add(at, $"{FieldReader.Show(target)} cannot be compared with; write compare: stable");
        }

        switch (spec.Builtin)
        {
            case BuiltinMetric.RequestRate:
                fields.Add(at, "request-rate is neither better nor worse when higher; compare success-rate or a latency, and use request-rate with min or max");
                return null;
            case BuiltinMetric.SuccessRate:
                Refuse(fields, metric["maxIncrease"], StrategyPath.Field(path, "maxIncrease"), "success-rate is worse when lower; use maxDrop (default 0.01)");
                return new CompareSpec(drop ?? CompareSpec.DefaultMaxDrop, null);
            case { }:
                Refuse(fields, metric["maxDrop"], StrategyPath.Field(path, "maxDrop"), "a latency is worse when higher; use maxIncrease (default 0.2, i.e. 20 % slower)");
                return new CompareSpec(null, increase ?? CompareSpec.DefaultMaxIncrease);
        }

        if (metric["maxDrop"] is not null && metric["maxIncrease"] is not null)
        {
            fields.Add(StrategyPath.Field(path, "maxIncrease"), "maxDrop and maxIncrease exclude each other; keep the one that says which way is worse");
        }
        else if (metric["maxDrop"] is null && metric["maxIncrease"] is null)
        {
            fields.Add(StrategyPath.Field(path, "maxDrop"), "required with compare: stable and a query; say which way is worse: maxDrop: 0.01 (lower is worse) or maxIncrease: 0.2 (higher is worse)");
        }

        if (spec.Query.Length > 0 && RevisionMatchers.Problem(spec.Query) is { } problem)
        {
            fields.Add(StrategyPath.Field(path, "query"), problem);
        }

        return new CompareSpec(drop, drop is null ? increase : null);
    }

    private static TestSpec? Test(JsonObject metric, string path, FieldReader fields, bool comparing)
    {
        var testing = metric["test"] is not null;
        var confidence = Only(metric, "confidence", path, fields, testing, "confidence belongs to test: mann-whitney; add the test or remove it")
            ? fields.Number(metric["confidence"], StrategyPath.Field(path, "confidence"), "write a number between 0 and 1 such as 0.95")
            : null;
        var step = Only(metric, "step", path, fields, testing, "step is the interval of a test's samples; add test: mann-whitney or remove it")
            ? fields.Duration(metric["step"], StrategyPath.Field(path, "step"), allowZero: false)
            : null;
        if (!testing)
        {
            return null;
        }

        var at = StrategyPath.Field(path, "test");
        var name = fields.String(metric["test"], at);
        if (name is not null && name != "mann-whitney")
        {
            fields.Add(at, $"{FieldReader.Show(name)} is not a test Greylane knows; write test: mann-whitney");
        }

        if (!comparing)
        {
            fields.Add(at, "a test compares the canary with stable; add compare: stable");
        }

        if (confidence is { } c && (c <= 0 || c >= 1))
        {
            fields.Add(StrategyPath.Field(path, "confidence"), $"{FieldReader.Show(metric["confidence"])} is outside 0–1 (both excluded); use e.g. 0.95");
        }

        return new TestSpec(confidence ?? TestSpec.DefaultConfidence, step ?? TestSpec.DefaultStep);
    }

    private static double? MinSamplesCount(JsonObject metric, string path, FieldReader fields, MetricSpec spec, bool testing)
    {
        var at = StrategyPath.Field(path, "minSamples");
        var node = metric["minSamples"];
        if (node is JsonObject && testing)
        {
            fields.Add(at, "with test, minSamples is the least number of samples on each side; write a number, e.g. minSamples: 5");
            return null;
        }

        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            return null; // absent, or the mapping form read with the query
        }

        if (!testing && spec.Builtin is null)
        {
            fields.Add(at, "a number counts the requests of a built-in metric or the samples of a test; for a query write minSamples: {query: ..., min: 1}");
            return null;
        }

        if (testing)
        {
            return fields.Int(node, at, 2, TestSpec.MaxSamples, $"use a whole number of samples per side from 2 to {TestSpec.MaxSamples}");
        }

        var requests = fields.Number(node, at, "write the least number of requests in the window on each side, e.g. minSamples: 50");
        return requests < 0 ? Refuse<double?>(fields, at, $"{FieldReader.Show(node)} is below 0; use a number of requests of 0 or more", null) : requests;
    }

    private static double? Tolerance(JsonObject metric, string name, string path, FieldReader fields)
    {
        var at = StrategyPath.Field(path, name);
        var value = fields.Number(metric[name], at, ToleranceFix);
        return value < 0 ? Refuse<double?>(fields, at, $"{FieldReader.Show(metric[name])} is below 0; {ToleranceFix}", null) : value;
    }

    /// <summary>True when <paramref name="name"/> is absent or allowed; records <paramref name="problem"/> when it is there but not allowed.</summary>
    private static bool Only(JsonObject metric, string name, string path, FieldReader fields, bool allowed, string problem)
    {
        if (metric[name] is null)
        {
            return false;
        }

        if (!allowed)
        {
            fields.Add(StrategyPath.Field(path, name), problem);
        }

        return allowed;
    }

    private static void Refuse(FieldReader fields, JsonNode? node, string path, string problem)
    {
        if (node is not null)
        {
            fields.Add(path, problem);
        }
    }

    private static T Refuse<T>(FieldReader fields, string path, string problem, T value)
    {
        fields.Add(path, problem);
        return value;
    }
}
