using Greylane.Core.Rollout;
using Greylane.Webhook.Logging;

namespace Greylane.Webhook.Controller;

/// <content>Logging (event ids in <see cref="LogEvents"/>).</content>
internal sealed partial class RolloutReconciler
{
    [LoggerMessage(EventId = LogEvents.RolloutReconcilerConflict, Level = LogLevel.Debug, Message = "{Deployment}: status changed meanwhile (409); reading again")]
    private partial void LogConflict(string deployment);

    [LoggerMessage(EventId = LogEvents.RolloutReconcilerReconciled, Level = LogLevel.Information, Message = "{Deployment}: {Phase} step {Step}: {Message}")]
    private partial void LogReconciled(string deployment, RolloutPhase phase, int step, string message);

    [LoggerMessage(EventId = LogEvents.RolloutReconcilerRouting, Level = LogLevel.Information, Message = "{Deployment}: routing {Operation} (changed: {Changed}) {Details}")]
    private partial void LogRouting(string deployment, string operation, bool changed, string details);

    [LoggerMessage(EventId = LogEvents.RolloutReconcilerTemplateMoved, Level = LogLevel.Information, Message = "{Deployment}: template no longer matches release {Release}; not creating its canary")]
    private partial void LogTemplateMoved(string deployment, string release);
}
