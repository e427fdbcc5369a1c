using Greylane.Core.Admission;

namespace Greylane.Webhook.Admission;

internal sealed partial class AdmissionHandler
{
    [LoggerMessage(EventId = 100, Level = LogLevel.Debug, Message = "Admission {Uid} {Operation} {Namespace}/{Name} (dry-run {DryRun}): allowed as sent")]
    private partial void LogAllowed(string uid, AdmissionOperation operation, string? @namespace, string? name, bool dryRun);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Admission {Uid} {Operation} {Namespace}/{Name} (dry-run {DryRun}): patched with {Operations} operations; {Warnings}")]
    private partial void LogPatched(string uid, AdmissionOperation operation, string? @namespace, string? name, bool dryRun, int operations, string warnings);

    [LoggerMessage(EventId = 102, Level = LogLevel.Information, Message = "Admission {Uid} {Operation} {Namespace}/{Name} (dry-run {DryRun}): denied: {Reason}")]
    private partial void LogDenied(string uid, AdmissionOperation operation, string? @namespace, string? name, bool dryRun, string? reason);

    [LoggerMessage(EventId = 103, Level = LogLevel.Error, Message = "Admission {Uid} for {Namespace}/{Name} could not be judged")]
    private partial void LogDecisionFailed(Exception exception, string uid, string? @namespace, string? name);

    [LoggerMessage(EventId = 104, Level = LogLevel.Error, Message = "An admission request could not be handled")]
    private partial void LogHandlingFailed(Exception exception);
}
