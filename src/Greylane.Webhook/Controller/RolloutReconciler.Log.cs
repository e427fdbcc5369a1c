using Greylane.Core.Rollout;

namespace Greylane.Webhook.Controller;

/// <content>Logging.</content>
internal sealed partial class RolloutReconciler
{
    [LoggerMessage(Level = LogLevel.Debug, Message = "{Deployment}: status changed meanwhile (409); reading again")]
    private static partial void LogConflict(ILogger logger, string deployment);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Deployment}: {Phase} step {Step}: {Message}")]
    private static partial void LogReconciled(ILogger logger, string deployment, RolloutPhase phase, int step, string message);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Deployment}: routing {Operation} (changed: {Changed}) {Details}")]
    private static partial void LogRouting(ILogger logger, string deployment, string operation, bool changed, string details);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Deployment}: template no longer matches release {Release}; not creating its canary")]
    private static partial void LogTemplateMoved(ILogger logger, string deployment, string release);
}
