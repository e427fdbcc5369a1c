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

    private readonly IObjectStore _store;
    private readonly ILogger _logger;
    private readonly ObjectCache _cache;
    private readonly WorkQueue _queue = new();
    private readonly ControllerContext _ctx;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _timerGate = new();
    private readonly Dictionary<WorkKey, DelayedKey> _timers = [];
    private IDisposable? _subscription;
    private Task _loop = Task.CompletedTask;

    private ControllerHost(IObjectStore store, SandboxOptions options, ILogger logger)
    {
        _store = store;
        _logger = logger;
        _cache = new ObjectCache(options.TimeProvider);
        _ctx = new ControllerContext(store, _cache, options, ScheduleAfter);
    }

    /// <summary>True when no reconcile is queued or running (timers may still be pending). Tests wait on it.</summary>
    internal bool IsIdle => _queue.IsIdle;

    public static ControllerHost Start(IObjectStore store, SandboxOptions options, ILogger logger)
    {
        var host = new ControllerHost(store, options, logger);
        host._subscription = store.Subscribe(host.OnEvent);
        host._cache.Load(store);
        host.EnqueueExisting();
        host._loop = Task.Run(host.RunAsync);
        return host;
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _loop.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping is what we asked for.
        }

        lock (_timerGate)
        {
            foreach (var delayed in _timers.Values)
            {
                delayed.Timer?.Dispose();
            }

            _timers.Clear();
        }

        _stopping.Dispose();
    }

    private void OnEvent(StoreEvent e)
    {
        _cache.Apply(e);
        EventRouter.Route(e, _cache, _queue.Add);
    }

    /// <summary>At start everything is looked at once, as informers' initial list does; dependents of vanished owners included.</summary>
    private void EnqueueExisting()
    {
        foreach (var (type, kind) in new[] { (BuiltInResources.Deployments, WorkKind.Deployment), (BuiltInResources.ReplicaSets, WorkKind.ReplicaSet), (BuiltInResources.Pods, WorkKind.Pod) })
        {
            foreach (var obj in _store.List(type, null))
            {
                _queue.Add(new WorkKey(kind, new ObjectRef(type, Meta.Namespace(obj), Meta.Name(obj))));
            }
        }

        foreach (var dependent in _cache.WithOwners())
        {
            _queue.Add(new WorkKey(WorkKind.Collect, dependent));
        }
    }

    private async Task RunAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var key = await _queue.TakeAsync(_stopping.Token).ConfigureAwait(false);
            try
            {
                Process(key);
            }
            catch (StoreException e) when (e.Code == 409)
            {
                // The cache is updated inside every write, so a retry sees the state that won.
                LogConflict(_logger, key);
                _queue.Add(key);
            }
            catch (StoreException e) when (e.Code == 404)
            {
                // The object went away mid-reconcile; its own event brings whatever follows.
            }
#pragma warning disable CA1031 // One bad object must not stop every controller; it is logged and retried.
            catch (Exception e)
#pragma warning restore CA1031
            {
                LogFailed(_logger, e, key, FailureRetry);
                ScheduleAfter(key, FailureRetry);
            }
            finally
            {
                _queue.Done();
            }
        }
    }

    private void Process(WorkKey key)
    {
        switch (key.Kind)
        {
            case WorkKind.Deployment:
                DeploymentSync.Run(_ctx, key.Ref);
                break;
            case WorkKind.ReplicaSet:
                ReplicaSetSync.Run(_ctx, key.Ref);
                break;
            case WorkKind.Pod:
                PodLifecycle.Run(_ctx, key.Ref);
                break;
            case WorkKind.Collect:
                GarbageCollector.Run(_ctx, key.Ref);
                break;
        }
    }

    /// <summary>Queues <paramref name="key"/> after <paramref name="delay"/> on the options' clock; an earlier pending wake-up wins.</summary>
    private void ScheduleAfter(WorkKey key, TimeSpan delay)
    {
        if (delay <= TimeSpan.Zero)
        {
            _queue.Add(key);
            return;
        }

        var due = _ctx.Now + delay;
        lock (_timerGate)
        {
            if (_stopping.IsCancellationRequested || (_timers.TryGetValue(key, out var existing) && existing.Due <= due))
            {
                return;
            }

            existing?.Timer?.Dispose();
            var delayed = new DelayedKey(due);
            _timers[key] = delayed;
            delayed.Timer = _ctx.Time.CreateTimer(_ => Fire(key, delayed), null, delay, Timeout.InfiniteTimeSpan);
        }
    }

    private void Fire(WorkKey key, DelayedKey delayed)
    {
        lock (_timerGate)
        {
            if (_timers.TryGetValue(key, out var current) && current == delayed)
            {
                _timers.Remove(key);
            }
        }

        delayed.Timer?.Dispose();
        _queue.Add(key);
    }

    /// <summary>A pending wake-up for one key.</summary>
    private sealed class DelayedKey(DateTimeOffset due)
    {
        public DateTimeOffset Due { get; } = due;

        public ITimer? Timer { get; set; }
    }
}
