using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Greylane.Core;
using k8s;
using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>
/// The work of the leader: informers on opted-in Deployments and on the canary ReplicaSets and pods, a per-Deployment
/// queue, and workers that reconcile. Runs until cancelled (leadership lost or shutdown), then stops every write.
/// </summary>
internal sealed partial class RolloutController(
    IKubernetes kube,
    RolloutReconciler reconciler,
    RoutingSweep sweep,
    CanaryCache canaries,
    OwnWrites writes,
    ControllerMetrics metrics,
    ControllerOptions options,
    TimeProvider time,
    ILogger<RolloutController> logger)
{
    private const int WatchTimeoutSeconds = 300;

    /// <summary>How often the leader looks again for leftovers after its first pass.</summary>
    private static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(10);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var compaction = new BurstCompaction();
        using var queue = new ReconcileQueue(time, depth =>
        {
            metrics.QueueDepth(depth);
            compaction.Observe(depth);
        });
        var tombstones = new ConcurrentDictionary<string, DeploymentEntry>(StringComparer.Ordinal);

        // Keys to reconcile past the quiet check: a canary moved (at rest there should be none) or the sweep found leftovers.
        var recheck = new ConcurrentDictionary<string, bool>(StringComparer.Ordinal);

        var deployments = new ResourceInformer<DeploymentEntry>(
            "Deployment",
            ct => DeploymentCache.ListAsync(kube, ct),
            (rv, onError, ct) => DeploymentCache.WatchAsync(kube, rv, WatchTimeoutSeconds, onError, ct),
            (old, now) =>
            {
                var key = InformerItem.Key((now ?? old)!)!;
                if (now is null)
                {
                    tombstones[key] = old!;
                    writes.Forget(key);
                }
                else
                {
                    tombstones.TryRemove(key, out _);
                    writes.Observed(key, now.ResourceVersion);
                }

                queue.Add(key);
            },
            time,
            logger);
        var replicaSets = new ResourceInformer<V1ReplicaSet>(
            "ReplicaSet",
            async ct => Listed(await kube.AppsV1.ListReplicaSetForAllNamespacesAsync(labelSelector: GreylaneKeys.Release, cancellationToken: ct), InformerSlim.ReplicaSet),
            (rv, onError, ct) => InformerSlim.Events(kube.AppsV1.WatchListReplicaSetForAllNamespacesAsync(
                allowWatchBookmarks: true, labelSelector: GreylaneKeys.Release, resourceVersion: rv, timeoutSeconds: WatchTimeoutSeconds, onError: onError, cancellationToken: ct), InformerSlim.ReplicaSet),
            (old, now) =>
            {
                var meta = (now ?? old)!.Metadata;
                canaries.Observed($"{meta.NamespaceProperty}/{meta.Name}", now?.Metadata.ResourceVersion);
                EnqueueOwner(meta, queue, recheck);
            },
            time,
            logger);
        var pods = new ResourceInformer<V1Pod>(
            "Pod",
            async ct => Listed(await kube.CoreV1.ListPodForAllNamespacesAsync(labelSelector: GreylaneKeys.Release, cancellationToken: ct), InformerSlim.Pod),
            (rv, onError, ct) => InformerSlim.Events(kube.CoreV1.WatchListPodForAllNamespacesAsync(
                allowWatchBookmarks: true, labelSelector: GreylaneKeys.Release, resourceVersion: rv, timeoutSeconds: WatchTimeoutSeconds, onError: onError, cancellationToken: ct), InformerSlim.Pod),
            (old, now) =>
            {
                // A pod's readiness moves its canary ReplicaSet's availability, which its Deployment waits for.
                var meta = (now ?? old)!.Metadata;
                var owner = meta.OwnerReferences?.FirstOrDefault(o => o.Kind == "ReplicaSet");
                if (owner is not null && replicaSets.Get($"{meta.NamespaceProperty}/{owner.Name}") is { } rs)
                {
                    EnqueueOwner(rs.Metadata, queue, recheck);
                }
            },
            time,
            logger);

        LogStarting(options.Identity);
        var informers = new[] { deployments.RunAsync(cancellationToken), replicaSets.RunAsync(cancellationToken), pods.RunAsync(cancellationToken) };
        try
        {
            await Task.WhenAll(deployments.Synced, replicaSets.Synced, pods.Synced).WaitAsync(cancellationToken);
            canaries.Attach(replicaSets);
            var workers = Enumerable.Range(0, options.Workers).Select(_ => WorkAsync(queue, deployments, tombstones, recheck, cancellationToken)).ToList();
            workers.Add(SweepAsync(key => deployments.Get(key) is not null, queue, recheck, cancellationToken));
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
        }
        finally
        {
            canaries.Attach(null);
            await Task.WhenAll(informers).ContinueWith(_ => { }, TaskScheduler.Default);
            LogStopped(options.Identity);
        }
    }

    private static InformerList<TItem> Listed<TItem>(IItems<TItem> list, Func<TItem, TItem> slim) where TItem : class =>
        new([.. list.Items.Select(slim)], (list as IMetadata<V1ListMeta>)?.Metadata?.ResourceVersion);

    private static void EnqueueOwner(V1ObjectMeta meta, ReconcileQueue queue, ConcurrentDictionary<string, bool> recheck)
    {
        foreach (var owner in meta.OwnerReferences?.Where(o => o.Kind == "Deployment") ?? [])
        {
            var key = $"{meta.NamespaceProperty}/{owner.Name}";
            recheck[key] = true;
            queue.Add(key);
        }
    }

    /// <summary>The leader's first pass, then one every <see cref="SweepInterval"/>: leftovers of releases that are over.</summary>
    private async Task SweepAsync(Func<string, bool> optedIn, ReconcileQueue queue, ConcurrentDictionary<string, bool> recheck, CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                foreach (var key in await sweep.SweepAsync(optedIn, cancellationToken))
                {
                    recheck[key] = true;
                    queue.Add(key);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                LogSweepFailed(e, SweepInterval);
            }

            await Task.Delay(SweepInterval, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }
    }

    private async Task WorkAsync(
        ReconcileQueue queue,
        ResourceInformer<DeploymentEntry> deployments,
        ConcurrentDictionary<string, DeploymentEntry> tombstones,
        ConcurrentDictionary<string, bool> recheck,
        CancellationToken cancellationToken)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            string key;
            try
            {
                key = await queue.TakeAsync(cancellationToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            var force = recheck.TryRemove(key, out _);
            try
            {
                // A quiet Deployment that is gone left nothing to clean up, so its tombstone has no object.
                var gone = tombstones.GetValueOrDefault(key);
                var lastSeen = gone?.Document is { } document ? new DeploymentDocument(document) : null;
                var result = await reconciler.ReconcileAsync(key, deployments.Get(key), lastSeen, force, cancellationToken);
                queue.Forget(key);
                if (result.Conflict)
                {
                    queue.Add(key);
                }
                else if (result.RequeueAfter is { } delay)
                {
                    queue.AddAfter(key, delay);
                }
                else if (gone is not null)
                {
                    tombstones.TryRemove(key, out _);
                }
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                if (force)
                {
                    recheck[key] = true;
                }

                metrics.Failed();
                var backoff = queue.AddFailed(key);
                LogReconcileFailed(e, key, backoff);
            }
            finally
            {
                queue.Done(key);
            }
        }
    }
}
