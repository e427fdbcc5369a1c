using Greylane.Sandbox.Controllers.Common;
using Greylane.Sandbox.Controllers.Deployments;
using Greylane.Sandbox.Controllers.GarbageCollection;
using Greylane.Sandbox.Controllers.Pods;
using Greylane.Sandbox.Controllers.ReplicaSets;
using Greylane.Sandbox.Storage;
using Microsoft.Extensions.Logging;

namespace Greylane.Sandbox.Controllers;

/// <summary>
/// Runs every controller on one loop fed by a de-duplicating work queue. Store events only update the cache
/// and queue keys (the store calls subscribers inside its write); all writes happen on the loop.
/// </summary>
internal sealed partial class ControllerHost : IAsyncDisposable
{
    private static readonly TimeSpan FailureRetry = TimeSpan.FromSeconds(5);

    private readonly IObjectStore store;
    private readonly ILogger logger;
    private readonly ObjectCache cache;
    private readonly WorkQueue queue = new();
    private readonly ControllerContext ctx;
    private readonly CancellationTokenSource stopping = new();
    private readonly Lock timerGate = new();
    private readonly Dictionary<WorkKey, DelayedKey> timers = [];
    private IDisposable? subscription;
    private Task loop = Task.CompletedTask;

    private ControllerHost(IObjectStore store, SandboxOptions options, ILogger logger)
    {
        this.store = store;
        this.logger = logger;
        cache = new ObjectCache(options.TimeProvider);
        ctx = new ControllerContext(store, cache, options, ScheduleAfter);
    }

    /// <summary>True when no reconcile is queued or running (timers may still be pending). Tests wait on it.</summary>
    internal bool IsIdle => queue.IsIdle;

    public static ControllerHost Start(IObjectStore store, SandboxOptions options, ILogger logger)
    {
        var host = new ControllerHost(store, options, logger);
        host.subscription = store.Subscribe(host.OnEvent);
        host.cache.Load(store);
        host.EnqueueExisting();
        host.loop = Task.Run(host.RunAsync);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        subscription?.Dispose();
        await stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }

        lock (timerGate)
        {
            foreach (var delayed in timers.Values)
            {
                delayed.Timer?.Dispose();
            }

            timers.Clear();
        }

        stopping.Dispose();
    }

    private void OnEvent(StoreEvent e)
    {
        cache.Apply(e);
        EventRouter.Route(e, cache, queue.Add);
    }

    /// <summary>At start everything is looked at once, as informers' initial list does; dependents of vanished owners included.</summary>
    private void EnqueueExisting()
    {
        foreach (var (type, kind) in new[] { (BuiltInResources.Deployments, WorkKind.Deployment), (BuiltInResources.ReplicaSets, WorkKind.ReplicaSet), (BuiltInResources.Pods, WorkKind.Pod) })
        {
            foreach (var obj in store.List(type, null))
            {
                queue.Add(new WorkKey(kind, new ObjectRef(type, Meta.Namespace(obj), Meta.Name(obj))));
            }
        }

        foreach (var dependent in cache.WithOwners())
        {
            queue.Add(new WorkKey(WorkKind.Collect, dependent));
        }
    }

    private async Task RunAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            var key = await queue.TakeAsync(stopping.Token).ConfigureAwait(false);
            try
            {
                Process(key);
            }
            catch (StoreException e) when (e.Code == 409)
            {
                // The cache is updated inside every write, so a retry sees the state that won.
                LogConflict(logger, key);
                queue.Add(key);
            }
            catch (StoreException e) when (e.Code == 404)
            {
                // The object went away mid-reconcile; its own event brings whatever follows.
            }
#pragma warning disable CA1031 // One bad object must not stop every controller; it is logged and retried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(logger, e, key, FailureRetry);
                ScheduleAfter(key, FailureRetry);
            }
            finally
            {
                queue.Done();
            }
        }
    }

    private void Process(WorkKey key)
    {
        switch (key.Kind)
        {
            case WorkKind.Deployment:
                DeploymentSync.Run(ctx, key.Ref);
                break;
            case WorkKind.ReplicaSet:
                ReplicaSetSync.Run(ctx, key.Ref);
                break;
            case WorkKind.Pod:
                PodLifecycle.Run(ctx, key.Ref);
                break;
            case WorkKind.Collect:
                GarbageCollector.Run(ctx, key.Ref);
                break;
        }
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/> on the options' clock; an earlier pending wake-up wins.</summary>
    private void ScheduleAfter(WorkKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            queue.Add(key);
            return;
        }

        var due = ctx.Now + delay;
        lock (timerGate)
        {
            if (stopping.IsCancellationRequested || (timers.TryGetValue(key, out var existing) && existing.Due <= due))
            {
                return;
            }

            existing?.Timer?.Dispose();
            var delayed = new DelayedKey(due);
            timers[key] = delayed;
            delayed.Timer = ctx.Time.CreateTimer(_ => Fire(key, delayed), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire(WorkKey key, DelayedKey delayed)
    {
        lock (timerGate)
        {
            if (timers.TryGetValue(key, out var current) && current == delayed)
            {
                timers.Remove(key);
            }
        }

        delayed.Timer?.Dispose();
        queue.Add(key);
    }

    /// <summary>A pending wake-up for one key.</summary>
    private sealed class DelayedKey(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        public ITimer? Timer { get; set; }
    }
}
