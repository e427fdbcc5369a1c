using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Greylane.Webhook.Analysis.Tests;

/// <summary>
/// A loopback exporter of Istio's standard request metrics (as a destination sidecar reports them) for scripted
/// traffic: each <see cref="Flow"/> grows its counters at a steady rate from the start, every request of it taking the
/// same time, so what Prometheus computes from the scrapes is known in advance.
/// </summary>
internal sealed class IstioExporter : IAsyncDisposable
{
    private static readonly double[] Buckets = [0.5, 1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000];
    private readonly WebApplication _app;
    private readonly IReadOnlyList<Flow> _flows;
    private readonly Stopwatch _clock = Stopwatch.StartNew();

    private IstioExporter(WebApplication app, IReadOnlyList<Flow> flows)
    {
        _app = app;
        _flows = flows;
    }

    public Uri Url { get; private set; } = null!;

    public static async Task<IstioExporter> StartAsync(params Flow[] flows)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseSetting("urls", "http://127.0.0.1:0");
        var app = builder.Build();
        var exporter = new IstioExporter(app, flows);
        app.MapGet("/metrics", () => Results.Text(exporter.Render(), "text/plain; version=0.0.4"));
        await app.StartAsync();
        exporter.Url = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First() + "/");
        return exporter;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private string Render()
    {
        var seconds = _clock.Elapsed.TotalSeconds;
        var text = new StringBuilder();
        foreach (var flow in _flows)
        {
            var count = Math.Floor(seconds * flow.PerSecond);
            var labels = string.Create(
                CultureInfo.InvariantCulture,
                $"reporter=\"destination\",source_workload=\"istio-ingressgateway\",destination_workload=\"{flow.Service}\",destination_workload_namespace=\"e2e\",destination_service=\"{flow.Service}.e2e.svc.cluster.local\",destination_canonical_service=\"{flow.Service}\",destination_canonical_revision=\"{flow.Revision}\",request_protocol=\"http\",response_code=\"{flow.Code}\",response_flags=\"-\"");
            text.Append(CultureInfo.InvariantCulture, $"istio_requests_total{{{labels}}} {count}\n");
            foreach (var le in Buckets)
            {
                text.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_bucket{{{labels},le=\"{le}\"}} {(flow.Milliseconds <= le ? count : 0)}\n");
            }

            text.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_bucket{{{labels},le=\"+Inf\"}} {count}\n");
            text.Append(CultureInfo.InvariantCulture, $"istio_request_duration_milliseconds_count{{{labels}}} {count}\n");
        }

        return text.ToString();
    }

    /// <summary>Requests to one revision of one canonical service answered with one code, at a steady rate and duration.</summary>
    public sealed record Flow(string Service, string Revision, int Code, double PerSecond, double Milliseconds = 20);
}
