using System.Globalization;
using System.Text;

namespace Greylane.Core.Notifications;

/// <summary>The short readable message a Slack incoming webhook gets: what happened to which release, and the metrics' last values.</summary>
public static class SlackText
{
    /// <summary>
    /// One or two lines of Slack mrkdwn. Everything that came from a strategy or from Prometheus (metric names, messages)
    /// is escaped, so it cannot mention <c>@channel</c> or hide a link.
    /// </summary>
    public static string For(ReleaseNotification notification)
    {
        ArgumentNullException.ThrowIfNull(notification);
        var text = new StringBuilder();
        text.Append(Icon(notification.Type)).Append(" *").Append(Escape($"{notification.Namespace}/{notification.Deployment}")).Append("* release `")
            .Append(Escape(Short(notification.Release))).Append("` ").Append(Verb(notification));
        if (notification.Step > 0 && notification.Type != NotificationType.Promoted)
        {
            text.Append(CultureInfo.InvariantCulture, $" at step {notification.Step}/{notification.Steps}");
        }

        text.Append('\n').Append(Escape(notification.Message));
        if (notification.Metrics.Count > 0)
        {
            text.Append('\n').Append(string.Join(", ", notification.Metrics.Select(m =>
                Escape(m.Name) + " " + (m.Value is { } value ? value.ToString("G6", CultureInfo.InvariantCulture) : "no value") + (m.Verdict is { } verdict ? $" ({verdict.ToLowerInvariant()})" : ""))));
        }

        return text.ToString();
    }

    private static string Verb(ReleaseNotification n) => n.Type switch
    {
        NotificationType.Started => "started",
        NotificationType.StepPassed => "passed a step",
        NotificationType.Paused => n.Reason switch
        {
            "inconclusive" => "is held: analysis inconclusive",
            "query-rejected" => "is held: a query was refused",
            "command" => "was paused",
            _ => "waits for promote",
        },
        NotificationType.Resumed => "resumed",
        NotificationType.Promoted => "was promoted",
        NotificationType.RolledBack => $"is rolled back ({n.Reason})",
        NotificationType.Superseded => "was superseded by a newer template",
        _ => n.Type.ToString(),
    };

    private static string Icon(NotificationType type) => type switch
    {
        NotificationType.Promoted => ":white_check_mark:",
        NotificationType.RolledBack => ":rotating_light:",
        NotificationType.Paused => ":double_vertical_bar:",
        NotificationType.Superseded => ":fast_forward:",
        _ => ":arrow_forward:",
    };

    private static string Short(string release) => release.Length > 10 ? release[..10] : release;

    // Slack's rule for mrkdwn: only &, < and > need escaping; < starts links and mentions.
    private static string Escape(string text) => text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);
}
