using Greylane.Core.Analysis;
using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Analysis;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class PrometheusMetricAnalyzer
{
    [LoggerMessage(EventId = LogEvents.PrometheusMetricAnalyzerMeasured, Level = LogLevel.Information, Message = "Measured {Metric} of {Namespace}/{Deployment}: {Verdict}, {Detail}")]
    private partial void LogMeasured(string @namespace, string deployment, string metric, MeasurementVerdict verdict, string detail);
}
