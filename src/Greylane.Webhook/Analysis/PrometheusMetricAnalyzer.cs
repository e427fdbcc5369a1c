using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis;

/// <summary>
/// Renders each metric's queries for the release, scopes them to its namespace, asks Prometheus, judges the answers and
/// records the metrics. This is the one place queries are sent from, so every query (built-in ones and both sides of a comparison included) is
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
            measurement = (metric.Test is not null
                ? await TestAsync(metric, rendered, cancellationToken).ConfigureAwait(false)
                : metric.Compare is not null
                    ? await CompareAsync(metric, rendered, cancellationToken).ConfigureAwait(false)
                    : await ValueAsync(metric, rendered, cancellationToken).ConfigureAwait(false))
                with
            {
                Query = rendered.Query,
                StableQuery = rendered.StableQuery,
            };
        }

        metrics.Record(context, measurement);
        LogMeasured(context.Namespace, context.Deployment, measurement.Metric, measurement.Verdict, measurement.Message);
        return measurement;
    }

    private async Task<MetricMeasurement> ValueAsync(MetricSpec metric, RenderedMetric rendered, CancellationToken cancellationToken)
    {
        var value = client.QueryAsync(rendered.Query!, cancellationToken);
        var samples = rendered.SamplesQuery is { } samplesQuery ? client.QueryAsync(samplesQuery, cancellationToken) : null;
        return MeasurementEvaluator.Evaluate(
            metric,
            await value.ConfigureAwait(false),
            samples is null ? null : await samples.ConfigureAwait(false),
            time.GetUtcNow());
    }

    /// <summary>Both sides at once, so that they are measured over the same window.</summary>
    private async Task<MetricMeasurement> CompareAsync(MetricSpec metric, RenderedMetric rendered, CancellationToken cancellationToken)
    {
        var canary = SideAsync(rendered.Query!, rendered.SamplesQuery, cancellationToken);
        var stable = SideAsync(rendered.StableQuery!, rendered.StableSamplesQuery, cancellationToken);
        return ComparisonEvaluator.Evaluate(metric, await canary.ConfigureAwait(false), await stable.ConfigureAwait(false), time.GetUtcNow());
    }

    private async Task<MetricMeasurement> TestAsync(MetricSpec metric, RenderedMetric rendered, CancellationToken cancellationToken)
    {
        var step = metric.Test!.Step;
        var canary = client.QueryRangeAsync(rendered.Query!, metric.Window, step, cancellationToken);
        var stable = client.QueryRangeAsync(rendered.StableQuery!, metric.Window, step, cancellationToken);
        return MannWhitneyEvaluator.Evaluate(metric, await canary.ConfigureAwait(false), await stable.ConfigureAwait(false), time.GetUtcNow());
    }

    private async Task<SideOutcome> SideAsync(string query, string? samplesQuery, CancellationToken cancellationToken)
    {
        var value = client.QueryAsync(query, cancellationToken);
        var samples = samplesQuery is null ? null : client.QueryAsync(samplesQuery, cancellationToken);
        return new SideOutcome(await value.ConfigureAwait(false), samples is null ? null : await samples.ConfigureAwait(false));
    }
}
