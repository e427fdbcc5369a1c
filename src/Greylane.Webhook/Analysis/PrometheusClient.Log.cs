namespace Greylane.Webhook.Analysis;

internal sealed partial class PrometheusClient
{
    [LoggerMessage(EventId = 700, Level = LogLevel.Debug, Message = "Prometheus query retry {Attempt} of {Retries} in {Backoff}: {Problem}")]
    private partial void LogRetry(int attempt, int retries, TimeSpan backoff, string? problem);
}
