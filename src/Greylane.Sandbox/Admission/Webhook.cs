using System.Text.Json.Nodes;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// One entry of a MutatingWebhookConfiguration's <c>webhooks</c>, with the defaults the API server fills in
/// (failurePolicy Fail, timeoutSeconds 10, reinvocationPolicy Never).
/// </summary>
internal sealed record Webhook(string ConfigurationName, int Index, JsonObject Spec)
{
    public string Name => (string?)Spec["name"] ?? $"{ConfigurationName}[{Index}]";

    /// <summary>The identity apiserver's reinvocation bookkeeping uses.</summary>
    public string Uid => $"{ConfigurationName}/{Name}/{Index}";

    public bool IgnoreFailures => (string?)Spec["failurePolicy"] == "Ignore";

    public bool ReinvokeIfNeeded => (string?)Spec["reinvocationPolicy"] == "IfNeeded";

    public int TimeoutSeconds => Spec["timeoutSeconds"] is JsonValue v && v.TryGetValue<int>(out var seconds) && seconds > 0 ? seconds : 10;

    public string? SideEffects => (string?)Spec["sideEffects"];

    public JsonObject? ClientConfig => Spec["clientConfig"] as JsonObject;

    /// <summary>Every webhook of every configuration, configurations in name order as kube-apiserver calls them.</summary>
    public static List<Webhook> All(IReadOnlyList<JsonObject> configurations) =>
    [
        .. configurations
            .Select(c => (Name: (string?)c["metadata"]?["name"] ?? "", Config: c))
            .OrderBy(c => c.Name, StringComparer.Ordinal)
            .SelectMany(c => (c.Config["webhooks"] as JsonArray ?? []).OfType<JsonObject>().Select((w, i) => new Webhook(c.Name, i, w))),
    ];
}
