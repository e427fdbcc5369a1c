using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Controller.Leadership;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class LeaseElector
{
    [LoggerMessage(EventId = LogEvents.LeaseElectorLeading, Level = LogLevel.Information, Message = "{Identity} leads (Lease {Namespace}/{Name})")]
    private partial void LogLeading(string identity, string @namespace, string name);

    [LoggerMessage(EventId = LogEvents.LeaseElectorLost, Level = LogLevel.Warning, Message = "{Identity} no longer holds a fresh lease: all work cancelled; campaigning again")]
    private partial void LogLost(string identity);

    [LoggerMessage(EventId = LogEvents.LeaseElectorTaken, Level = LogLevel.Warning, Message = "{Identity}: the lease is held by {Holder} now")]
    private partial void LogTaken(string identity, string holder);

    [LoggerMessage(EventId = LogEvents.LeaseElectorElectionError, Level = LogLevel.Warning, Message = "leader election on Lease {Namespace}/{Name} failed (does the namespace exist, and may Greylane's service account use leases there?); retrying")]
    private partial void LogElectionError(Exception exception, string @namespace, string name);

    [LoggerMessage(EventId = LogEvents.LeaseElectorReleased, Level = LogLevel.Information, Message = "{Identity} stopped and handed over Lease {Namespace}/{Name}")]
    private partial void LogReleased(string identity, string @namespace, string name);

    [LoggerMessage(EventId = LogEvents.LeaseElectorReleaseFailed, Level = LogLevel.Warning, Message = "could not hand over Lease {Namespace}/{Name} on stopping; a successor takes it when it expires")]
    private partial void LogReleaseFailed(Exception exception, string @namespace, string name);
}
