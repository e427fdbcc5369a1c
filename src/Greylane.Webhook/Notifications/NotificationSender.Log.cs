using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Notifications;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class NotificationSender
{
    [LoggerMessage(EventId = LogEvents.NotificationSenderRetry, Level = LogLevel.Information, Message = "{Sink}: {Type} of {Source} not delivered (attempt {Attempt}: {Why}); retrying in {Delay}")]
    private partial void LogRetry(string sink, string type, string source, int attempt, string why, TimeSpan delay);

    [LoggerMessage(EventId = LogEvents.NotificationSenderGaveUp, Level = LogLevel.Warning, Message = "{Sink}: {Type} of {Source} given up after {Attempt} attempts: {Why}")]
    private partial void LogGaveUp(string sink, string type, string source, int attempt, string why);

    [LoggerMessage(EventId = LogEvents.NotificationSenderRejected, Level = LogLevel.Warning, Message = "{Sink}: {Type} of {Source} refused by the receiver ({Why}); not retried")]
    private partial void LogRejected(string sink, string type, string source, string why);
}
