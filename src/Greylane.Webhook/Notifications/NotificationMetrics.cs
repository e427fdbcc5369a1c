using Greylane.Core.Notifications;
using Prometheus;

namespace Greylane.Webhook.Notifications;

/// <summary><c>greylane_notifications_total{sink,type,result}</c> and the outbox's depth.</summary>
internal sealed class NotificationMetrics
{
    /// <summary>Delivered (2xx).</summary>
    public const string Delivered = "delivered";

    /// <summary>An attempt failed (error, timeout, 5xx, 429, 408) and will be retried.</summary>
    public const string Retried = "retried";

    /// <summary>Retried for the whole retry window without success; given up.</summary>
    public const string Failed = "failed";

    /// <summary>Refused by the receiver (another 4xx): not retried.</summary>
    public const string Rejected = "rejected";

    /// <summary>The oldest notification was dropped because the receiver's queue was full.</summary>
    public const string Dropped = "dropped";

    /// <summary>Not sent because this replica no longer leads (the new leader sends what it decides).</summary>
    public const string NotLeader = "not_leader";

    private readonly Counter _total;
    private readonly Gauge _queued;

    public NotificationMetrics(CollectorRegistry registry)
    {
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _total = factory.CreateCounter(
            "greylane_notifications_total",
            "Release notifications by receiver kind, CloudEvents type and result (delivered, retried, failed, rejected, dropped, not_leader).",
            new CounterConfiguration { LabelNames = ["sink", "type", "result"] });
        _queued = factory.CreateGauge(
            "greylane_notifications_queued",
            "Notifications waiting to be sent, all receivers together.");
    }

    public void Count(string sink, NotificationType type, string result) =>
        _total.WithLabels(sink, NotificationTypes.CloudEventType(type), result).Inc();

    public void Queued() => _queued.Inc();

    public void Dequeued() => _queued.Dec();

    /// <summary>The count so far (tests, and anyone reading the registry).</summary>
    public double Value(string sink, NotificationType type, string result) =>
        _total.WithLabels(sink, NotificationTypes.CloudEventType(type), result).Value;
}
