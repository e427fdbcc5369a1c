using System.Text.Json.Nodes;
using Greylane.Sandbox.Api;
using Greylane.Sandbox.Selectors;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Validation;

/// <summary>The required-field and immutability checks of kube-apiserver that Greylane's writes could trip over.</summary>
internal static class ObjectValidation
{
    /// <summary>Throws 422 Invalid naming every problem found.</summary>
    public static void Check(ResourceType type, JsonObject obj, JsonObject? stored)
    {
        var problems = new List<FieldProblem>();
        switch (type.StorageKey())
        {
            case "apps/deployments" or "apps/replicasets":
                CheckWorkload(obj, stored, problems);
                break;
            case "/pods":
                CheckContainers(obj["spec"] as JsonObject, "spec", problems);
                break;
            case "apiextensions.k8s.io/customresourcedefinitions":
                CrdValidation.Check(obj, stored, problems);
                break;
        }

        if (problems.Count > 0)
        {
            throw ApiException.Invalid(type, obj.Name(), problems);
        }
    }

    private static void CheckWorkload(JsonObject obj, JsonObject? stored, List<FieldProblem> problems)
    {
        var spec = obj["spec"] as JsonObject ?? [];
        if (JsonNumbers.AsLong(spec["replicas"]) is { } replicas && replicas < 0)
        {
            problems.Add(FieldProblem.Invalid("spec.replicas", $"Invalid value: {replicas}: must be greater than or equal to 0"));
        }

        if (spec["selector"] is not JsonObject selector || selector.Count == 0)
        {
            problems.Add(FieldProblem.Required("spec.selector"));
        }
        else
        {
            var labels = LabelSelector.LabelsOf(spec["template"] as JsonObject);
            if (!SafeFromJson(selector).Matches(labels))
            {
                problems.Add(FieldProblem.Invalid("spec.template.metadata.labels",
                    $"Invalid value: {Render(labels)}: `selector` does not match template `labels`"));
            }

            // apps/v1 made the selector immutable: changing it would orphan the existing pods.
            if (stored?["spec"]?["selector"] is JsonNode before && !JsonNode.DeepEquals(before, selector))
            {
                problems.Add(FieldProblem.Invalid("spec.selector", $"Invalid value: {selector.ToJsonString()}: field is immutable"));
            }
        }

        CheckContainers(spec["template"]?["spec"] as JsonObject, "spec.template.spec", problems);
    }

    private static void CheckContainers(JsonObject? podSpec, string path, List<FieldProblem> problems)
    {
        if (podSpec?["containers"] is not JsonArray { Count: > 0 } containers)
        {
            problems.Add(FieldProblem.Required($"{path}.containers"));
            return;
        }

        for (var i = 0; i < containers.Count; i++)
        {
            foreach (var field in new[] { "name", "image" })
            {
                if (containers[i]?[field] is not JsonValue v || !v.TryGetValue(out string? text) || text.Length == 0)
                {
                    problems.Add(FieldProblem.Required($"{path}.containers[{i}].{field}"));
                }
            }
        }
    }

    private static LabelSelector SafeFromJson(JsonObject selector)
    {
        try
        {
            return LabelSelector.FromJson(selector);
        }
        catch (FormatException)
        {
            return LabelSelector.Everything;
        }
    }

    // Go's %v of a map[string]string, which the real message shows.
    private static string Render(IReadOnlyDictionary<string, string> labels) =>
        "map[string]string{" + string.Join(", ", labels.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"\"{p.Key}\":\"{p.Value}\"")) + "}";
}
