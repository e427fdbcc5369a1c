using System.Net;
using Greylane.Sandbox.Api;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Greylane.Chaos.Harness.Tests;

/// <summary>
/// A loopback reverse proxy between one controller process and the sandbox (the server in that process's kubeconfig).
/// It records every request, streams watch responses through unbuffered, and applies armed <see cref="ChaosRule"/>s at
/// the one moment that matters: the sandbox has answered (the write landed) and the process has not yet been told.
/// </summary>
internal sealed class ChaosProxy : IAsyncDisposable
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Transfer-Encoding", "Upgrade", "Proxy-Connection", "TE", "Trailer", "Host", "Content-Length",
    };

    private readonly WebApplication _app;
    private readonly HttpClient _upstream;
    private readonly Uri _sandbox;
    private readonly Timeline _timeline;
    private readonly List<ProxyExchange> _exchanges = [];
    private readonly List<ChaosRule> _rules = [];
    private readonly Lock _gate = new();

    private ChaosProxy(WebApplication app, Uri sandbox, string process, Timeline timeline)
    {
        _app = app;
        _sandbox = sandbox;
        Process = process;
        _timeline = timeline;
        _upstream = new HttpClient(new SocketsHttpHandler { UseProxy = false, AutomaticDecompression = DecompressionMethods.None, AllowAutoRedirect = false })
        {
            Timeout = Timeout.InfiniteTimeSpan,
        };
    }

    /// <summary>The identity of the controller process behind this proxy.</summary>
    public string Process { get; }

    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>What the proxy does to its process when a rule fires; set once the process runs.</summary>
    public IChaosTarget? Target { get; set; }

    public IReadOnlyList<ProxyExchange> Exchanges
    {
        get
        {
            lock (_gate)
            {
                return [.. _exchanges];
            }
        }
    }

    public static async Task<ChaosProxy> StartAsync(Uri sandbox, string process, Timeline timeline)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        var app = builder.Build();
        var proxy = new ChaosProxy(app, sandbox, process, timeline);
        app.Run(proxy.HandleAsync);
        await app.StartAsync();
        proxy.BaseAddress = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
        return proxy;
    }

    public void Arm(ChaosRule rule)
    {
        lock (_gate)
        {
            _rules.Add(rule);
        }
    }

    /// <summary>A kubeconfig that sends the process's every request through this proxy.</summary>
    public string Kubeconfig() => $$"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: chaos
          cluster: {server: "{{BaseAddress.ToString().TrimEnd('/')}}"}
        users:
        - name: chaos
          user: {token: {{SandboxUsers.GreylaneToken}}}
        contexts:
        - name: chaos
          context: {cluster: chaos, user: chaos, namespace: default}
        current-context: chaos
        """;

    public async ValueTask DisposeAsync()
    {
        using (var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(2)))
        {
            // Open watches of a killed process end at once; a live one's are cut after two seconds.
            await _app.StopAsync(stopping.Token);
        }

        await _app.DisposeAsync();
        _upstream.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var aborted = context.RequestAborted;
        var request = context.Request;
        var body = await ReadBodyAsync(request, aborted);
        var pathAndQuery = request.Path + request.QueryString;
        var status = request.Method == "PATCH" && request.Path.Value?.Contains("/deployments/", StringComparison.Ordinal) == true
            ? StatusWrite.FromPatch(body)
            : null;
        var exchange = new ProxyExchange(Process, _timeline.Now, request.Method, pathAndQuery, status);
        lock (_gate)
        {
            _exchanges.Add(exchange);
        }

        using var message = new HttpRequestMessage(new HttpMethod(request.Method), new Uri(_sandbox, pathAndQuery));
        if (body.Length > 0)
        {
            message.Content = new ByteArrayContent(body);
        }

        foreach (var (key, values) in request.Headers)
        {
            if (!HopByHop.Contains(key) && !message.Headers.TryAddWithoutValidation(key, (IEnumerable<string>)values))
            {
                message.Content?.Headers.TryAddWithoutValidation(key, (IEnumerable<string>)values);
            }
        }

        HttpResponseMessage response;
        try
        {
            response = await _upstream.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, aborted);
        }
        catch (Exception e) when (e is OperationCanceledException or HttpRequestException)
        {
            return;
        }

        using (response)
        {
            exchange.Answer(response.StatusCode, _timeline.Now);
            if (exchange.IsStateWrite)
            {
                _timeline.Add(Process, exchange.Describe());
            }

            var rule = Fire(exchange);
            if (rule is not null)
            {
                var target = Target ?? throw new InvalidOperationException($"rule {rule.Name} fired before process {Process} was attached");
                if (rule.Action == ChaosAction.Kill)
                {
                    target.Kill($"rule '{rule.Name}' after {exchange.Describe()}");
                    context.Abort();
                    return;
                }

                target.Stop($"rule '{rule.Name}' after {exchange.Describe()}");
            }

            await RelayAsync(context, response, aborted);
        }
    }

    private ChaosRule? Fire(ProxyExchange exchange)
    {
        lock (_gate)
        {
            return _rules.FirstOrDefault(r => r.Matches(exchange));
        }
    }

    private static async Task<byte[]> ReadBodyAsync(HttpRequest request, CancellationToken aborted)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, aborted);
        return buffer.ToArray();
    }

    // Watches stay open for minutes and carry one event per line: every chunk is passed on (and flushed) as it comes.
    private static async Task RelayAsync(HttpContext context, HttpResponseMessage response, CancellationToken aborted)
    {
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var (key, values) in response.Headers.Concat(response.Content.Headers))
        {
            if (!HopByHop.Contains(key))
            {
                context.Response.Headers[key] = values.ToArray();
            }
        }

        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(aborted);
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await stream.ReadAsync(chunk, aborted)) > 0)
            {
                await context.Response.Body.WriteAsync(chunk.AsMemory(0, read), aborted);
                await context.Response.Body.FlushAsync(aborted);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or HttpRequestException)
        {
            // The process went away (killed, stopped for good, or done with a watch): nothing to pass on any more.
            context.Abort();
        }
    }
}
