using Greylane.Core.Analysis;

namespace Greylane.Webhook.Analysis;

internal sealed partial class PrometheusMetricAnalyzer
{
    [LoggerMessage(EventId = 710, Level = LogLevel.Information, Message = "Measured {Metric} of {Namespace}/{Deployment}: {Verdict}, {Detail}")]
    private partial void LogMeasured(string @namespace, string deployment, string metric, MeasurementVerdict verdict, string detail);
}
