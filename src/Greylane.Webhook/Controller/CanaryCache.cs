using System.Collections.Concurrent;
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
    /// <summary>How long a create of this process may take to reach the informer (a watch event, normally milliseconds).</summary>
    private const long CreateReachesInformerMs = 30_000;

    private readonly ConcurrentDictionary<string, long> _created = new(StringComparer.Ordinal);
    private volatile ResourceInformer<V1ReplicaSet>? _informer;

    /// <summary>The leader's synced informer of canary ReplicaSets; null when it stops.</summary>
    public void Attach(ResourceInformer<V1ReplicaSet>? informer) => _informer = informer;

    /// <summary>Notes a canary this process has just created: until the informer shows it, its absence there proves nothing.</summary>
    public void Created(string @namespace, string name)
    {
        var now = Environment.TickCount64;
        foreach (var (key, at) in _created)
        {
            if (now - at > CreateReachesInformerMs)
            {
                _created.TryRemove(key, out _);
            }
        }

        _created[$"{@namespace}/{name}"] = now;
    }

    /// <summary>
    /// Whether a canary this process created may be missing from the informer only because its watch event has not
    /// arrived yet; then the API is asked instead (a second create would be a second request, though harmless).
    /// </summary>
    public bool MayLag(string @namespace, string name) =>
        _created.TryGetValue($"{@namespace}/{name}", out var at) && Environment.TickCount64 - at <= CreateReachesInformerMs;

    /// <summary>The canaries of <paramref name="namespace"/>, or null when no synced informer holds them.</summary>
    public IReadOnlyList<V1ReplicaSet>? In(string @namespace) =>
        _informer?.Items().Where(rs => rs.Metadata?.NamespaceProperty == @namespace).ToList();
}
