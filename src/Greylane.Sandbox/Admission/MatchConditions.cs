using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// Evaluates a webhook's <c>matchConditions</c> with kube-apiserver's rule: any false condition skips the webhook;
/// otherwise evaluation errors skip it under failurePolicy Ignore and reject the write with 403 Forbidden under Fail;
/// otherwise the webhook is called.
/// Expressions outside <see cref="CelSubset"/> count as true, with a notice logged once per expression.
/// </summary>
internal sealed class MatchConditions(Action<string, string> unsupported)
{
    private readonly ConcurrentDictionary<string, Func<IReadOnlyDictionary<string, JsonNode?>, bool>?> _compiled = new(StringComparer.Ordinal);

    public bool Matches(Webhook hook, AdmissionAttributes attributes, JsonObject request)
    {
        var conditions = (hook.Spec["matchConditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (conditions.Count == 0)
            return true;
        var scope = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["object"] = request["object"],
            ["oldObject"] = request["oldObject"],
            ["request"] = TypedRequest(request),
        };
        var errors = new List<string>();
        foreach (var condition in conditions)
        {
            var expression = (string?)condition["expression"] ?? "";
            var evaluate = _compiled.GetOrAdd(expression, Compile);
            try
            {
                if (evaluate is not null && !evaluate(scope))
                    return false;
            }
            catch (InvalidOperationException e)
            {
                errors.Add($"expression '{expression}' resulted in error: {e.Message}");
            }
        }

        if (errors.Count == 0)
            return true;
        if (hook.IgnoreFailures)
            return false;
        var resource = attributes.Resource.Group.Length == 0 ? attributes.Resource.Plural : $"{attributes.Resource.Plural}.{attributes.Resource.Group}";
        var aggregate = errors.Count == 1 ? errors[0] : $"[{string.Join(", ", errors)}]";
        throw new WebhookRejection(403, "Forbidden", $"{resource} \"{attributes.Name}\" is forbidden: {aggregate}");
    }

    // CEL sees the request as a typed AdmissionRequest: string fields omitted from the JSON are "" rather than missing.
    private static JsonObject TypedRequest(JsonObject request)
    {
        var typed = (JsonObject)request.DeepClone();
        foreach (var field in new[] { "name", "namespace", "subResource", "requestSubResource" })
            typed[field] ??= "";
        return typed;
    }

    private Func<IReadOnlyDictionary<string, JsonNode?>, bool>? Compile(string expression)
    {
        try
        {
            return CelSubset.Compile(expression);
        }
        catch (NotSupportedException e)
        {
            unsupported(expression, e.Message);
            return null;
        }
    }
}
