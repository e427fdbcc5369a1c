using Greylane.Core.Notifications;

namespace Greylane.Webhook.Notifications;

/// <summary>One receiver set by the operator: its kind (the metrics' <c>sink</c> label), address and body.</summary>
internal sealed record NotificationSink(string Kind, Uri Url, bool SendsToken, Func<ReleaseNotification, HttpContent> Body)
{
    public const string CloudEvents = "cloudevents";

    public const string Slack = "slack";

    /// <summary>Every receiver of <paramref name="options"/>: the CloudEvents ones (with the bearer token), then Slack (whose URL is its secret).</summary>
    public static IReadOnlyList<NotificationSink> All(NotifyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var sinks = options.Urls.Select(url => new NotificationSink(CloudEvents, url, SendsToken: true, CloudEventPayload.Content)).ToList();
        if (options.SlackUrl is { } slack)
        {
            sinks.Add(new NotificationSink(Slack, slack, SendsToken: false, SlackPayload.Content));
        }

        return sinks;
    }

    /// <summary>The address as logs may show it.</summary>
    public override string ToString() => $"{Kind} {NotifyOptions.Redacted(Url)}";
}
