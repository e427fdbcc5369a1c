using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Greylane.Core.Strategy;

/// <summary>Reads <c>steps</c>: canary size, routing, gating metrics and pause of each step.</summary>
internal static class StepReader
{
    /// <summary>More steps than this is a plan no one reviews; the limit also bounds the status JSON.</summary>
    public const int MaxSteps = 20;

    private const string ReplicasFix = "write a whole number like 2 or a percent like 50%";

    public static IReadOnlyList<StepSpec> ReadAll(JsonNode? node, FieldReader fields, IReadOnlyCollection<string>? metrics)
    {
        if (node is null)
        {
            return RolloutStrategy.Default.Steps;
        }

        var list = fields.List(node, "steps", "steps");
        if (list is { Count: 0 })
        {
            fields.Add("steps", "needs at least one step; add one, or leave steps out for the default (1 canary pod, then a manual pause)");
        }
        else if (list is { Count: > MaxSteps })
        {
            fields.Add("steps", $"has {list.Count} steps, more than {MaxSteps}; combine steps");
        }

        var steps = new List<StepSpec>();
        var replicas = ReplicaCount.Of(1);
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var path = StrategyPath.Index("steps", i);
            var step = fields.Object(list![i], path, StrategyFields.Step);
            if (step is null)
            {
                if (list[i] is null)
                {
                    fields.Required(path, "write a step like {replicas: 1, pause: manual}");
                }

                continue;
            }

            // A step without replicas keeps the previous step's canary size (the first step: 1 pod).
            replicas = Replicas(step["replicas"], StrategyPath.Field(path, "replicas"), fields) ?? replicas;
            var weight = fields.Int(step["weight"], StrategyPath.Field(path, "weight"), 0, 100, "use a whole number from 0 to 100");
            var matches = MatchReader.ReadAll(step["matches"], StrategyPath.Field(path, "matches"), fields);
            var analysis = Analysis(step["analysis"], StrategyPath.Field(path, "analysis"), fields, metrics);

            // No pause written: a step gated by metrics moves on when they pass; any other step waits for a person.
            var unwritten = analysis.Count > 0 ? PauseSpec.None : PauseSpec.Manual;
            var pause = Pause(step["pause"], StrategyPath.Field(path, "pause"), fields) ?? unwritten;
            steps.Add(new StepSpec(replicas, weight, matches, pause, analysis));
        }

        return steps;
    }

    private static ReplicaCount? Replicas(JsonNode? node, string path, FieldReader fields)
    {
        switch (node?.GetValueKind())
        {
            case null:
                return null;
            case JsonValueKind.Number:
                return fields.Int(node, path, 1, int.MaxValue, $"{ReplicasFix} (at least 1)") is { } pods ? ReplicaCount.Of(pods) : null;
            case not JsonValueKind.String:
                return Fail(fields, path, $"expected a pod count or percent; got {FieldReader.Describe(node)}; {ReplicasFix}");
        }

        var text = node!.GetValue<string>();
        var isPercent = text.EndsWith('%');
        if (!int.TryParse(isPercent ? text[..^1] : text, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return Fail(fields, path, $"{FieldReader.Show(node)} is not a pod count or percent; {ReplicasFix}");
        }

        return (isPercent, value) switch
        {
            (true, < 1 or > 100) => Fail(fields, path, $"{FieldReader.Show(node)} is outside 1%–100%; use a percent from 1% to 100%, or a pod count like 2"),
            (false, < 1) => Fail(fields, path, $"{FieldReader.Show(node)} is below 1; {ReplicasFix} (at least 1)"),
            (true, _) => ReplicaCount.Percent(value),
            _ => ReplicaCount.Of(value),
        };
    }

    private static List<string> Analysis(JsonNode? node, string path, FieldReader fields, IReadOnlyCollection<string>? metrics)
    {
        var names = new List<string>();
        var list = fields.List(node, path, "metric names");
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            var itemPath = StrategyPath.Index(path, i);
            var name = fields.RequiredString(list![i], itemPath, "name a metric defined in analysis.metrics");
            if (name is null)
            {
                continue;
            }

            if (names.Contains(name))
            {
                fields.Add(itemPath, $"{FieldReader.Show(name)} is listed twice; name each metric once");
            }
            else if (metrics is not null && !metrics.Contains(name))
            {
                var known = metrics.Count == 0 ? "no metrics are defined yet" : $"defined: {string.Join(", ", metrics)}";
                fields.Add(itemPath, $"{FieldReader.Show(name)} is not defined in analysis.metrics; define it there or use a defined name ({known})");
            }
            else
            {
                names.Add(name);
            }
        }

        return names;
    }

    private static PauseSpec? Pause(JsonNode? node, string path, FieldReader fields)
    {
        if (node is JsonValue && node.GetValueKind() == JsonValueKind.String)
        {
            var text = node.GetValue<string>();
            if (text == "manual")
            {
                return PauseSpec.Manual;
            }

            if (GoDuration.Parse(text).Problem == DurationProblem.NotADuration)
            {
                fields.Add(path, $"{FieldReader.Show(node)} is neither manual nor a duration; write manual, or a number and a unit ({GoDuration.Units}), e.g. 30s or 5m");
                return null;
            }
        }

        return fields.Duration(node, path, allowZero: true) is { } duration ? PauseSpec.For(duration) : null;
    }

    private static ReplicaCount? Fail(FieldReader fields, string path, string message)
    {
        fields.Add(path, message);
        return null;
    }
}
