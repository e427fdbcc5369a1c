using System.Text.Json.Nodes;
using Greylane.Manifests.Rendering.Tests;

namespace Greylane.Manifests.Safety.Tests;

/// <summary>
/// Checks the MutatingWebhookConfiguration: fail closed, but only for opted-in Deployments, never for system namespaces,
/// and for every user's writes but Greylane's own.
/// </summary>
internal static class WebhookConfigurationCheck
{
    // The CEL expression is checked for its parts, not evaluated: both objects, each guarded against null and a missing map.
    private static readonly string[] MatchConditionParts =
    [
        "object != null", "oldObject != null",
        "has(object.metadata.annotations)", "has(oldObject.metadata.annotations)",
        "'greylane.dev/enabled'",
    ];

    public static IEnumerable<string> Problems(RenderedManifests manifests, string ownNamespace)
    {
        var configurations = manifests.OfKind("MutatingWebhookConfiguration").ToList();
        if (configurations.Count == 0)
        {
            yield return "no MutatingWebhookConfiguration; Greylane cannot hold releases without it";
        }

        foreach (var configuration in configurations)
        {
            var webhooks = configuration["webhooks"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
            if (webhooks.Count == 0)
            {
                yield return $"{RenderedManifests.Describe(configuration)}: has no webhooks";
            }

            foreach (var problem in webhooks.SelectMany(w => WebhookProblems(manifests, w, $"webhook {ManifestJson.Text(w["name"])}", ownNamespace)))
            {
                yield return problem;
            }
        }
    }

    private static IEnumerable<string> WebhookProblems(RenderedManifests manifests, JsonObject webhook, string who, string ownNamespace)
    {
        if (webhook["admissionReviewVersions"] is not JsonArray { Count: 1 } versions || ManifestJson.Text(versions[0]) != "v1")
        {
            yield return $"{who}: admissionReviewVersions must be [v1]";
        }

        foreach (var (field, expected) in new[] { ("sideEffects", "None"), ("failurePolicy", "Fail"), ("reinvocationPolicy", "IfNeeded") })
        {
            if (ManifestJson.Text(webhook[field]) != expected)
            {
                yield return $"{who}: {field} must be {expected}";
            }
        }

        if (ManifestJson.Whole(webhook["timeoutSeconds"]) != 5)
        {
            yield return $"{who}: timeoutSeconds must be 5";
        }

        if (!RulesAreDeploymentsOnly(webhook["rules"]))
        {
            yield return $"{who}: rules must be exactly apps/v1 deployments on CREATE and UPDATE";
        }

        var service = webhook["clientConfig"]?["service"];
        if (service is null || ManifestJson.Text(service["path"]) != "/mutate/deployments"
            || ManifestJson.Text(service["namespace"]) != ownNamespace
            || manifests.Find("Service", ManifestJson.Text(service["name"]) ?? "") is null)
        {
            yield return $"{who}: clientConfig.service must name Greylane's Service in {ownNamespace} with path /mutate/deployments";
        }

        if (webhook["clientConfig"]?["caBundle"] is null)
        {
            yield return $"{who}: clientConfig.caBundle must be present (a placeholder filled at install time)";
        }

        var expressions = webhook["matchConditions"]?.AsArray().Select(c => ManifestJson.Text(c?["expression"]) ?? "").ToList() ?? [];
        if (expressions.Count == 0 || MatchConditionParts.Any(part => !expressions.Any(e => e.Contains(part, StringComparison.Ordinal))))
        {
            yield return $"{who}: matchConditions must limit it to Deployments with greylane.dev/enabled on the old or new object (null-safe, using has())";
        }

        // Leaving a user out of the review lets that user's releases through unheld: only Greylane itself, exactly.
        var ownWrites = OwnServiceAccounts(manifests, ownNamespace).Select(user => $"request.userInfo.username != '{user}'").ToList();
        var userConditions = expressions.Where(e => e.Contains("userInfo", StringComparison.Ordinal)).ToList();
        if (userConditions.Count != 1 || !ownWrites.Contains(userConditions[0].Trim()))
        {
            yield return $"{who}: matchConditions must leave out Greylane's own ServiceAccount and no other user: "
                + $"request.userInfo.username != 'system:serviceaccount:{ownNamespace}:NAME', NAME the serviceAccountName of Greylane's Deployment";
        }

        if (!ExcludesNamespaces(webhook["namespaceSelector"], "kube-system", ownNamespace))
        {
            yield return $"{who}: namespaceSelector must exclude kube-system and {ownNamespace} (kubernetes.io/metadata.name NotIn)";
        }
    }

    // The users Greylane's own pods run as: the ServiceAccount of each Deployment in its namespace.
    private static IEnumerable<string> OwnServiceAccounts(RenderedManifests manifests, string ownNamespace) =>
        manifests.OfKind("Deployment")
            .Where(d => ManifestJson.Text(d["metadata"]?["namespace"]) == ownNamespace)
            .Select(d => ManifestJson.Text(d["spec"]?["template"]?["spec"]?["serviceAccountName"]))
            .OfType<string>()
            .Select(name => $"system:serviceaccount:{ownNamespace}:{name}");

    private static bool RulesAreDeploymentsOnly(JsonNode? rules) =>
        rules is JsonArray { Count: > 0 } list && list.All(rule =>
            Strings(rule?["apiGroups"]).SequenceEqual(["apps"])
            && Strings(rule?["apiVersions"]).SequenceEqual(["v1"])
            && Strings(rule?["resources"]).SequenceEqual(["deployments"])
            && Strings(rule?["operations"]).Order(StringComparer.Ordinal).SequenceEqual(["CREATE", "UPDATE"]));

    private static bool ExcludesNamespaces(JsonNode? selector, params string[] namespaces) =>
        selector?["matchExpressions"]?.AsArray().Any(e =>
            ManifestJson.Text(e?["key"]) == "kubernetes.io/metadata.name"
            && ManifestJson.Text(e?["operator"]) == "NotIn"
            && namespaces.All(Strings(e?["values"]).Contains)) == true;

    private static List<string> Strings(JsonNode? node) =>
        node is JsonArray array ? [.. array.Select(v => ManifestJson.Text(v) ?? "")] : [];
}
