using System.Globalization;
using Greylane.Core.Rollout;
using k8s.Models;

namespace Greylane.Webhook.Controller;

/// <summary>Records Kubernetes Events on a Deployment (or another object Greylane changed). Best effort: a lost Event never fails a reconcile (the status history keeps the record).</summary>
internal sealed partial class EventRecorder(ClusterClient cluster, TimeProvider time, string instance, ILogger<EventRecorder> logger)
{
    public const string Component = "greylane";

    public Task RecordAsync(DeploymentDocument deployment, string reason, string message, EventType type, CancellationToken cancellationToken) =>
        RecordAsync(
            new V1ObjectReference { ApiVersion = "apps/v1", Kind = "Deployment", Name = deployment.Name, NamespaceProperty = deployment.Namespace, Uid = deployment.Uid },
            reason,
            message,
            type,
            cancellationToken);

    /// <summary>Records an Event on <paramref name="involved"/> (a Deployment, or a routing object the sweep restored).</summary>
    public async Task RecordAsync(V1ObjectReference involved, string reason, string message, EventType type, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(involved);
        var now = time.GetUtcNow().UtcDateTime;
        var @event = new Corev1Event
        {
            Metadata = new V1ObjectMeta
            {
                Name = $"{involved.Name}.{now.Ticks.ToString("x", CultureInfo.InvariantCulture)}{Random.Shared.Next(0x1000):x3}",
                NamespaceProperty = involved.NamespaceProperty,
            },
            InvolvedObject = involved,
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
            LogEventLost(e, $"{involved.Kind} {involved.NamespaceProperty}/{involved.Name}", reason);
        }
    }

}
