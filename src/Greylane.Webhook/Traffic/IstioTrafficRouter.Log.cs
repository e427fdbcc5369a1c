using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Traffic;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class IstioTrafficRouter
{
    [LoggerMessage(EventId = LogEvents.IstioTrafficRouterCreated, Level = LogLevel.Information, Message = "Routing: created {Subject}")]
    private partial void LogCreated(string subject);

    [LoggerMessage(EventId = LogEvents.IstioTrafficRouterReplaced, Level = LogLevel.Information, Message = "Routing: wrote {Subject}: {Reason}")]
    private partial void LogReplaced(string subject, string reason);

    [LoggerMessage(EventId = LogEvents.IstioTrafficRouterDeleted, Level = LogLevel.Information, Message = "Routing: deleted {Subject}")]
    private partial void LogDeleted(string subject);

    [LoggerMessage(EventId = LogEvents.IstioTrafficRouterRetry, Level = LogLevel.Debug, Message = "Routing: write answered {Status} (attempt {Attempt} of {Attempts}), reading again: {Problem}")]
    private partial void LogRetry(int attempt, int attempts, string? status, string problem);
}
