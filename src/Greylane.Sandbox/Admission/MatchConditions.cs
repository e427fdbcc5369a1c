using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// Evaluates a webhook's <c>matchConditions</c> with kube-apiserver's rule: any false condition skips the webhook,
/// otherwise any evaluation error is a call failure (subject to failurePolicy), otherwise the webhook is called.
/// Expressions outside <see cref="CelSubset"/> count as true, with a notice logged once per expression.
/// </summary>
internal sealed class MatchConditions(Action<string, string> unsupported)
{
    private readonly ConcurrentDictionary<string, Func<IReadOnlyDictionary<string, JsonNode?>, bool>?> _compiled = new(StringComparer.Ordinal);

    public bool Matches(Webhook hook, JsonObject request)
    {
        var conditions = (hook.Spec["matchConditions"] as JsonArray ?? []).OfType<JsonObject>().ToList();
        if (conditions.Count == 0)
            return true;
        var scope = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["object"] = request["object"],
            ["oldObject"] = request["oldObject"],
            ["request"] = request,
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

        return errors.Count == 0
            ? true
            : throw new WebhookCallException(hook.Name, $"failed to evaluate match conditions: [{string.Join(", ", errors)}]");
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
