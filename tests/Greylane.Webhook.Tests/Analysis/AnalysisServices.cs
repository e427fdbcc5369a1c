using Greylane.Webhook.Analysis;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Prometheus;

namespace Greylane.Webhook.Analysis.Tests;

/// <summary>The analysis services as <c>AddPrometheusAnalysis</c> registers them, with a given clock, registry and options.</summary>
internal sealed class AnalysisServices : IDisposable
{
    private readonly ServiceProvider _provider;

    public AnalysisServices(PrometheusOptions options, TimeProvider? time = null)
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(options);
        services.AddSingleton(time ?? TimeProvider.System);
        services.AddSingleton(Registry);
        services.AddPrometheusAnalysis(new ConfigurationBuilder().Build());
        _provider = services.BuildServiceProvider();
    }

    public CollectorRegistry Registry { get; }

    public PrometheusClient Client => _provider.GetRequiredService<PrometheusClient>();

    public IMetricAnalyzer Analyzer => _provider.GetRequiredService<IMetricAnalyzer>();

    public static PrometheusOptions Options(Uri? url, TimeSpan? timeout = null, string? tokenFile = null, int retries = 2) =>
        new(url, timeout ?? TimeSpan.FromSeconds(10), tokenFile, retries, TimeSpan.Zero);

    public async Task<string> ExportedMetricsAsync()
    {
        using var stream = new MemoryStream();
        await Registry.CollectAndExportAsTextAsync(stream);
        return System.Text.Encoding.UTF8.GetString(stream.ToArray());
    }

    public void Dispose() => _provider.Dispose();
}
