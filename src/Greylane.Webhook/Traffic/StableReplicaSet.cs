using System.Text.Json;
using Greylane.Core.Release;
using Greylane.Core.Traffic;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Traffic;

/// <summary>Finds the <c>pod-template-hash</c> of a release's stable pods, which host mode pins the stable Service to.</summary>
internal static class StableReplicaSet
{
    /// <summary>
    /// The label of the Deployment's controller-owned ReplicaSet whose template hashes to <paramref name="stable"/>; else
    /// that of the controller-owned ReplicaSet with most replicas not of the Deployment's current template; else null.
    /// </summary>
    public static string? PodTemplateHash(IEnumerable<V1ReplicaSet> replicaSets, V1Deployment deployment, string? stable)
    {
        var uid = deployment.Metadata?.Uid;
        var owned = replicaSets
            .Where(rs => rs.Metadata?.OwnerReferences?.Any(o => o.Controller == true && o.Uid == uid) == true)
            .Where(rs => Label(rs) is not null)
            .Select(rs => (ReplicaSet: rs, Hash: Hash(rs.Spec?.Template)))
            .ToList();
        if (stable is not null && owned.FirstOrDefault(o => o.Hash == stable).ReplicaSet is { } exact)
        {
            return Label(exact);
        }

        var current = Hash(deployment.Spec?.Template);
        return owned
            .Where(o => o.Hash != current)
            .OrderByDescending(o => o.ReplicaSet.Status?.Replicas ?? 0)
            .ThenByDescending(o => o.ReplicaSet.Spec?.Replicas ?? 0)
            .Select(o => Label(o.ReplicaSet))
            .FirstOrDefault();
    }

    // TemplateHash leaves pod-template-hash out of the labels, so a ReplicaSet's template hashes like the Deployment's.
    private static string? Hash(V1PodTemplateSpec? template)
    {
        if (template is null)
        {
            return null;
        }

        using var document = JsonDocument.Parse(KubernetesJson.Serialize(template));
        return TemplateHash.Compute(document.RootElement);
    }

    private static string? Label(V1ReplicaSet rs) =>
        rs.Metadata?.Labels?.TryGetValue(HostModeServices.PodTemplateHash, out var hash) == true ? hash : null;
}
