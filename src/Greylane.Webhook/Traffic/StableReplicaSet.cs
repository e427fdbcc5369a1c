using System.Text.Json;
using System.Text.Json.Nodes;
using Greylane.Core.Release;
using Greylane.Core.Traffic;

namespace Greylane.Webhook.Traffic;

/// <summary>Finds the <c>pod-template-hash</c> of a release's stable pods, which host mode pins the stable Service to.</summary>
internal static class StableReplicaSet
{
    /// <summary>
    /// The label of the Deployment's controller-owned ReplicaSet whose template hashes to <paramref name="stable"/>; else
    /// that of the controller-owned ReplicaSet with most replicas whose template is not the release's; else null.
    /// </summary>
    public static string? PodTemplateHash(IEnumerable<JsonObject> replicaSets, string? deploymentUid, string release, string? stable)
    {
        var owned = replicaSets
            .Where(rs => (rs["metadata"]?["ownerReferences"] as JsonArray ?? []).OfType<JsonObject>()
                .Any(o => o["controller"]?.GetValue<bool>() == true && o["uid"]?.GetValue<string>() == deploymentUid))
            .Where(rs => Label(rs) is not null)
            .Select(rs => (ReplicaSet: rs, Hash: Hash(rs["spec"]?["template"])))
            .ToList();
        if (stable is not null && owned.FirstOrDefault(o => o.Hash == stable).ReplicaSet is { } exact)
        {
            return Label(exact);
        }

        return owned
            .Where(o => o.Hash != release)
            .OrderByDescending(o => Number(o.ReplicaSet["status"]?["replicas"]))
            .ThenByDescending(o => Number(o.ReplicaSet["spec"]?["replicas"]))
            .Select(o => Label(o.ReplicaSet))
            .FirstOrDefault();
    }

    // TemplateHash leaves pod-template-hash out of the labels, so a ReplicaSet's template hashes like its Deployment's.
    private static string? Hash(JsonNode? template)
    {
        if (template is not JsonObject)
        {
            return null;
        }

        using var document = JsonDocument.Parse(template.ToJsonString());
        return TemplateHash.Compute(document.RootElement);
    }

    private static long Number(JsonNode? node) => node is JsonValue v && v.TryGetValue<long>(out var n) ? n : 0;

    private static string? Label(JsonObject rs) =>
        rs["metadata"]?["labels"]?[HostModeServices.PodTemplateHash] is JsonValue v && v.TryGetValue<string>(out var hash) ? hash : null;
}
