using System.Text;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Greylane.Cli.Kube;
using k8s;
using Microsoft.AspNetCore.Http;

namespace Greylane.Cli.Dashboard;

/// <summary>
/// The page's live feed (server-sent events), fed by Kubernetes watches of the scope's Deployments and Events: a
/// <c>snapshot</c> of every opted-in Deployment after each list, then a <c>release</c> or <c>removed</c> per change and an
/// <c>event</c> per Kubernetes Event of a Deployment. When a watch ends (its timeout, the server, 410 Expired) the feed
/// lists again and watches from there, as an informer does; the whole list is never polled.
/// </summary>
internal sealed class ReleaseFeed(ReleaseScope scope, TimeSpan watchTimeout)
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(15);

    public async Task StreamAsync(HttpContext context, CancellationToken ct)
    {
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(ct);
        var messages = Channel.CreateBounded<string>(new BoundedChannelOptions(1000) { SingleReader = true });
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var workers = new[] { FollowDeploymentsAsync(messages.Writer, stop.Token), FollowEventsAsync(messages.Writer, stop.Token), BeatAsync(messages.Writer, stop.Token) };
        try
        {
            await foreach (var message in messages.Reader.ReadAllAsync(ct))
            {
                await context.Response.WriteAsync(message, ct);
                await context.Response.Body.FlushAsync(ct);
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            // The page went away, or the dashboard stops.
        }
        finally
        {
            await stop.CancelAsync();
            await Task.WhenAll(workers.Select(w => w.ContinueWith(_ => { }, TaskScheduler.Default)));
        }
    }

    private async Task FollowDeploymentsAsync(ChannelWriter<string> output, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var (items, version) = await scope.ListDeploymentsAsync(ct);
                var rows = new JsonArray();
                foreach (var deployment in items.Where(Deployments.IsOptedIn).OrderBy(d => d.Metadata.NamespaceProperty, StringComparer.Ordinal).ThenBy(d => d.Metadata.Name, StringComparer.Ordinal))
                {
                    rows.Add(await ReleaseDocuments.RowAsync(scope.Client, deployment, ct));
                }

                await output.WriteAsync(Message("snapshot", new JsonObject { ["items"] = rows }), ct);
                await foreach (var (type, deployment) in scope.WatchDeploymentsAsync(version, watchTimeout, ct))
                {
                    if (deployment?.Metadata is null)
                    {
                        continue;
                    }

                    var data = type == WatchEventType.Deleted || !Deployments.IsOptedIn(deployment)
                        ? Message("removed", new JsonObject { ["namespace"] = deployment.Metadata.NamespaceProperty, ["deployment"] = deployment.Metadata.Name })
                        : Message("release", await ReleaseDocuments.RowAsync(scope.Client, deployment, ct));
                    await output.WriteAsync(data, ct);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                // 410 Expired and a closed connection end up here as well: list again and watch from there.
                var problem = ApiProblem.From(e);
                if (problem is not null)
                {
                    await output.WriteAsync(Message("problem", problem.ToJson()), ct);
                }

                await Task.Delay(problem?.Status is 401 or 403 ? TimeSpan.FromSeconds(10) : TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private async Task FollowEventsAsync(ChannelWriter<string> output, CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                var version = await scope.EventsVersionAsync(ct);
                await foreach (var (_, e) in scope.WatchEventsAsync(version, watchTimeout, ct))
                {
                    if (e?.InvolvedObject is { Kind: "Deployment" } involved)
                    {
                        await output.WriteAsync(Message("event", new JsonObject { ["namespace"] = involved.NamespaceProperty, ["deployment"] = involved.Name, ["reason"] = e.Reason }), ct);
                    }
                }
            }
            catch (Exception e) when (e is not OperationCanceledException && !ct.IsCancellationRequested)
            {
                // Events only refresh an open release view; a user who may not watch them still sees the rest.
                await Task.Delay(ApiProblem.From(e)?.Status is 401 or 403 ? TimeSpan.FromMinutes(1) : TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    private static async Task BeatAsync(ChannelWriter<string> output, CancellationToken ct)
    {
        // A comment line every so often: proxies keep the stream open, and a closed page is noticed.
        while (!ct.IsCancellationRequested)
        {
            await Task.Delay(Heartbeat, ct);
            await output.WriteAsync(": keep-alive\n\n", ct);
        }
    }

    private static string Message(string type, JsonNode data) =>
        new StringBuilder().Append("event: ").Append(type).Append('\n').Append("data: ").Append(data.ToJsonString()).Append("\n\n").ToString();
}
