namespace Greylane.Webhook.Controller.Leadership;

/// <content>Logging.</content>
internal sealed partial class LeaseElector
{
    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "{Identity} leads (Lease {Namespace}/{Name})")]
    private static partial void LogLeading(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 102, Level = LogLevel.Warning, Message = "{Identity} no longer holds a fresh lease: all work cancelled; campaigning again")]
    private static partial void LogLost(ILogger logger, string identity);

    [LoggerMessage(EventId = 103, Level = LogLevel.Warning, Message = "{Identity}: the lease is held by {Holder} now")]
    private static partial void LogTaken(ILogger logger, string identity, string holder);

    [LoggerMessage(EventId = 104, Level = LogLevel.Warning, Message = "leader election on Lease {Namespace}/{Name} failed (does the namespace exist, and may Greylane's service account use leases there?); retrying")]
    private static partial void LogElectionError(ILogger logger, Exception exception, string @namespace, string name);

    [LoggerMessage(EventId = 105, Level = LogLevel.Information, Message = "{Identity} stopped and handed over Lease {Namespace}/{Name}")]
    private static partial void LogReleased(ILogger logger, string identity, string @namespace, string name);

    [LoggerMessage(EventId = 106, Level = LogLevel.Warning, Message = "could not hand over Lease {Namespace}/{Name} on stopping; a successor takes it when it expires")]
    private static partial void LogReleaseFailed(ILogger logger, Exception exception, string @namespace, string name);
}
