namespace Greylane.Manifests.Safety.Tests;

/// <summary>
/// Every permission Greylane may hold: the single source of truth for manifests/base/*role*.yaml and the
/// Helm chart. A rule that grants anything beyond this fails the safety check.
/// </summary>
internal static class RbacAllowList
{
    private static readonly string[] Read = ["get", "list", "watch"];
    private static readonly string[] Manage = ["get", "list", "watch", "create", "update", "patch", "delete"];

    /// <summary>(apiGroup, resource) → verbs, granted by a ClusterRole (the Deployments live in any namespace).</summary>
    public static IReadOnlyDictionary<(string Group, string Resource), string[]> ClusterWide { get; } =
        new Dictionary<(string, string), string[]>
        {
            [("apps", "deployments")] = ["get", "list", "watch", "update", "patch"],
            [("apps", "replicasets")] = Manage,
            [("", "services")] = Manage,
            [("", "pods")] = Read,
            [("", "configmaps")] = Read,
            [("", "events")] = ["create", "patch"],
            [("events.k8s.io", "events")] = ["create", "patch"],
            [("networking.istio.io", "virtualservices")] = ["get", "list", "watch", "update", "patch"],
            [("networking.istio.io", "destinationrules")] = ["get", "list", "watch", "update", "patch"],
            // get: an update must carry the current resourceVersion (custom resources refuse unconditional updates).
            [("networking.istio.io", "envoyfilters")] = ["get", "create", "update", "delete"],
            [("gateway.networking.k8s.io", "httproutes")] = ["get", "list", "watch", "update", "patch"],
            [("gateway.networking.k8s.io", "grpcroutes")] = ["get", "list", "watch", "update", "patch"],
        };

    /// <summary>(apiGroup, resource) → verbs, granted only by a Role in Greylane's own namespace.</summary>
    public static IReadOnlyDictionary<(string Group, string Resource), string[]> OwnNamespace { get; } =
        new Dictionary<(string, string), string[]>
        {
            [("coordination.k8s.io", "leases")] = ["get", "create", "update"],
        };
}
