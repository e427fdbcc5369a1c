using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Controller;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class EventRecorder
{
    [LoggerMessage(EventId = LogEvents.EventRecorderEventLost, Level = LogLevel.Warning, Message = "{Subject}: Event {Reason} could not be recorded")]
    private partial void LogEventLost(Exception exception, string subject, string reason);
}
