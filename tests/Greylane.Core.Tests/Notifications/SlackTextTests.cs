using Greylane.Core.Notifications;

namespace Greylane.Core.Notifications.Tests;

public sealed class SlackTextTests
{
    private static ReleaseNotification Sample(NotificationType type, string? reason, string message, params MetricValue[] metrics) =>
        new("id", type, "shop", "web", "7d9f8c6b5a4e", "s0", "Aborting", 2, 3, message, reason, DateTimeOffset.UnixEpoch, metrics);

    [Fact]
    public void A_rollback_reads_as_one_sentence_with_the_reason_step_and_values()
    {
        var text = SlackText.For(Sample(NotificationType.RolledBack, "analysis", "step 2/3: analysis failed: rolling back", new MetricValue("success-rate", 0.91, "Fail", 1, 2, 0, null)));

        Assert.Equal(":rotating_light: *shop/web* release `7d9f8c6b5a` is rolled back (analysis) at step 2/3\nstep 2/3: analysis failed: rolling back\nsuccess-rate 0.91 (fail)", text);
    }

    [Fact]
    public void Text_from_strategies_and_prometheus_cannot_mention_or_link()
    {
        var text = SlackText.For(Sample(NotificationType.Paused, "query-rejected", "held: <!channel> & <http://x|y>", new MetricValue("m", null, null, 0, 0, 1, null)));

        Assert.DoesNotContain("<", text, StringComparison.Ordinal);
        Assert.Contains("&lt;!channel&gt; &amp; &lt;http://x|y&gt;", text, StringComparison.Ordinal);
        Assert.Contains("m no value", text, StringComparison.Ordinal);
    }
}
