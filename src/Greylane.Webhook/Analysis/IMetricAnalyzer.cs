using Greylane.Core.Analysis;
using Greylane.Core.Strategy;

namespace Greylane.Webhook.Analysis;

/// <summary>Measures metrics for a release; what the controller calls when the step machine asks to measure.</summary>
public interface IMetricAnalyzer
{
    /// <summary>
    /// One measurement per metric in <paramref name="metrics"/>, in order. Never throws for Prometheus' or the network's
    /// failures: they are inconclusive measurements whose message says what went wrong.
    /// </summary>
    Task<IReadOnlyList<MetricMeasurement>> MeasureAsync(AnalysisContext context, IReadOnlyList<MetricSpec> metrics, CancellationToken cancellationToken);
}
