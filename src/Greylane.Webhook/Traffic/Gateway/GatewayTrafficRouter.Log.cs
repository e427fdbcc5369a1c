using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Traffic.Gateway;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class GatewayTrafficRouter
{
    [LoggerMessage(EventId = LogEvents.GatewayTrafficRouterCreated, Level = LogLevel.Information, Message = "Gateway API routing: created {Subject}")]
    private partial void LogCreated(string subject);

    [LoggerMessage(EventId = LogEvents.GatewayTrafficRouterReplaced, Level = LogLevel.Information, Message = "Gateway API routing: wrote {Subject}: {Reason}")]
    private partial void LogReplaced(string subject, string reason);

    [LoggerMessage(EventId = LogEvents.GatewayTrafficRouterDeleted, Level = LogLevel.Information, Message = "Gateway API routing: deleted {Subject}")]
    private partial void LogDeleted(string subject);

    [LoggerMessage(EventId = LogEvents.GatewayTrafficRouterRetry, Level = LogLevel.Debug, Message = "Gateway API routing: write answered {Status} (attempt {Attempt} of {Attempts}), reading again: {Problem}")]
    private partial void LogRetry(int attempt, int attempts, string? status, string problem);
}
