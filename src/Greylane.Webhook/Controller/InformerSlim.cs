using System.Runtime.CompilerServices;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>
/// What the ReplicaSet and pod informers keep: only the metadata that names an object and leads to its Deployment
/// (name, namespace, resourceVersion, owners). Their changes only queue the owning Deployment, whose reconcile reads the
/// API, so spec, status, labels, annotations and managedFields would be memory held for nothing.
/// </summary>
internal static class InformerSlim
{
    public static V1ReplicaSet ReplicaSet(V1ReplicaSet replicaSet) => new() { Metadata = Metadata(replicaSet.Metadata) };

    public static V1Pod Pod(V1Pod pod) => new() { Metadata = Metadata(pod.Metadata) };

    public static async IAsyncEnumerable<(WatchEventType, TItem)> Events<TItem>(
        IAsyncEnumerable<(WatchEventType, TItem)> events, Func<TItem, TItem> slim, [EnumeratorCancellation] CancellationToken cancellationToken = default)
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
