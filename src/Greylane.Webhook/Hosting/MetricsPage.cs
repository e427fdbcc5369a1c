using System.Text;
using Greylane.Webhook.Controller;
using Prometheus;

namespace Greylane.Webhook.Hosting;

/// <summary>
/// <c>GET /metrics</c>: prometheus-net's registry, then the per-Deployment families of <see cref="RolloutSeries"/>.
/// Always the Prometheus text format 0.0.4, which every Prometheus reads: the families written here have no
/// OpenMetrics form, and an OpenMetrics page would have to end with its <c># EOF</c> after them.
/// </summary>
internal static class MetricsPage
{
    public const string Path = "/metrics";
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    public static async Task HandleAsync(HttpContext context, CollectorRegistry registry, RolloutSeries series)
    {
        context.Response.ContentType = ContentType;
        await WriteAsync(context.Response.Body, registry, series, context.RequestAborted);
    }

    public static async Task WriteAsync(Stream page, CollectorRegistry registry, RolloutSeries series, CancellationToken cancel)
    {
        await registry.CollectAndExportAsTextAsync(page, ExpositionFormat.PrometheusText, cancel);
        await using var writer = new StreamWriter(page, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), bufferSize: 16 * 1024, leaveOpen: true);
        await series.WriteAsync(writer, cancel);
        await writer.FlushAsync(cancel);
    }

    /// <summary>The whole page as text (tests and tools that read it in-process).</summary>
    public static async Task<string> ReadAsync(IServiceProvider services)
    {
        using var page = new MemoryStream();
        await WriteAsync(page, services.GetRequiredService<CollectorRegistry>(), services.GetRequiredService<RolloutSeries>(), CancellationToken.None);
        return Encoding.UTF8.GetString(page.ToArray());
    }
}
