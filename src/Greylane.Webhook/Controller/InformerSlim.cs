using System.Runtime.CompilerServices;
using Greylane.Core;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>
/// What the ReplicaSet and pod informers keep: the metadata that names an object and leads to its Deployment (name,
/// namespace, resourceVersion, owners), and for a canary ReplicaSet what a reconcile observes of it (its release label,
/// deletion, desired and available replicas: <see cref="CanaryCache"/>). Templates, other labels, annotations and
/// managedFields would be memory held for nothing.
/// </summary>
internal static class InformerSlim
{
    public static V1ReplicaSet ReplicaSet(V1ReplicaSet replicaSet)
    {
        var metadata = Metadata(replicaSet.Metadata);
        metadata.DeletionTimestamp = replicaSet.Metadata?.DeletionTimestamp;
        if (replicaSet.Metadata?.Labels?.TryGetValue(GreylaneKeys.Release, out var release) == true)
        {
            metadata.Labels = new Dictionary<string, string>(StringComparer.Ordinal) { [GreylaneKeys.Release] = release };
        }

        return new V1ReplicaSet
        {
            Metadata = metadata,
            Spec = new V1ReplicaSetSpec { Replicas = replicaSet.Spec?.Replicas },
            Status = new V1ReplicaSetStatus { AvailableReplicas = replicaSet.Status?.AvailableReplicas },
        };
    }

    public static V1Pod Pod(V1Pod pod) => new() { Metadata = Metadata(pod.Metadata) };

    /// <summary>A watch's events with each object reduced to what the informer keeps.</summary>
    public static async IAsyncEnumerable<(WatchEventType, TKept)> Events<TItem, TKept>(
        IAsyncEnumerable<(WatchEventType, TItem)> events, Func<TItem, TKept> slim, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var (type, item) in events.WithCancellation(cancellationToken))
        {
            yield return (type, slim(item));
        }
    }

    private static V1ObjectMeta Metadata(V1ObjectMeta? metadata) => new()
    {
        Name = metadata?.Name,
        NamespaceProperty = metadata?.NamespaceProperty,
        ResourceVersion = metadata?.ResourceVersion,
        OwnerReferences = metadata?.OwnerReferences?.Select(o => new V1OwnerReference { Kind = o.Kind, Name = o.Name, Uid = o.Uid, ApiVersion = o.ApiVersion }).ToList(),
    };
}
