using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Controller;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class RoutingSweep
{
    [LoggerMessage(EventId = LogEvents.RoutingSweepUnowned, Level = LogLevel.Warning, Message = "{Subject} carries greylane.dev/origin but names no owner (saved by an older Greylane): left as it is; restore it by hand from the annotation")]
    private partial void LogUnowned(string subject);

    [LoggerMessage(EventId = LogEvents.RoutingSweepNotRestored, Level = LogLevel.Warning, Message = "{Subject}: left as it is: {Problem}")]
    private partial void LogNotRestored(string subject, string problem);

    [LoggerMessage(EventId = LogEvents.RoutingSweepRestored, Level = LogLevel.Information, Message = "{Subject}: restored, its Deployment {Owner} is gone")]
    private partial void LogRestored(string subject, string owner);
}
