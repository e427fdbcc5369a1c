using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The canary ReplicaSets as the leader's informer holds them, for the reconciles: a reconcile reads a namespace's
/// canaries from here instead of listing them from the API each time (one request fewer per reconcile). The informer
/// is at least as new as the event that queued a reconcile; a copy that is older than a write Greylane just made is
/// harmless, because every canary action is idempotent and the informer's next event queues the Deployment again.
/// Before a leader's informer has synced (and in a process that does not lead), reconciles list from the API.
/// </summary>
internal sealed class CanaryCache
{
    private volatile ResourceInformer<V1ReplicaSet>? _informer;

    /// <summary>The leader's synced informer of canary ReplicaSets; null when it stops.</summary>
    public void Attach(ResourceInformer<V1ReplicaSet>? informer) => _informer = informer;

    /// <summary>The canaries of <paramref name="namespace"/>, or null when no synced informer holds them.</summary>
    public IReadOnlyList<V1ReplicaSet>? In(string @namespace) =>
        _informer?.Items().Where(rs => rs.Metadata?.NamespaceProperty == @namespace).ToList();
}
