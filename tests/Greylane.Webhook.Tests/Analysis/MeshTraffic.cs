using static Greylane.Webhook.Analysis.Tests.IstioExporter;

namespace Greylane.Webhook.Analysis.Tests;

/// <summary>
/// Scripted mesh traffic (release <c>r1</c> is the canary, <c>base</c> the stable revision) scraped every second by a
/// real Prometheus that labels it with namespace <c>e2e</c>, as Kubernetes discovery relabelling would:
/// <c>same</c>: both sides fail 20%; <c>worse</c>: the canary fails 30%, stable none; <c>idle</c>: no canary traffic;
/// <c>orphan</c>: no stable traffic; <c>slow</c>: the canary takes 200 ms, stable 20 ms.
/// </summary>
public sealed class MeshTraffic : IAsyncLifetime
{
    private IstioExporter _exporter = null!;

    internal PrometheusServer Prometheus { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _exporter = await IstioExporter.StartAsync(
            new Flow("same", "r1", 200, 8), new Flow("same", "r1", 500, 2),
            new Flow("same", "base", 200, 8), new Flow("same", "base", 503, 2),
            new Flow("worse", "r1", 200, 7), new Flow("worse", "r1", 500, 3),
            new Flow("worse", "base", 200, 10),
            new Flow("idle", "base", 200, 10),
            new Flow("orphan", "r1", 200, 10),
            new Flow("slow", "r1", 200, 10, Milliseconds: 200),
            new Flow("slow", "base", 200, 10, Milliseconds: 20));
        Prometheus = await PrometheusServer.StartAsync(new ScrapeTarget(_exporter.Url, "e2e"));
    }

    public async Task DisposeAsync()
    {
        await Prometheus.DisposeAsync();
        await _exporter.DisposeAsync();
    }
}
