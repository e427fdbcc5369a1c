using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Analysis;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class PrometheusClient
{
    [LoggerMessage(EventId = LogEvents.PrometheusClientRetry, Level = LogLevel.Debug, Message = "Prometheus query retry {Attempt} of {Retries} in {Backoff}: {Problem}")]
    private partial void LogRetry(int attempt, int retries, TimeSpan backoff, string? problem);
}
