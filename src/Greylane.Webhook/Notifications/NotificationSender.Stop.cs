using System.Threading.Channels;
using Greylane.Core.Notifications;

namespace Greylane.Webhook.Notifications;

/// <content>The graceful stop: what is still queued gets one attempt.</content>
internal sealed partial class NotificationSender
{
    /// <summary>
    /// Stops the loops, then gives what is still queued one attempt each within one <see cref="NotifyOptions.Timeout"/>:
    /// hosted services stop in reverse order, so this runs before the controller hands its lease over, and a successor
    /// never sends what this replica decided.
    /// </summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        using var bound = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        bound.CancelAfter(options.Timeout);
        await Task.WhenAll(outbox.Queues.Select(q => FlushAsync(q.Sink, q.Reader, bound.Token)));
    }

    private async Task FlushAsync(NotificationSink sink, ChannelReader<ReleaseNotification> reader, CancellationToken bound)
    {
        try
        {
            while (!bound.IsCancellationRequested && reader.TryRead(out var notification))
            {
                metrics.Dequeued();
                var result = !Leads() ? NotificationMetrics.NotLeader
                    : (await AttemptAsync(sink, notification, bound)).Outcome switch
                    {
                        Outcome.Delivered => NotificationMetrics.Delivered,
                        Outcome.Rejected => NotificationMetrics.Rejected,
                        _ => NotificationMetrics.Failed,
                    };
                metrics.Count(sink.Kind, notification.Type, result);
            }
        }
        catch (OperationCanceledException) when (bound.IsCancellationRequested)
        {
        }
    }
}
