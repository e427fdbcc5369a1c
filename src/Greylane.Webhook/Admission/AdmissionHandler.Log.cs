using Greylane.Core.Admission;
using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Admission;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class AdmissionHandler
{
    [LoggerMessage(EventId = LogEvents.AdmissionHandlerAllowed, Level = LogLevel.Debug, Message = "Admission {Uid} {Operation} {Namespace}/{Name} (dry-run {DryRun}): allowed as sent")]
    private partial void LogAllowed(string uid, AdmissionOperation operation, string? @namespace, string? name, bool dryRun);

    [LoggerMessage(EventId = LogEvents.AdmissionHandlerPatched, Level = LogLevel.Information, Message = "Admission {Uid} {Operation} {Namespace}/{Name} (dry-run {DryRun}): patched with {Operations} operations; {Warnings}")]
    private partial void LogPatched(string uid, AdmissionOperation operation, string? @namespace, string? name, bool dryRun, int operations, string warnings);

    [LoggerMessage(EventId = LogEvents.AdmissionHandlerDenied, Level = LogLevel.Information, Message = "Admission {Uid} {Operation} {Namespace}/{Name} (dry-run {DryRun}): denied: {Reason}")]
    private partial void LogDenied(string uid, AdmissionOperation operation, string? @namespace, string? name, bool dryRun, string? reason);

    [LoggerMessage(EventId = LogEvents.AdmissionHandlerDecisionFailed, Level = LogLevel.Error, Message = "Admission {Uid} for {Namespace}/{Name} could not be judged")]
    private partial void LogDecisionFailed(Exception exception, string uid, string? @namespace, string? name);

    [LoggerMessage(EventId = LogEvents.AdmissionHandlerHandlingFailed, Level = LogLevel.Error, Message = "An admission request could not be handled")]
    private partial void LogHandlingFailed(Exception exception);
}
