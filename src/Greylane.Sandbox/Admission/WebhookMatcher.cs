using System.Text.Json.Nodes;
using Greylane.Sandbox.Selectors;

namespace Greylane.Sandbox.Admission;

/// <summary>
/// Whether a webhook applies to a request: kube-apiserver's namespace matcher, object matcher and rule matcher
/// (k8s.io/apiserver/pkg/admission/plugin/webhook), in that order.
/// </summary>
internal sealed class WebhookMatcher(Func<string, JsonObject?> namespaceLookup)
{
    /// <summary>The label the API server puts on every namespace (NamespaceDefaultLabelName).</summary>
    public const string NamespaceNameLabel = "kubernetes.io/metadata.name";

    /// <summary>True to call, false to skip; a <see cref="WebhookRejection"/> when the namespace does not exist.</summary>
    public bool Matches(Webhook hook, AdmissionAttributes attributes)
    {
        var namespaceMatch = MatchesNamespace(hook, attributes, out var missingNamespace);
        if (!namespaceMatch && missingNamespace is null)
            return false;
        if (!MatchesObject(hook, attributes))
            return false;
        if (!(hook.Spec["rules"] as JsonArray ?? []).OfType<JsonObject>().Any(rule => MatchesRule(rule, attributes)))
            return false;
        return missingNamespace is null
            ? true
            : throw new WebhookRejection(404, "NotFound", $"namespaces \"{missingNamespace}\" not found");
    }

    private static bool IsNamespace(AdmissionAttributes a) => a.Resource.Group.Length == 0 && a.Resource.Plural == "namespaces";

    // For a Namespace the request's namespace is the object's own name.
    private static string RequestNamespace(AdmissionAttributes a) => IsNamespace(a) ? a.Name : a.Namespace ?? "";

    private bool MatchesNamespace(Webhook hook, AdmissionAttributes attributes, out string? missing)
    {
        missing = null;
        var ns = RequestNamespace(attributes);
        if (ns.Length == 0)
            return true; // cluster-scoped resources other than namespaces are never exempted
        var selector = LabelSelector.FromJson(hook.Spec["namespaceSelector"] as JsonObject);
        if (selector.IsEmpty)
            return true;

        // A namespace being created or updated is judged by its new labels; otherwise by the stored namespace.
        var namespaceObject = IsNamespace(attributes) && attributes.SubResource is null && attributes.Operation is "CREATE" or "UPDATE"
            ? attributes.Object
            : namespaceLookup(ns);
        if (namespaceObject is null)
        {
            missing = ns;
            return false;
        }

        var labels = new Dictionary<string, string>(LabelSelector.LabelsOf(namespaceObject), StringComparer.Ordinal);
        labels.TryAdd(NamespaceNameLabel, ns);
        return selector.Matches(labels);
    }

    private static bool MatchesObject(Webhook hook, AdmissionAttributes attributes)
    {
        var selector = LabelSelector.FromJson(hook.Spec["objectSelector"] as JsonObject);
        return selector.IsEmpty
            || (attributes.Object is not null && selector.Matches(attributes.Object))
            || (attributes.OldObject is not null && selector.Matches(attributes.OldObject));
    }

    private static bool MatchesRule(JsonObject rule, AdmissionAttributes a)
    {
        var scope = (string?)rule["scope"] ?? "*";
        var clusterScoped = IsNamespace(a) || string.IsNullOrEmpty(a.Namespace);
        var scopeMatches = scope switch
        {
            "*" => true,
            "Namespaced" => !clusterScoped,
            "Cluster" => clusterScoped,
            _ => false,
        };
        return scopeMatches
            && ExactOrWildcard(rule["operations"], a.Operation)
            && ExactOrWildcard(rule["apiGroups"], a.Resource.Group)
            && ExactOrWildcard(rule["apiVersions"], a.Resource.Version)
            && Strings(rule["resources"]).Any(r => ResourceMatches(r, a.Resource.Plural, a.SubResource ?? ""));
    }

    // "pods" matches no subresource, "pods/*" every subresource, "*/status" every resource's status, "*" every resource.
    private static bool ResourceMatches(string pattern, string resource, string subResource)
    {
        var slash = pattern.IndexOf('/', StringComparison.Ordinal);
        var (res, sub) = slash < 0 ? (pattern, "") : (pattern[..slash], pattern[(slash + 1)..]);
        return (res == "*" || res == resource) && (sub == "*" || sub == subResource);
    }

    private static bool ExactOrWildcard(JsonNode? items, string requested) => Strings(items).Any(i => i == "*" || i == requested);

    private static IEnumerable<string> Strings(JsonNode? items) =>
        (items as JsonArray ?? []).Select(i => i is JsonValue v && v.TryGetValue<string>(out var s) ? s : null).OfType<string>();
}
