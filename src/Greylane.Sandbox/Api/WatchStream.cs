using System.Globalization;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Greylane.Sandbox.Storage;
using Microsoft.AspNetCore.Http;

namespace Greylane.Sandbox.Api;

/// <summary>
/// A <c>?watch=true</c> response: newline-delimited watch events from a resourceVersion (or the current state),
/// BOOKMARKs when allowed, closed after <c>timeoutSeconds</c>; a compacted version answers one ERROR event
/// carrying a 410 Expired Status, as the watch cache does.
/// </summary>
internal sealed class WatchStream(InMemoryObjectStore store, TimeProvider clock, TimeSpan bookmarkInterval)
{
    // kube-apiserver's default is a random 30–60 minutes (min-request-timeout); the low end is kept.
    private static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(30);
    private static readonly TimeSpan PreTimeout = TimeSpan.FromSeconds(2);

    public async Task RunAsync(HttpContext context, ResourceType type, string? ns, string? name, QueryOptions query, Func<JsonObject, JsonObject>? present = null)
    {
        present ??= obj => obj;
        var filter = new WatchFilter(ns, name, query);
        var events = Channel.CreateUnbounded<(string Type, JsonObject Object, long Version)>(new() { SingleReader = true });
        var after = ParseVersion(query.ResourceVersion);
        WatchStart start;
        try
        {
            start = store.Watch(type, ns, after, change =>
            {
                if (filter.EventFor(change) is { } eventType)
                {
                    // The store's own object (read-only): the copy is made here, for the events this watch sends.
                    events.Writer.TryWrite((eventType, (JsonObject)change.Event.Object.DeepClone(), change.Event.ResourceVersion));
                }
            });
        }
        catch (StoreException ex) when (ex.Code == 410)
        {
            await BeginAsync(context);
            await WriteEventAsync(context, "ERROR", StatusBody.Failure(410, "Expired", ex.Message, null));
            return;
        }

        using var subscription = start.Subscription;
        await BeginAsync(context);
        var lastSent = after ?? start.Version;
        foreach (var obj in start.Initial.Where(filter.Matches))
        {
            await WriteEventAsync(context, "ADDED", present(ResourceReader.AsServed(type, obj)));
        }

        if (query.SendInitialEvents && query.AllowBookmarks)
        {
            await WriteEventAsync(context, "BOOKMARK", Bookmark(type, start.Version, initialEventsEnd: true));
        }

        await PumpAsync(context, type, query, events.Reader, lastSent, present);
    }

    private async Task PumpAsync(
        HttpContext context, ResourceType type, QueryOptions query, ChannelReader<(string Type, JsonObject Object, long Version)> reader, long lastSent, Func<JsonObject, JsonObject> present)
    {
        var deadline = clock.GetUtcNow() + (query.Timeout ?? DefaultTimeout);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted);
        stop.CancelAfter(deadline - clock.GetUtcNow());
        var (nextBookmark, preTimeout) = NextBookmark(deadline, afterPreTimeout: false);
        try
        {
            while (!stop.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
                if (query.AllowBookmarks)
                {
                    wait.CancelAfter(TimeSpan.FromTicks(Math.Max(0, (nextBookmark - clock.GetUtcNow()).Ticks)));
                }

                try
                {
                    var next = await reader.ReadAsync(wait.Token);
                    await WriteEventAsync(context, next.Type, present(ResourceReader.AsServed(type, next.Object)));
                    lastSent = Math.Max(lastSent, next.Version);
                }
                catch (OperationCanceledException) when (!stop.IsCancellationRequested)
                {
                    // Every change up to the store's version is already queued: send those first, then vouch for the version.
                    var current = store.CurrentVersion;
                    while (reader.TryRead(out var pending))
                    {
                        await WriteEventAsync(context, pending.Type, present(ResourceReader.AsServed(type, pending.Object)));
                        lastSent = Math.Max(lastSent, pending.Version);
                    }

                    lastSent = Math.Max(lastSent, current);
                    await WriteEventAsync(context, "BOOKMARK", Bookmark(type, lastSent, initialEventsEnd: false));
                    // The pre-timeout bookmark is sent once; a timer firing a little early must not repeat it.
                    (nextBookmark, preTimeout) = NextBookmark(deadline, afterPreTimeout: preTimeout);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The client went away or the timeout passed: the stream simply ends.
        }
    }

    // Like the watch cache: periodically, and two seconds before the watch times out so the client can resume cheaply.
    private (DateTimeOffset At, bool PreTimeout) NextBookmark(DateTimeOffset deadline, bool afterPreTimeout)
    {
        var periodic = clock.GetUtcNow() + bookmarkInterval;
        var beforeTimeout = deadline - PreTimeout;
        return !afterPreTimeout && beforeTimeout < periodic ? (beforeTimeout, true) : (periodic, afterPreTimeout);
    }

    private static JsonObject Bookmark(ResourceType type, long version, bool initialEventsEnd)
    {
        var meta = new JsonObject { ["resourceVersion"] = version.ToString(CultureInfo.InvariantCulture), ["creationTimestamp"] = null };
        if (initialEventsEnd)
        {
            meta["annotations"] = new JsonObject { ["k8s.io/initial-events-end"] = "true" };
        }

        return new JsonObject { ["kind"] = type.Kind, ["apiVersion"] = type.ApiVersion, ["metadata"] = meta };
    }

    // Unset and "0" both mean "start from the current state, with it sent as ADDED events".
    private static long? ParseVersion(string? text) =>
        text is null or "0" ? null
        : long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var version) ? version
        : throw ApiException.BadRequest($"invalid resource version \"{text}\": resourceVersion must be a number from a previous response");

    private static async Task BeginAsync(HttpContext context)
    {
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }

    private static async Task WriteEventAsync(HttpContext context, string type, JsonObject obj)
    {
        var line = new JsonObject { ["type"] = type, ["object"] = obj }.ToJsonString(HttpJson.Wire) + "\n";
        await context.Response.WriteAsync(line, context.RequestAborted);
        await context.Response.Body.FlushAsync(context.RequestAborted);
    }
}
