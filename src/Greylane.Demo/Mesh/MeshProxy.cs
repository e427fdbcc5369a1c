using System.Net;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Prometheus;

namespace Greylane.Demo.Mesh;

/// <summary>
/// Two loopback listeners standing in for Istio's data plane: the ingress gateway (<see cref="GatewayUrl"/>), and the
/// sidecars' outbound side, where a pod's call to <c>http://mockb:8000/</c> arrives as <c>/mockb/</c> (see
/// <see cref="Outbound"/>). Each request is routed by <see cref="MeshRouter"/> and forwarded to the chosen pod. A third
/// listener serves the mesh's own request metrics (<see cref="MetricsUrl"/>), as Envoy's stats would be scraped.
/// </summary>
internal sealed class MeshProxy : IAsyncDisposable
{
    /// <summary>Response header naming the route and pod that served a request.</summary>
    public const string RouteHeader = "x-demo-route";

    private readonly WebApplication _app;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };
    private readonly MeshRouter _router;
    private readonly CollectorRegistry _registry = Prometheus.Metrics.NewCustomRegistry();
    private readonly Counter _requests;
    private int _gatewayPort;
    private int _metricsPort;

    private MeshProxy(WebApplication app, MeshRouter router)
    {
        _app = app;
        _router = router;
        _requests = Prometheus.Metrics.WithCustomRegistry(_registry).CreateCounter(
            "mesh_requests_total", "Requests routed by the mesh stand-in.", "listener", "destination_namespace", "destination_pod", "code");
    }

    public Uri GatewayUrl { get; private set; } = null!;

    /// <summary>Where routed requests are counted as Istio's standard metrics, when something scrapes them.</summary>
    public MeshTelemetry? Telemetry { get; set; }

    /// <summary>Where Prometheus scrapes the mesh's request counts (<c>/metrics</c>).</summary>
    public Uri MetricsUrl { get; private set; } = null!;

    private Uri SidecarUrl { get; set; } = null!;

    public static async Task<MeshProxy> StartAsync(MeshRouter router, CancellationToken cancellationToken)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0);
            k.Listen(IPAddress.Loopback, 0);
        });
        var app = builder.Build();
        var proxy = new MeshProxy(app, router);
        app.Run(proxy.ForwardAsync);
        await app.StartAsync(cancellationToken);
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Select(a => new Uri(a)).ToList();
        proxy.GatewayUrl = new Uri(addresses[0], "/");
        proxy._gatewayPort = addresses[0].Port;
        proxy.SidecarUrl = new Uri(addresses[1], "/");
        proxy.MetricsUrl = new Uri(addresses[2], "/metrics");
        proxy._metricsPort = addresses[2].Port;
        return proxy;
    }

    /// <summary>Where a pod's request to a Service URL goes instead (the sidecar's interception).</summary>
    public Uri Outbound(Uri upstream) => new(SidecarUrl, upstream.Host.Split('.')[0] + upstream.PathAndQuery);

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _http.Dispose();
    }

    private async Task ForwardAsync(HttpContext context)
    {
        if (context.Connection.LocalPort == _metricsPort)
        {
            context.Response.ContentType = "text/plain; version=0.0.4";
            await _registry.CollectAndExportAsTextAsync(context.Response.Body, context.RequestAborted);
            return;
        }

        var atGateway = context.Connection.LocalPort == _gatewayPort;
        var listener = atGateway ? "gateway" : "sidecar";
        var path = context.Request.Path.Value ?? "/";
        string? host = null;
        if (!atGateway)
        {
            var parts = path.TrimStart('/').Split('/', 2);
            host = parts[0];
            path = "/" + (parts.Length > 1 ? parts[1] : "");
        }

        var headers = context.Request.Headers;
        var query = context.Request.Query;
        var route = _router.Route(host, name => headers.TryGetValue(name, out var v) ? v.ToString() : null, name => query.TryGetValue(name, out var v) ? v.ToString() : null, path);
        if (route.Pod is null)
        {
            // What Envoy answers when a route has no endpoint.
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            _requests.WithLabels(listener, "", "", "503").Inc();
            context.Response.Headers[RouteHeader] = Ascii(route.Via);
            await context.Response.WriteAsync($"no healthy upstream ({route.Via})\n", context.RequestAborted);
            return;
        }

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(route.Pod.Url, path.TrimStart('/') + context.Request.QueryString));
        foreach (var header in headers.Where(h => !IsHopHeader(h.Key)))
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value.ToArray());
        }

        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        try
        {
            using var response = await _http.SendAsync(request, context.RequestAborted);
            Telemetry?.Record(route.Pod, host ?? route.Pod.Labels.GetValueOrDefault("app", "unknown"), atGateway, (int)response.StatusCode, System.Diagnostics.Stopwatch.GetElapsedTime(started));
            context.Response.StatusCode = (int)response.StatusCode;
            _requests.WithLabels(listener, route.Pod.Namespace, route.Pod.Name, ((int)response.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture)).Inc();
            context.Response.Headers[RouteHeader] = Ascii($"{route.Via} → pod {route.Pod.Name}");
            await context.Response.WriteAsync(await response.Content.ReadAsStringAsync(context.RequestAborted), context.RequestAborted);
        }
        catch (HttpRequestException e)
        {
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            _requests.WithLabels(listener, route.Pod.Namespace, route.Pod.Name, "503").Inc();
            await context.Response.WriteAsync($"upstream connect error ({route.Pod.Name}: {e.Message})\n", context.RequestAborted);
        }
    }

    // Header values must be ASCII.
    private static string Ascii(string text) => text.Replace("→", "->", StringComparison.Ordinal);

    private static bool IsHopHeader(string name) =>
        name.Equals("Host", StringComparison.OrdinalIgnoreCase) || name.Equals("Connection", StringComparison.OrdinalIgnoreCase)
        || name.Equals("Content-Length", StringComparison.OrdinalIgnoreCase) || name.Equals("Transfer-Encoding", StringComparison.OrdinalIgnoreCase);
}
