using System.Threading.Channels;
using Greylane.Core.Notifications;

namespace Greylane.Webhook.Notifications;

/// <summary>
/// The bounded queues between reconciles and the sender, one per receiver: adding never blocks nor fails (a reconcile
/// must not wait for a chat server), and when a receiver's queue is full the oldest notification makes room (counted as
/// <c>dropped</c>). One queue per receiver keeps a dead one from holding up the others, and each receiver gets a release's
/// notifications in order.
/// </summary>
internal sealed class NotificationOutbox
{
    private readonly List<(NotificationSink Sink, Channel<ReleaseNotification> Queue)> _queues;
    private readonly NotificationMetrics _metrics;

    public NotificationOutbox(NotifyOptions options, NotificationMetrics metrics)
    {
        ArgumentNullException.ThrowIfNull(options);
        _metrics = metrics;
        _queues = [.. NotificationSink.All(options).Select(sink => (sink, Channel.CreateBounded<ReleaseNotification>(
            new BoundedChannelOptions(options.QueueLimit) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true },
            dropped =>
            {
                metrics.Dequeued();
                metrics.Count(sink.Kind, dropped.Type, NotificationMetrics.Dropped);
            })))];
    }

    /// <summary>The receivers, each with the reader of its queue (for the sender).</summary>
    public IEnumerable<(NotificationSink Sink, ChannelReader<ReleaseNotification> Reader)> Queues =>
        _queues.Select(q => (q.Sink, q.Queue.Reader));

    /// <summary>Queues <paramref name="notifications"/> for every receiver; returns at once.</summary>
    public void Add(IReadOnlyList<ReleaseNotification> notifications)
    {
        ArgumentNullException.ThrowIfNull(notifications);
        foreach (var notification in notifications)
        {
            foreach (var (_, queue) in _queues)
            {
                // A bounded channel that drops the oldest always takes the new item.
                if (queue.Writer.TryWrite(notification))
                {
                    _metrics.Queued();
                }
            }
        }
    }
}
