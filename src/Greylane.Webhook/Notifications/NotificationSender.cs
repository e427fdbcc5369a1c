using System.Net;
using System.Net.Http.Headers;
using System.Threading.Channels;
using Greylane.Core.Notifications;
using Greylane.Webhook.Controller.Leadership;

namespace Greylane.Webhook.Notifications;

/// <summary>
/// Drains the outbox in the background, one loop per receiver: each notification is sent, and retried with a doubling
/// wait on errors, timeouts, 5xx, 408 and 429 for at most <see cref="NotifyOptions.RetryFor"/> (under the same id, so a
/// receiver that saw an attempt whose answer was lost can drop the repeat). Only the leader sends: the fence is asked
/// before every attempt, as before every write.
/// </summary>
internal sealed partial class NotificationSender(
    NotificationOutbox outbox,
    NotifyOptions options,
    LeaderFence fence,
    NotificationMetrics metrics,
    TimeProvider time,
    ILogger<NotificationSender> logger) : BackgroundService
{
    private readonly HttpClient _http = new(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), AllowAutoRedirect = false })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };

    public override void Dispose()
    {
        _http.Dispose();
        base.Dispose();
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(outbox.Queues.Select(q => DrainAsync(q.Sink, q.Reader, stoppingToken)));

    private async Task DrainAsync(NotificationSink sink, ChannelReader<ReleaseNotification> reader, CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var notification in reader.ReadAllAsync(stoppingToken))
            {
                metrics.Dequeued();
                await DeliverAsync(sink, notification, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task DeliverAsync(NotificationSink sink, ReleaseNotification notification, CancellationToken stoppingToken)
    {
        var giveUpAt = time.GetUtcNow() + options.RetryFor;
        var delay = options.RetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            if (!Leads())
            {
                metrics.Count(sink.Kind, notification.Type, NotificationMetrics.NotLeader);
                return;
            }

            var (outcome, why) = await AttemptAsync(sink, notification, stoppingToken);
            switch (outcome)
            {
                case Outcome.Delivered:
                    metrics.Count(sink.Kind, notification.Type, NotificationMetrics.Delivered);
                    return;
                case Outcome.Rejected:
                    metrics.Count(sink.Kind, notification.Type, NotificationMetrics.Rejected);
                    LogRejected(sink.ToString(), notification.CloudEventType, notification.Source, why);
                    return;
            }

            if (time.GetUtcNow() + delay > giveUpAt)
            {
                metrics.Count(sink.Kind, notification.Type, NotificationMetrics.Failed);
                LogGaveUp(sink.ToString(), notification.CloudEventType, notification.Source, attempt, why);
                return;
            }

            metrics.Count(sink.Kind, notification.Type, NotificationMetrics.Retried);
            LogRetry(sink.ToString(), notification.CloudEventType, notification.Source, attempt, why, delay);
            await Task.Delay(delay, time, stoppingToken);
            delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, options.RetryDelayMax.Ticks));
        }
    }

    private async Task<(Outcome Outcome, string Why)> AttemptAsync(NotificationSink sink, ReleaseNotification notification, CancellationToken stoppingToken)
    {
        using var timeout = new CancellationTokenSource(options.Timeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken, timeout.Token);
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, sink.Url) { Content = sink.Body(notification) };
            if (sink.SendsToken && await TokenAsync(linked.Token) is { } token)
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }

            using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, linked.Token);
            var code = (int)response.StatusCode;
            return code switch
            {
                >= 200 and < 300 => (Outcome.Delivered, ""),
                >= 500 or (int)HttpStatusCode.TooManyRequests or (int)HttpStatusCode.RequestTimeout => (Outcome.Retry, $"answered {code}"),
                _ => (Outcome.Rejected, $"answered {code}"),
            };
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            return (Outcome.Retry, $"no answer within {options.Timeout.TotalSeconds:0.###}s");
        }
        catch (HttpRequestException e)
        {
            return (Outcome.Retry, e.Message);
        }
        catch (IOException e)
        {
            return (Outcome.Retry, $"the token file could not be read: {e.Message}");
        }
    }

    // Read at every attempt, so a rotated Secret is picked up without a restart.
    private async Task<string?> TokenAsync(CancellationToken cancellationToken) =>
        options.TokenFile is { } path ? (await File.ReadAllTextAsync(path, cancellationToken)).Trim() : null;

    private bool Leads()
    {
        try
        {
            fence.EnsureOpen("notification");
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private enum Outcome
    {
        Delivered,
        Retry,
        Rejected,
    }
}
