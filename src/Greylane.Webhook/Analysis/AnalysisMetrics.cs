using Greylane.Core.Analysis;
using Prometheus;

namespace Greylane.Webhook.Analysis;

/// <summary>Greylane's own metrics about analysis: measurements by verdict, the last value, and Prometheus request time.</summary>
internal sealed class AnalysisMetrics
{
    private readonly Counter _measurements;
    private readonly Gauge _lastValue;
    private readonly Gauge _lastStableValue;
    private readonly Gauge _lastPValue;
    private readonly Histogram _requestDuration;

    public AnalysisMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _measurements = factory.CreateCounter(
            "greylane_analysis_measurements_total",
            "Measurements taken, by Deployment, metric and verdict (Pass, Fail, Inconclusive).",
            new CounterConfiguration { LabelNames = ["namespace", "deployment", "metric", "verdict"] });
        _lastValue = factory.CreateGauge(
            "greylane_analysis_last_value",
            "The last finite value measured for a metric of a Deployment.",
            new GaugeConfiguration { LabelNames = ["namespace", "deployment", "metric"] });
        _lastStableValue = factory.CreateGauge(
            "greylane_analysis_last_stable_value",
            "The stable pods' value in the last measurement of a metric compared with stable (compare: stable).",
            new GaugeConfiguration { LabelNames = ["namespace", "deployment", "metric"] });
        _lastPValue = factory.CreateGauge(
            "greylane_analysis_last_p_value",
            "The one-sided p-value of the last test of a metric (test: mann-whitney).",
            new GaugeConfiguration { LabelNames = ["namespace", "deployment", "metric"] });
        _requestDuration = factory.CreateHistogram(
            "greylane_prometheus_request_duration_seconds",
            "Time of one query attempt against Prometheus, by outcome (success, error, unreachable, timeout, http_error, invalid).",
            new HistogramConfiguration
            {
                LabelNames = ["outcome"],
                Buckets = Histogram.ExponentialBuckets(0.005, 2, 12),
            });
    }

    public void Record(AnalysisContext context, MetricMeasurement measurement)
    {
        _measurements.WithLabels(context.Namespace, context.Deployment, measurement.Metric, measurement.Verdict.ToString()).Inc();
        if (measurement.Value is { } value)
        {
            _lastValue.WithLabels(context.Namespace, context.Deployment, measurement.Metric).Set(value);
        }

        if (measurement.StableValue is { } stable)
        {
            _lastStableValue.WithLabels(context.Namespace, context.Deployment, measurement.Metric).Set(stable);
        }

        if (measurement.PValue is { } p)
        {
            _lastPValue.WithLabels(context.Namespace, context.Deployment, measurement.Metric).Set(p);
        }
    }

    public void RecordRequest(QueryOutcome outcome, TimeSpan elapsed)
    {
        var label = outcome switch
        {
            { Response.IsSuccess: true } => "success",
            { Response: not null } => "error",
            { Failure.Kind: QueryFailureKind.Unreachable } => "unreachable",
            { Failure.Kind: QueryFailureKind.Timeout } => "timeout",
            { Failure.Kind: QueryFailureKind.HttpError } => "http_error",
            _ => "invalid",
        };
        _requestDuration.WithLabels(label).Observe(elapsed.TotalSeconds);
    }
}
