using System.Text.Json.Nodes;
using Greylane.Manifests.Rendering.Tests;

namespace Greylane.Manifests.Safety.Tests;

/// <summary>Checks Greylane's Deployment, its PodDisruptionBudget and its Service in a rendered stream.</summary>
internal static class WorkloadCheck
{
    public static IEnumerable<string> Problems(RenderedManifests manifests)
    {
        var deployments = manifests.OfKind("Deployment").ToList();
        if (deployments.Count != 1)
        {
            yield return $"expected exactly one Deployment (Greylane's), found {deployments.Count}";
            yield break;
        }

        var deployment = deployments[0];
        var who = RenderedManifests.Describe(deployment);
        var pod = deployment["spec"]?["template"]?["spec"];
        if ((ManifestJson.Whole(deployment["spec"]?["replicas"]) ?? 1) < 2)
        {
            yield return $"{who}: replicas must be at least 2 so that the webhook survives one pod's loss";
        }

        if (new[] { "hostNetwork", "hostPID", "hostIPC" }.Any(k => ManifestJson.Flag(pod?[k]) == true))
        {
            yield return $"{who}: must not share the host's network, PID or IPC namespace";
        }

        if (pod?["affinity"]?["podAntiAffinity"] is not JsonObject antiAffinity || !antiAffinity.ToJsonString().Contains("kubernetes.io/hostname", StringComparison.Ordinal))
        {
            yield return $"{who}: needs podAntiAffinity by kubernetes.io/hostname so that the replicas run on different nodes";
        }

        var containers = pod?["containers"]?.AsArray().OfType<JsonObject>().ToList() ?? [];
        foreach (var container in containers)
        {
            foreach (var problem in ContainerCheck.Problems(who, pod!, container))
            {
                yield return problem;
            }
        }

        if (!containers.SelectMany(c => c["args"]?.AsArray() ?? []).Any(a => ManifestJson.Text(a) == "--leader-elect=true"))
        {
            yield return $"{who}: args must include --leader-elect=true (two replicas, one reconciling leader)";
        }

        var podLabels = pod?.Parent?["metadata"]?["labels"]?.AsObject() ?? [];
        foreach (var problem in PdbProblems(manifests, podLabels).Concat(ServiceProblems(manifests, podLabels)))
        {
            yield return problem;
        }
    }

    private static IEnumerable<string> PdbProblems(RenderedManifests manifests, JsonObject podLabels)
    {
        var pdb = manifests.OfKind("PodDisruptionBudget").FirstOrDefault(p => Selects(p["spec"]?["selector"]?["matchLabels"], podLabels));
        if (pdb is null)
        {
            yield return "no PodDisruptionBudget selects Greylane's pods; add one with minAvailable: 1";
        }
        else if ((ManifestJson.Whole(pdb["spec"]?["minAvailable"]) ?? 0) < 1)
        {
            yield return $"{RenderedManifests.Describe(pdb)}: minAvailable must be at least 1 (a whole number)";
        }
    }

    private static IEnumerable<string> ServiceProblems(RenderedManifests manifests, JsonObject podLabels)
    {
        var service = manifests.OfKind("Service").FirstOrDefault(s => Selects(s["spec"]?["selector"], podLabels));
        if (service is null)
        {
            yield return "no Service selects Greylane's pods; the webhook configuration needs one";
        }
        else if (service["spec"]?["ports"]?.AsArray().Any(p => ManifestJson.Whole(p?["port"]) == 443) != true)
        {
            yield return $"{RenderedManifests.Describe(service)}: must serve port 443 (the API server calls the webhook there)";
        }
    }

    /// <summary>True when a non-empty selector's labels are all on the pod.</summary>
    private static bool Selects(JsonNode? selector, JsonObject podLabels) =>
        selector is JsonObject { Count: > 0 } labels
        && labels.All(l => ManifestJson.Text(podLabels[l.Key]) is { } value && value == ManifestJson.Text(l.Value));
}
