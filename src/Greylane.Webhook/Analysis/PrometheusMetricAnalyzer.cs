using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis;

/// <summary>
/// Renders each metric's queries for the release, scopes them to its namespace, asks Prometheus, judges the answers and
/// records the metrics. This is the one place queries are sent from, so every query (built-in ones to come included) is
/// scoped here; a query tenancy refuses is never sent and is held like one Prometheus rejected.
/// </summary>
internal sealed partial class PrometheusMetricAnalyzer(
    PrometheusClient client, PrometheusOptions options, AnalysisMetrics metrics, TimeProvider time, ILogger<PrometheusMetricAnalyzer> logger) : IMetricAnalyzer
{
    public async Task<IReadOnlyList<MetricMeasurement>> MeasureAsync(
        AnalysisContext context, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(metrics);

        // Metrics are independent; measuring them at once bounds a Prometheus outage by one timeout, not one per metric.
        var measurements = await Task.WhenAll(metrics.Select(m => MeasureAsync(context, m, cancellationToken))).ConfigureAwait(false);
        return measurements;
    }

    private async Task<MetricMeasurement> MeasureAsync(AnalysisContext context, MetricSpec metric, CancellationToken cancellationToken)
    {
        var rendered = RenderedMetric.Render(metric, context, options.Tenancy);
        MetricMeasurement measurement;
        if (rendered.Problem is { } problem)
        {
            measurement = rendered.OutsideTenancy
                ? MeasurementEvaluator.OutsideTenancy(metric, problem, time.GetUtcNow())
                : MeasurementEvaluator.InvalidTemplate(metric, problem, time.GetUtcNow());
        }
        else
        {
            var value = client.QueryAsync(rendered.Query!, cancellationToken);
            var samples = rendered.SamplesQuery is { } samplesQuery ? client.QueryAsync(samplesQuery, cancellationToken) : null;
            measurement = MeasurementEvaluator.Evaluate(
                metric,
                await value.ConfigureAwait(false),
                samples is null ? null : await samples.ConfigureAwait(false),
                time.GetUtcNow());
        }

        metrics.Record(context, measurement);
        LogMeasured(context.Namespace, context.Deployment, measurement.Metric, measurement.Verdict, measurement.Message);
        return measurement;
    }
}
