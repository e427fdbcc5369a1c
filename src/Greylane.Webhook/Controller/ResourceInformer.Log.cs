using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Controller;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class ResourceInformer<TItem>
{
    [LoggerMessage(EventId = LogEvents.ResourceInformerExpired, Level = LogLevel.Information, Message = "{Kind} watch expired (410): listing again")]
    private partial void LogExpired(string kind);

    [LoggerMessage(EventId = LogEvents.ResourceInformerWatchFailed, Level = LogLevel.Warning, Message = "{Kind} watch failed; retrying in {Backoff}")]
    private partial void LogWatchFailed(Exception exception, string kind, TimeSpan backoff);
}
