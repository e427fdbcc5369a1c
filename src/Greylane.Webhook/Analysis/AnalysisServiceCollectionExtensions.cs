using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Greylane.Webhook.Analysis;

/// <summary>Registers Prometheus analysis (<see cref="IMetricAnalyzer"/>) from the operator's settings.</summary>
public static class AnalysisServiceCollectionExtensions
{
    /// <summary>Response bodies larger than this are refused: an instant query for one number never needs it.</summary>
    private const long MaxResponseBytes = 16 * 1024 * 1024;

    /// <summary>
    /// Adds <see cref="IMetricAnalyzer"/> with the registered <see cref="PrometheusOptions"/>, or, when none is, reading
    /// them (<c>--prometheus-*</c> or their <c>GREYLANE_PROMETHEUS_*</c> variables); throws
    /// <see cref="PrometheusOptionsException"/> at once for a wrong setting.
    /// </summary>
    public static IServiceCollection AddPrometheusAnalysis(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(services);

        // The host reads the settings once for admission and the controller alike; read here only when it has not.
        if (!services.Any(s => s.ServiceType == typeof(PrometheusOptions)))
        {
            services.AddSingleton(PrometheusOptions.From(configuration));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(Prometheus.Metrics.DefaultRegistry);
        services.TryAddSingleton<AnalysisMetrics>();
        services.AddHttpClient(PrometheusClient.HttpClientName, http =>
        {
            // The client enforces its own per-attempt timeout with the injected clock.
            http.Timeout = Timeout.InfiniteTimeSpan;
            http.MaxResponseContentBufferSize = MaxResponseBytes;
        });
        services.TryAddSingleton<PrometheusClient>();
        services.TryAddSingleton<IMetricAnalyzer, PrometheusMetricAnalyzer>();
        return services;
    }
}
