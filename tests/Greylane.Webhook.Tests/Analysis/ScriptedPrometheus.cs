using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greylane.Webhook.Analysis.Tests;

/// <summary>A loopback HTTP server that answers each request from a script and remembers what it was sent.</summary>
internal sealed class ScriptedPrometheus : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentQueue<Func<HttpContext, Task>> _script = new();

    private ScriptedPrometheus(WebApplication app) => _app = app;

    public ConcurrentQueue<ReceivedQuery> Received { get; } = new();

    public TaskCompletionSource FirstRequest { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Uri Url => new(_app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public static async Task<ScriptedPrometheus> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var server = new ScriptedPrometheus(builder.Build());
        server._app.Run(server.HandleAsync);
        await server._app.StartAsync();
        return server;
    }

    /// <summary>Answer the next request with <paramref name="status"/> and <paramref name="body"/>.</summary>
    public ScriptedPrometheus Then(int status, string body) => Then(async context =>
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync(body);
    });

    public ScriptedPrometheus Then(Func<HttpContext, Task> answer)
    {
        _script.Enqueue(answer);
        return this;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var form = context.Request.HasFormContentType ? await context.Request.ReadFormAsync() : null;
        Received.Enqueue(new ReceivedQuery(
            context.Request.Method,
            context.Request.Path,
            form?["query"].ToString(),
            form?["timeout"].ToString(),
            context.Request.Headers.Authorization.ToString())
        {
            Start = form?["start"].ToString(),
            End = form?["end"].ToString(),
            Step = form?["step"].ToString(),
        });
        FirstRequest.TrySetResult();
        var answer = _script.TryDequeue(out var next)
            ? next
            : (c => { c.Response.StatusCode = 599; return Task.CompletedTask; });
        await answer(context);
    }
}

/// <summary>What one request carried.</summary>
internal sealed record ReceivedQuery(string Method, string Path, string? Query, string? Timeout, string Authorization)
{
    /// <summary>A range query's fields (empty for instant queries).</summary>
    public string? Start { get; init; }

    public string? End { get; init; }

    public string? Step { get; init; }
}
