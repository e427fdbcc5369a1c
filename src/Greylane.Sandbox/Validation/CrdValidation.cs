using System.Text.Json.Nodes;
using Greylane.Sandbox.Api;
using Greylane.Sandbox.Storage;

namespace Greylane.Sandbox.Validation;

/// <summary>The CustomResourceDefinition rules the sandbox needs to serve a CRD's types safely.</summary>
internal static class CrdValidation
{
    public static void Check(JsonObject crd, JsonObject? stored, List<FieldProblem> problems)
    {
        var spec = crd["spec"] as JsonObject ?? [];
        var group = Text(spec["group"]);
        var plural = Text(spec["names"]?["plural"]);
        foreach (var (field, value) in new[] { ("spec.group", group), ("spec.names.plural", plural), ("spec.names.kind", Text(spec["names"]?["kind"])) })
        {
            if (value.Length == 0)
            {
                problems.Add(FieldProblem.Required(field));
            }
        }

        if (spec["versions"] is not JsonArray { Count: > 0 } versions)
        {
            problems.Add(FieldProblem.Required("spec.versions"));
        }
        else if (versions.Count(v => v?["storage"] is JsonValue s && s.TryGetValue(out bool storage) && storage) != 1)
        {
            problems.Add(FieldProblem.Invalid("spec.versions", "Invalid value: must have exactly one version marked as storage version"));
        }

        if (group.Length > 0 && plural.Length > 0 && crd.Name() != $"{plural}.{group}")
        {
            problems.Add(FieldProblem.Invalid("metadata.name", $"Invalid value: \"{crd.Name()}\": must be spec.names.plural+\".\"+spec.group"));
        }

        if (stored is not null && Text(stored["spec"]?["scope"]) != Text(spec["scope"]))
        {
            problems.Add(FieldProblem.Invalid("spec.scope", $"Invalid value: \"{Text(spec["scope"])}\": field is immutable"));
        }
    }

    private static string Text(JsonNode? node) => node is JsonValue v && v.TryGetValue(out string? s) ? s : "";
}
