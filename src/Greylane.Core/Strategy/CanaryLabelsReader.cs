using Greylane.Core.Analysis;
using System.Text.Json.Nodes;

namespace Greylane.Core.Strategy;

/// <summary>Reads <c>canaryLabels</c>: the labels that tell canary pods from stable ones.</summary>
internal static class CanaryLabelsReader
{
    public static IReadOnlyDictionary<string, string> Read(JsonNode? node, FieldReader fields)
    {
        var map = fields.Map(node, StrategyFields.CanaryLabels, "label keys to values, e.g. {version: canary}");
        if (map is null)
        {
            return RolloutStrategy.DefaultCanaryLabels;
        }

        if (map.Count == 0 && !fields.IsPartial)
        {
            fields.Add(StrategyFields.CanaryLabels, "needs at least one label; add one, or leave canaryLabels out for the default greylane.dev/track: canary");
        }

        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (key, valueNode) in map)
        {
            var path = StrategyPath.Key(StrategyFields.CanaryLabels, key);
            var keyProblem = KeyProblem(key);
            if (keyProblem is not null)
            {
                fields.Add(path, keyProblem);
            }

            var value = fields.String(valueNode, path);
            if (valueNode is null)
            {
                fields.Required(path, "write a label value, e.g. canary");
            }
            else if (value is not null && KubernetesNames.LabelValueProblem(value) is { } valueProblem)
            {
                fields.Add(path, $"{FieldReader.Show(value)} is not a valid label value; {valueProblem}");
            }
            else if (value is not null && keyProblem is null)
            {
                labels[key] = value;
            }
        }

        return labels;
    }

    private static string? KeyProblem(string key)
    {
        if (KubernetesNames.LabelKeyProblem(key) is { } problem)
        {
            return $"{FieldReader.Show(key)} is not a valid label key; {problem}";
        }

        // pod-template-hash belongs to the Deployment controller; greylane.dev/ keys other than track mark Greylane's own objects.
        return key == "pod-template-hash"
            ? "\"pod-template-hash\" is set by Kubernetes on every pod; choose another key"
            : key == CanonicalNames.RevisionLabel
                ? $"\"{CanonicalNames.RevisionLabel}\" is set by Greylane on canary pods to the release (the built-in metrics select it); choose another key"
            : key.StartsWith(GreylaneKeys.Prefix, StringComparison.Ordinal) && key != "greylane.dev/track"
                ? $"{FieldReader.Show(key)} is reserved for Greylane's own use; choose another key (greylane.dev/track is free)"
                : null;
    }
}
