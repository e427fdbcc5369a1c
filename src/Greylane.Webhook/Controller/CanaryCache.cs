using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The canary ReplicaSets as the leader's informer holds them, for the reconciles: a reconcile reads a namespace's
/// canaries from here instead of listing them from the API each time (one request fewer per reconcile). The informer
/// is at least as new as the event that queued a reconcile; a copy that is older than a write Greylane just made is
/// harmless, because every canary action is idempotent and the informer's next event queues the Deployment again.
/// Before a leader's informer has synced (and in a process that does not lead), reconciles list from the API.
/// </summary>
internal sealed class CanaryCache(TimeProvider time)
{
    // The canaries this process created that the informer has not shown yet: the same "read your own writes" rule as
    // the Deployments' (OwnWrites), keyed namespace/name of the ReplicaSet.
    private readonly OwnWrites _creates = new(time);
    private volatile ResourceInformer<V1ReplicaSet>? _informer;

    /// <summary>The leader's synced informer of canary ReplicaSets; null when it stops.</summary>
    public void Attach(ResourceInformer<V1ReplicaSet>? informer) => _informer = informer;

    /// <summary>
    /// Notes a canary this process has just created (<paramref name="resourceVersion"/> of the create's answer; null when
    /// the create met one that already existed): until the informer shows it, its absence there proves nothing.
    /// </summary>
    public void Created(string @namespace, string name, string? resourceVersion)
    {
        var key = $"{@namespace}/{name}";
        if (resourceVersion is null)
        {
            _creates.Conflicted(key);
        }
        else
        {
            _creates.Wrote(key, resourceVersion);
        }
    }

    /// <summary>The informer delivered <paramref name="resourceVersion"/> of the ReplicaSet <paramref name="key"/>, or its deletion (null).</summary>
    public void Observed(string key, string? resourceVersion)
    {
        if (resourceVersion is null)
        {
            _creates.Forget(key);
        }
        else
        {
            _creates.Observed(key, resourceVersion);
        }
    }

    /// <summary>
    /// Whether a canary this process created may be missing from the informer only because its watch event has not
    /// arrived yet; then the API is asked instead (a second create would be a second request, though harmless).
    /// </summary>
    public bool MayLag(string @namespace, string name) => !_creates.CacheIsCurrent($"{@namespace}/{name}");

    /// <summary>The canaries of <paramref name="namespace"/>, or null when no synced informer holds them.</summary>
    public IReadOnlyList<V1ReplicaSet>? In(string @namespace) =>
        _informer?.Items().Where(rs => rs.Metadata?.NamespaceProperty == @namespace).ToList();
}
