using Greylane.Core.Notifications;
using Greylane.Testing.Waiting;

namespace Greylane.Webhook.Notifications.Tests;

public sealed class DeliveryTests
{
    [Fact]
    public async Task Errors_and_5xx_are_retried_under_the_same_id_until_delivered_once()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Then(503).Then(500);
        await using var senders = new Senders(Senders.Options(receiver.Url));
        await senders.StartAsync();

        senders.Outbox.Add([Senders.Sample()]);

        await Eventually.TrueAsync(() => receiver.Delivered.Count == 1, "delivered");
        Assert.Equal([503, 500, 200], receiver.Requests.Select(r => r.Status));
        Assert.Single(receiver.Requests.Select(r => r.Body).Distinct());
        Assert.Equal(2, senders.Metrics.Value("cloudevents", NotificationType.RolledBack, NotificationMetrics.Retried));
        Assert.Equal(1, senders.Metrics.Value("cloudevents", NotificationType.RolledBack, NotificationMetrics.Delivered));
    }

    [Fact]
    public async Task A_slow_receiver_is_cut_off_by_the_timeout_and_tried_again()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.ThenStall();
        await using var senders = new Senders(Senders.Options(receiver.Url, timeout: TimeSpan.FromMilliseconds(300)));
        await senders.StartAsync();

        senders.Outbox.Add([Senders.Sample()]);

        await Eventually.TrueAsync(() => receiver.Delivered.Count == 1, "delivered after the stalled attempt");
        await Eventually.TrueAsync(() => receiver.Requests.Count == 2, "the stalled attempt recorded");
        Assert.Contains(receiver.Requests, r => r.Status == 0);
        Assert.Equal(1, senders.Metrics.Value("cloudevents", NotificationType.RolledBack, NotificationMetrics.Retried));
    }

    [Fact]
    public async Task A_receiver_that_refuses_with_4xx_is_not_asked_again()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        receiver.Then(400);
        await using var senders = new Senders(Senders.Options(receiver.Url));
        await senders.StartAsync();

        senders.Outbox.Add([Senders.Sample("first"), Senders.Sample("second")]);

        await Eventually.TrueAsync(() => receiver.Delivered.Count == 1, "the second delivered");
        Assert.Equal([400, 200], receiver.Requests.Select(r => r.Status));
        Assert.Equal(1, senders.Metrics.Value("cloudevents", NotificationType.RolledBack, NotificationMetrics.Rejected));
    }

    [Fact]
    public async Task A_receiver_down_for_the_whole_retry_window_is_given_up_and_counted()
    {
        var options = Senders.Options(NotificationReceiver.DeadUrl()) with { RetryFor = TimeSpan.FromMilliseconds(400) };
        await using var senders = new Senders(options);
        await senders.StartAsync();

        senders.Outbox.Add([Senders.Sample()]);

        await Eventually.TrueAsync(() => senders.Metrics.Value("cloudevents", NotificationType.RolledBack, NotificationMetrics.Failed) == 1, "given up");
        Assert.Equal(0, senders.Metrics.Value("cloudevents", NotificationType.RolledBack, NotificationMetrics.Delivered));
    }

    [Fact]
    public async Task A_full_queue_drops_the_oldest_and_counts_it()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var senders = new Senders(Senders.Options(receiver.Url) with { QueueLimit = 2 });

        senders.Outbox.Add([.. Enumerable.Range(1, 5).Select(i => Senders.Sample($"id-{i}"))]);
        await senders.StartAsync();

        await Eventually.TrueAsync(() => receiver.Delivered.Count == 2, "the two newest delivered");
        Assert.Equal(["id-4", "id-5"], receiver.Events.Select(e => (string)e["id"]!));
        Assert.Equal(3, senders.Metrics.Value("cloudevents", NotificationType.RolledBack, NotificationMetrics.Dropped));
    }

    [Fact]
    public async Task A_replica_that_does_not_lead_sends_nothing()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        await using var senders = new Senders(Senders.Options(receiver.Url), leading: false);
        await senders.StartAsync();

        senders.Outbox.Add([Senders.Sample()]);

        await Eventually.TrueAsync(() => senders.Metrics.Value("cloudevents", NotificationType.RolledBack, NotificationMetrics.NotLeader) == 1, "counted as not sent");
        Assert.Empty(receiver.Requests);
    }

    [Fact]
    public async Task The_bearer_token_goes_to_cloudevents_receivers_only_and_slack_gets_its_text()
    {
        await using var events = await NotificationReceiver.StartAsync();
        await using var slack = await NotificationReceiver.StartAsync();
        var tokenFile = Path.GetTempFileName();
        await File.WriteAllTextAsync(tokenFile, "s3cret\n");
        try
        {
            await using var senders = new Senders(Senders.Options(events.Url, slack.Url, tokenFile));
            await senders.StartAsync();

            senders.Outbox.Add([Senders.Sample()]);

            await Eventually.TrueAsync(() => events.Delivered.Count == 1 && slack.Delivered.Count == 1, "both delivered");
            Assert.Equal("Bearer s3cret", events.Delivered[0].Authorization);
            Assert.Equal("", slack.Delivered[0].Authorization);
            Assert.StartsWith("application/json", slack.Delivered[0].ContentType, StringComparison.Ordinal);
            Assert.Equal(
                ":rotating_light: *shop/web* release `7d9f8c6b5a` is rolled back (analysis) at step 2/3\nstep 2/3: analysis failed: rolling back\nsuccess-rate 0.91 (fail)",
                (string)System.Text.Json.Nodes.JsonNode.Parse(slack.Delivered[0].Body)!["text"]!);
        }
        finally
        {
            File.Delete(tokenFile);
        }
    }

    [Fact]
    public async Task A_graceful_stop_gives_what_is_still_queued_one_attempt()
    {
        await using var receiver = await NotificationReceiver.StartAsync();
        var senders = new Senders(Senders.Options(receiver.Url));
        senders.Outbox.Add([Senders.Sample("a"), Senders.Sample("b")]);

        await senders.DisposeAsync();

        Assert.Equal(["a", "b"], receiver.Events.Select(e => (string)e["id"]!));
    }

    [Fact]
    public async Task A_dead_receiver_does_not_hold_up_another()
    {
        await using var alive = await NotificationReceiver.StartAsync();
        var options = Senders.Options(NotificationReceiver.DeadUrl()) with { SlackUrl = alive.Url, RetryFor = TimeSpan.FromMinutes(5) };
        await using var senders = new Senders(options);
        await senders.StartAsync();

        senders.Outbox.Add([Senders.Sample("a"), Senders.Sample("b"), Senders.Sample("c")]);

        await Eventually.TrueAsync(() => alive.Delivered.Count == 3, "the live receiver got every notification");
    }
}
