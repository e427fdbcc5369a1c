using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Traffic;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class SelectingTrafficRouter
{
    [LoggerMessage(EventId = LogEvents.SelectingTrafficRouterChose, Level = LogLevel.Debug, Message = "Routing: {Deployment} routes through {Family}")]
    private partial void LogChose(string deployment, string family);
}
