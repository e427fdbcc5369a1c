using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greylane.Webhook.Notifications.Tests;

/// <summary>
/// A loopback receiver (Kestrel on 127.0.0.1): it remembers every request and answers each from a script (then 200), so
/// a test can make it fail, stall or refuse.
/// </summary>
internal sealed class NotificationReceiver : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private NotificationReceiver(WebApplication app) => _app = app;

    /// <summary>Every request, in arrival order (also those answered with an error).</summary>
    public ConcurrentQueue<ReceivedNotification> Requests { get; } = new();

    public Uri Url => new(new Uri(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First()), "/events");

    /// <summary>The requests answered 2xx: what the receiver took.</summary>
    public IReadOnlyList<ReceivedNotification> Delivered => [.. Requests.Where(r => r.Status is >= 200 and < 300)];

    public static async Task<NotificationReceiver> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var receiver = new NotificationReceiver(builder.Build());
        receiver._app.Run(receiver.HandleAsync);
        await receiver._app.StartAsync();
        return receiver;
    }

    /// <summary>A loopback address where nothing listens: connections are refused at once.</summary>
    public static Uri DeadUrl()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return new Uri($"http://127.0.0.1:{port}/events");
    }

    /// <summary>Answer the next request with <paramref name="status"/>.</summary>
    public NotificationReceiver Then(int status) => Then(c =>
    {
        c.Response.StatusCode = status;
        return Task.CompletedTask;
    });

    /// <summary>Hold the next request until the sender gives up on it.</summary>
    public NotificationReceiver ThenStall() => Then(async c =>
    {
        try
        {
            await Task.Delay(Timeout.InfiniteTimeSpan, c.RequestAborted);
        }
        catch (OperationCanceledException)
        {
        }
    });

    public NotificationReceiver Then(Func<HttpContext, Task> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    /// <summary>The CloudEvents delivered, read as JSON, in order.</summary>
    public IReadOnlyList<JsonObject> Events => [.. Delivered.Select(r => (JsonObject)JsonNode.Parse(r.Body)!)];

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var answer = _script.TryDequeue(out var next) ? next : (c => Task.CompletedTask);
        await answer(context);
        Requests.Enqueue(new ReceivedNotification(
            context.Request.ContentType ?? "",
            body,
            context.Request.Headers.Authorization.ToString(),
            context.RequestAborted.IsCancellationRequested ? 0 : context.Response.StatusCode));
    }
}
