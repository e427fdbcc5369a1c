using System.Globalization;
using Greylane.Core.Rollout;
using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>Records Kubernetes Events on a Deployment. Best effort: a lost Event never fails a reconcile (the status history keeps the record).</summary>
internal sealed partial class EventRecorder(ClusterClient cluster, TimeProvider time, string instance, ILogger<EventRecorder> logger)
{
    public const string Component = "greylane";

    public async Task RecordAsync(DeploymentDocument deployment, string reason, string message, EventType type, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var @event = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{deployment.Name}.{now.Ticks.ToString("x", CultureInfo.InvariantCulture)}{Random.Shared.Next(0x1000):x3}",
                NamespaceProperty = deployment.Namespace,
            },
            InvolvedObject = new V1ObjectReference
            {
                ApiVersion = "apps/v1",
                Kind = "Deployment",
                Name = deployment.Name,
                NamespaceProperty = deployment.Namespace,
                Uid = deployment.Uid,
            },
            Reason = reason,
            Message = message.Length > 1024 ? message[..1021] + "..." : message,
            Type = type == EventType.Warning ? "Warning" : "Normal",
            Source = new V1EventSource { Component = Component },
            ReportingComponent = "greylane.dev/controller",
            ReportingInstance = instance,
            FirstTimestamp = now,
            LastTimestamp = now,
            EventTime = now,
            Action = reason,
            Count = 1,
        };
        try
        {
            await cluster.CreateEventAsync(@event, cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogEventLost(logger, e, deployment.Key, reason);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Deployment}: Event {Reason} could not be recorded")]
    private static partial void LogEventLost(ILogger logger, Exception exception, string deployment, string reason);
}
