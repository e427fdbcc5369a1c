namespace Greylane.Webhook.Traffic;

internal sealed partial class IstioTrafficRouter
{
    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Routing: created {Subject}")]
    private partial void LogCreated(string subject);

    [LoggerMessage(EventId = 601, Level = LogLevel.Information, Message = "Routing: wrote {Subject}: {Reason}")]
    private partial void LogReplaced(string subject, string reason);

    [LoggerMessage(EventId = 602, Level = LogLevel.Information, Message = "Routing: deleted {Subject}")]
    private partial void LogDeleted(string subject);

    [LoggerMessage(EventId = 603, Level = LogLevel.Debug, Message = "Routing: write answered {Status} (attempt {Attempt} of {Attempts}), reading again: {Problem}")]
    private partial void LogRetry(int attempt, int attempts, string? status, string problem);
}
