using Greylane.Core.Notifications;
using Greylane.Webhook.Controller.Leadership;
using Microsoft.Extensions.Logging.Abstractions;

namespace Greylane.Webhook.Notifications.Tests;

/// <summary>An outbox and its sender over the real clock, for delivery tests without a controller.</summary>
internal sealed class Senders : IAsyncDisposable
{
    private readonly NotificationSender _sender;

    public Senders(NotifyOptions options, bool leading = true)
    {
        Metrics = new NotificationMetrics(Prometheus.Metrics.NewCustomRegistry());
        Outbox = new NotificationOutbox(options, Metrics);
        Fence = new LeaderFence(TimeProvider.System);
        if (leading)
        {
            Fence.OpenForGood();
        }

        _sender = new NotificationSender(Outbox, options, Fence, Metrics, TimeProvider.System, NullLogger<NotificationSender>.Instance);
    }

    public NotificationMetrics Metrics { get; }

    public NotificationOutbox Outbox { get; }

    public LeaderFence Fence { get; }

    /// <summary>Quick retries, so tests do not wait out production backoff.</summary>
    public static NotifyOptions Options(Uri? url = null, Uri? slack = null, string? tokenFile = null, TimeSpan? timeout = null) =>
        new(url is null ? [] : [url], slack, tokenFile, timeout ?? TimeSpan.FromSeconds(10))
        {
            RetryDelay = TimeSpan.FromMilliseconds(50),
            RetryDelayMax = TimeSpan.FromMilliseconds(200),
            RetryFor = TimeSpan.FromSeconds(30),
        };

    public static ReleaseNotification Sample(string id = "0123456789abcdef0123456789abcdef", NotificationType type = NotificationType.RolledBack) =>
        new(id, type, "shop", "web", "7d9f8c6b5a", "5c4b3a2918", "Aborting", 2, 3, "step 2/3: analysis failed: rolling back", "analysis",
            new DateTimeOffset(2026, 12, 3, 20, 0, 0, TimeSpan.Zero), [new MetricValue("success-rate", 0.91, "Fail", 1, 2, 0, null)]);

    public Task StartAsync() => _sender.StartAsync(CancellationToken.None);

    public async ValueTask DisposeAsync()
    {
        await _sender.StopAsync(CancellationToken.None);
        _sender.Dispose();
    }
}
