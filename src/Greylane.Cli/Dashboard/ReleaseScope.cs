using k8s;
using k8s.Models;

namespace Greylane.Cli.Dashboard;

/// <summary>The Deployments and Events the dashboard shows: one namespace, or every namespace (<paramref name="ns"/> null), read with the user's credentials.</summary>
internal sealed class ReleaseScope(IKubernetes client, string? ns)
{
    public IKubernetes Client => client;

    public string? Namespace => ns;

    public async Task<(IList<V1Deployment> Items, string ResourceVersion)> ListDeploymentsAsync(CancellationToken ct)
    {
        var list = ns is null
            ? await client.AppsV1.ListDeploymentForAllNamespacesAsync(cancellationToken: ct)
            : await client.AppsV1.ListNamespacedDeploymentAsync(ns, cancellationToken: ct);
        return (list.Items, list.Metadata.ResourceVersion);
    }

    public IAsyncEnumerable<(WatchEventType, V1Deployment)> WatchDeploymentsAsync(string resourceVersion, TimeSpan timeout, CancellationToken ct) =>
        ns is null
            ? client.AppsV1.WatchListDeploymentForAllNamespacesAsync(resourceVersion: resourceVersion, timeoutSeconds: Seconds(timeout), onError: _ => { }, cancellationToken: ct)
            : client.AppsV1.WatchListNamespacedDeploymentAsync(ns, resourceVersion: resourceVersion, timeoutSeconds: Seconds(timeout), onError: _ => { }, cancellationToken: ct);

    public async Task<string> EventsVersionAsync(CancellationToken ct)
    {
        var list = ns is null
            ? await client.CoreV1.ListEventForAllNamespacesAsync(limit: 1, cancellationToken: ct)
            : await client.CoreV1.ListNamespacedEventAsync(ns, limit: 1, cancellationToken: ct);
        return list.Metadata.ResourceVersion;
    }

    public IAsyncEnumerable<(WatchEventType, Corev1Event)> WatchEventsAsync(string resourceVersion, TimeSpan timeout, CancellationToken ct) =>
        ns is null
            ? client.CoreV1.WatchListEventForAllNamespacesAsync(resourceVersion: resourceVersion, timeoutSeconds: Seconds(timeout), onError: _ => { }, cancellationToken: ct)
            : client.CoreV1.WatchListNamespacedEventAsync(ns, resourceVersion: resourceVersion, timeoutSeconds: Seconds(timeout), onError: _ => { }, cancellationToken: ct);

    /// <summary>A Deployment outside the scope is not served, even when the credentials could read it.</summary>
    public bool Covers(string deploymentNamespace) => ns is null || ns == deploymentNamespace;

    private static int Seconds(TimeSpan timeout) => Math.Max(1, (int)Math.Ceiling(timeout.TotalSeconds));
}
