using System.Net;
using k8s;
using k8s.Autorest;

namespace Greylane.Webhook.Controller;

/// <summary>
/// Keeps a cache of one kind of object in step with the API: list, then watch from the list's resourceVersion
/// (with bookmarks), list again on 410 Expired, reconnect with backoff after any other failure. Every change is
/// reported to <c>changed</c> with the old and new object (either may be null), and a re-list reports what vanished.
/// Items are typed objects or raw JSON (<see cref="InformerItem"/> says how to name them).
/// </summary>
internal sealed partial class ResourceInformer<TItem>(
    string kind,
    Func<CancellationToken, Task<InformerList<TItem>>> list,
    Func<string?, Action<Exception>, CancellationToken, IAsyncEnumerable<(WatchEventType, TItem)>> watch,
    Action<TItem?, TItem?> changed,
    TimeProvider time,
    ILogger logger)
    where TItem : class
{
    private static readonly TimeSpan MaxBackoff = TimeSpan.FromSeconds(30);

    private readonly Dictionary<string, TItem> _cache = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TaskCompletionSource _synced = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes once the first list is in the cache.</summary>
    public Task Synced => _synced.Task;

    /// <summary>How many times the informer listed (the first list and every re-list).</summary>
    public int Lists { get; private set; }

    /// <summary>The cached object, if any.</summary>
    public TItem? Get(string key)
    {
        lock (_gate)
        {
            return _cache.GetValueOrDefault(key);
        }
    }

    /// <summary>A snapshot of the cache.</summary>
    public IReadOnlyList<TItem> Items()
    {
        lock (_gate)
        {
            return [.. _cache.Values];
        }
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        var failures = 0;
        string? resourceVersion = null;
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                resourceVersion ??= await ListAsync(cancellationToken);
                failures = 0;
                resourceVersion = await WatchAsync(resourceVersion, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e) when (IsExpired(e))
            {
                LogExpired(kind);
                resourceVersion = null;
            }
            catch (Exception e)
            {
                failures++;
                var backoff = TimeSpan.FromMilliseconds(Math.Min(MaxBackoff.TotalMilliseconds, 250 * Math.Pow(2, Math.Min(failures, 10))));
                LogWatchFailed(e, kind, backoff);
                await Task.Delay(backoff, time, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
            }
        }
    }

    private static bool IsExpired(Exception e) =>
        e is KubernetesException { Status.Code: (int)HttpStatusCode.Gone }
        || e is HttpOperationException { Response.StatusCode: HttpStatusCode.Gone };

    private async Task<string?> ListAsync(CancellationToken cancellationToken)
    {
        var listed = await list(cancellationToken);
        var fresh = listed.Items.Where(i => InformerItem.Key(i) is not null).ToDictionary(i => InformerItem.Key(i)!, StringComparer.Ordinal);
        List<(TItem? Old, TItem? New)> changes = [];
        lock (_gate)
        {
            foreach (var (key, old) in _cache.Where(p => !fresh.ContainsKey(p.Key)).ToList())
            {
                _cache.Remove(key);
                changes.Add((old, null));
            }

            foreach (var (key, item) in fresh)
            {
                changes.Add((_cache.GetValueOrDefault(key), item));
                _cache[key] = item;
            }

            Lists++;
        }

        foreach (var (old, item) in changes)
        {
            changed(old, item);
        }

        _synced.TrySetResult();
        return listed.ResourceVersion;
    }

    /// <summary>Watches until the server ends the stream; returns the last resourceVersion seen.</summary>
    private async Task<string?> WatchAsync(string? resourceVersion, CancellationToken cancellationToken)
    {
        Exception? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var events = watch(
            resourceVersion,
            e =>
            {
                // A Status in the stream (410 Expired above all) ends this watch; the loop decides what follows.
                failure ??= e;
                stop.Cancel();
            },
            stop.Token);
        try
        {
            await foreach (var (type, item) in events)
            {
                resourceVersion = InformerItem.ResourceVersion(item) ?? resourceVersion;
                Apply(type, item);
            }
        }
        catch (OperationCanceledException) when (failure is not null && !cancellationToken.IsCancellationRequested)
        {
        }

        return failure is null ? resourceVersion : throw failure;
    }

    private void Apply(WatchEventType type, TItem item)
    {
        if (type is WatchEventType.Bookmark or WatchEventType.Error || InformerItem.Key(item) is not { } key)
        {
            return;
        }

        TItem? old;
        lock (_gate)
        {
            old = _cache.GetValueOrDefault(key);
            if (type == WatchEventType.Deleted)
            {
                _cache.Remove(key);
            }
            else
            {
                _cache[key] = item;
            }
        }

        // A DELETED event carries the object's last state: the best tombstone there is.
        changed(type == WatchEventType.Deleted ? item : old, type == WatchEventType.Deleted ? null : item);
    }


}
