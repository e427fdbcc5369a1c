using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Controller;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class RolloutController
{
    [LoggerMessage(EventId = LogEvents.RolloutControllerStarting, Level = LogLevel.Information, Message = "controller {Identity}: watching opted-in Deployments")]
    private partial void LogStarting(string identity);

    [LoggerMessage(EventId = LogEvents.RolloutControllerStopped, Level = LogLevel.Information, Message = "controller {Identity}: stopped acting")]
    private partial void LogStopped(string identity);

    [LoggerMessage(EventId = LogEvents.RolloutControllerSweepFailed, Level = LogLevel.Warning, Message = "the sweep for leftover routing failed; trying again in {Interval}")]
    private partial void LogSweepFailed(Exception exception, TimeSpan interval);

    [LoggerMessage(EventId = LogEvents.RolloutControllerReconcileFailed, Level = LogLevel.Warning, Message = "{Deployment}: reconcile failed; retrying in {Backoff}")]
    private partial void LogReconcileFailed(Exception exception, string deployment, TimeSpan backoff);
}
