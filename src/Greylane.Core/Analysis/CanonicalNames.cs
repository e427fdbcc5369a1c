namespace Greylane.Core.Analysis;

/// <summary>
/// Istio's canonical service and revision of a workload, by Istio's own rule, so built-in queries select what Istio
/// reports: the service is <c>service.istio.io/canonical-name</c>, else <c>app.kubernetes.io/name</c>, else <c>app</c>,
/// else the workload's (Deployment's) name.
/// </summary>
public static class CanonicalNames
{
    /// <summary>The pod label Istio reads the canonical service from first.</summary>
    public const string ServiceLabel = "service.istio.io/canonical-name";

    /// <summary>The pod label Istio reads the canonical revision from first; Greylane sets it on canary pods to the release.</summary>
    public const string RevisionLabel = "service.istio.io/canonical-revision";

    /// <summary>The canonical service of pods labelled <paramref name="podLabels"/> of Deployment <paramref name="deployment"/>.</summary>
    public static string Service(IReadOnlyDictionary<string, string>? podLabels, string deployment)
    {
        ArgumentNullException.ThrowIfNull(deployment);
        foreach (var key in (string[])[ServiceLabel, "app.kubernetes.io/name", "app"])
        {
            if (podLabels is not null && podLabels.TryGetValue(key, out var value) && value.Length > 0)
            {
                return value;
            }
        }

        return deployment;
    }

    /// <summary>The canonical service of the pods of <paramref name="podTemplate"/> (a pod template as JSON) of Deployment <paramref name="deployment"/>.</summary>
    public static string Service(System.Text.Json.Nodes.JsonObject? podTemplate, string deployment) =>
        Service(Traffic.Json.StringMap(podTemplate?["metadata"], "labels"), deployment);
}
